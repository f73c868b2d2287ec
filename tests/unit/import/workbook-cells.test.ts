/**
 * A workbook cell as text (workbook-cells.ts): what the office sees in Excel, except where that text loses what the
 * file holds. Found by a read-only review of odd files.
 */
import { describe, expect, it } from 'vitest';
import { cellText } from '../../../electron/parsing/workbook-cells';

describe('cellText', () => {
  it('reads a formula written without a computed value as an empty cell, not a crash', () => {
    // SheetJS-based exporters write `<c t="e"><f>C3+1</f></c>`: no value; the whole import failed as "internal".
    expect(cellText({ t: 'e', f: 'C3+1' }, false)).toBe('');
    expect(cellText({ t: 'e', v: 0x2a }, false)).toBe('#N/A');
  });

  it('keeps every digit of a whole number shown with separators or as a power of ten', () => {
    expect(cellText({ t: 'n', v: 5125550135, z: '#,##0' }, false)).toBe('5125550135');
    expect(cellText({ t: 'n', v: 5125550135, z: '0.00E+00' }, false)).toBe('5125550135');
    // A ZIP's leading zero is the format's: still applied.
    expect(cellText({ t: 'n', v: 2134, z: '00000' }, false)).toBe('02134');
    expect(cellText({ t: 'n', v: 1234.5, z: '#,##0.00' }, false)).toBe('1,234.50');
  });
});
