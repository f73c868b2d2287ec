/** shared/ca-provinces.ts: a Canadian province as a row writes it, read the same by its quick path and its full one. */
import { describe, expect, it } from 'vitest';
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
