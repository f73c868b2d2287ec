/**
 * A value typed in the import's review replaces the cell it was typed for. A review: Home Phone's "555-0199 (no area
 * code)" fixed as 512-555-0199 went into the first phone column, Mobile, and the row's good mobile number was lost
 * (not even noted), and with it a match on the opt-out list.
 */
import { describe, expect, it } from 'vitest';
import { createRowFixer } from '../../../electron/core/imports/row-fixes';
import { suggestMapping } from '../../../electron/parsing/mapping';
import { createRowValidator } from '../../../electron/parsing/row-validator';

describe('a fix typed in the review', () => {
  const headers = ['Name', 'Mobile', 'Home Phone'];
  const row = ['Ann Lee', '512-555-0142', '555-0199'];

  it('replaces the cell of the column it names, and the row keeps its other numbers', () => {
    const fixer = createRowFixer(suggestMapping(headers), headers.length, [{ rowNumber: 2, field: 'phone', column: 2, value: '512-555-0199' }]);
    expect(fixer.apply(2, row)).toEqual(['Ann Lee', '512-555-0142', '512-555-0199']);
    const lead = createRowValidator({ mapping: fixer.mapping })(fixer.apply(2, row));
    expect(lead).toMatchObject({ ok: true, lead: { phone: '+15125550142', otherContactKeys: [{ kind: 'phone', value: '+15125550199' }] } });
    if (lead.ok) expect(lead.lead.notes).toContain('Home Phone: +15125550199');
  });

  it('goes to the first column of its field when it names none; naming one no longer mapped to its field, it is not applied', () => {
    const mapping = suggestMapping(headers);
    expect(createRowFixer(mapping, 3, [{ rowNumber: 2, field: 'phone', value: '512-555-0100' }]).apply(2, row)).toEqual(['Ann Lee', '512-555-0100', '555-0199']);
    // Home Phone mapped to Ignore after its fix was typed: Mobile's good number stays.
    const homeIgnored = { columns: mapping.columns.map((column) => (column.index === 2 ? { ...column, field: 'ignore' as const } : column)) };
    expect(createRowFixer(homeIgnored, 3, [{ rowNumber: 2, field: 'phone', column: 2, value: '512-555-0199' }]).apply(2, row)).toEqual(row);
    // Another row's cells are left as they are.
    expect(createRowFixer(mapping, 3, [{ rowNumber: 3, field: 'phone', column: 2, value: '512-555-0100' }]).apply(2, row)).toBe(row);
  });
});
