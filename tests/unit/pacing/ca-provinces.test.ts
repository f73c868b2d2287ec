/**
 * shared/ca-provinces.ts and electron/parsing/us-states.ts: a Canadian province or a US state as a row writes it, read
 * the same by their quick paths (the common cells, asked of every row an import reads) and their full ones.
 */
import { describe, expect, it } from 'vitest';
import { usStateCode } from '../../../electron/parsing/us-states';
import { caProvinceCode } from '../../../shared/ca-provinces';

describe('caProvinceCode', () => {
  it('reads codes in any case, names with or without accents, and nothing else', () => {
    const read = (cells: string[]) => cells.map((cell) => caProvinceCode(cell));
    expect(read(['BC', 'on', 'Qc', 'yt', ' BC ', 'B.C', 'British Columbia', 'QUÉBEC', 'Nova  Scotia', 'prince edward island'])).toEqual([
      'BC', 'ON', 'QC', 'YT', 'BC', null, 'BC', 'QC', 'NS', 'PE',
    ]);
    // A US state's code, a word that is no province, a code written with an accent (read without it), empty cells.
    expect(read(['TX', 'ca', 'WA', 'Texas', 'ÓN', 'B.', '', '  '])).toEqual([null, null, null, null, 'ON', null, null, null]);
  });
});

describe('usStateCode', () => {
  it('reads codes in any case, names and usual abbreviations however spaced or dotted, and nothing else', () => {
    const read = (cells: string[]) => cells.map((cell) => usStateCode(cell));
    expect(read(['TX', 'tx', 'Tx', 'Texas', 'TEXAS', 'New York', 'new  york', ' New York ', 'Wash.', 'wash', 'Washington D.C.'])).toEqual([
      'TX', 'TX', 'TX', 'TX', 'TX', 'NY', 'NY', 'NY', 'WA', 'WA', 'DC',
    ]);
    // "N.Y." reads "n y": no state's name.
    expect(read(['ON', 'XX', 'T', 'Tex as', 'Ontario', '', '  ', 'T.', 'N.Y.'])).toEqual([null, null, null, null, null, null, null, null, null]);
  });
});

describe('a cell that names a property of every JavaScript object', () => {
  it('is no state and no province', () => {
    // Looked up in an object, "constructor" answered with Object itself: a function where a code was expected.
    for (const cell of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect([cell, usStateCode(cell), caProvinceCode(cell)]).toEqual([cell, null, null]);
    }
  });
});
