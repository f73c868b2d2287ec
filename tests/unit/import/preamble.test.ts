/**
 * Lines above the header: Excel's "sep=;" line and a report title. Read as the header they lost every column
 * name (the real header became a rejected row, "Phone has no digits: 'Phone'"), and a "sep=;" line rejected the
 * whole file as shifted rows. Leading blank lines made the blank line the header.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readCsvRows } from '../../../electron/parsing/csv-reader';
import { rowsAboveHeader } from '../../../electron/parsing/preamble';
import { sniffBytes } from '../../../electron/parsing/sniff';
import { tempDir } from './helpers';

const HEADER = 'First Name,Last Name,Phone,Email';
const DATA = ['Ann,Lee,(512) 555-0142,ann@example.com', 'Bob,Ray,(512) 555-0143,'];
const bytes = (text: string) => new TextEncoder().encode(text);

const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.cleanup();
});

async function read(text: string) {
  const dir = tempDir();
  dirs.push(dir);
  const file = dir.file('leads.csv', text);
  const sniff = sniffBytes(bytes(text));
  const reader = readCsvRows(file, { encoding: sniff.encoding, delimiter: sniff.delimiter, hasHeader: sniff.hasHeader });
  const rows = [];
  for await (const row of reader) rows.push(row);
  return { sniff, headers: reader.headers, rows };
}

describe('lines above the header', () => {
  it.each([
    ['a report title and a date', ['Customer Export - Summit Roofing,,,', 'Exported 3/1/2024,,,', HEADER, ...DATA].join('\n'), 3],
    ["Excel's sep= line", ['sep=,', HEADER, ...DATA].join('\n'), 2],
    ['blank lines', ['', ',,,', HEADER, ...DATA].join('\n'), 3],
  ])('%s: the sniff and the reader take the same header, and the rows keep their spreadsheet numbers', async (_, text, headerRow) => {
    const { sniff, headers, rows } = await read(text);
    expect(sniff).toMatchObject({ hasHeader: true, headers: ['First Name', 'Last Name', 'Phone', 'Email'] });
    expect(sniff.previewRows).toEqual(DATA.map((line) => line.split(',')));
    expect(headers).toEqual(sniff.headers);
    expect(rows.map((row) => [row.rowNumber, row.cells[0], row.problem])).toEqual([
      [headerRow + 1, 'Ann', null],
      [headerRow + 2, 'Bob', null],
    ]);
    // The wizard's preview numbers its rows as the review will (it counted 1, 2… from the first data row).
    expect(sniff.previewRowNumbers).toEqual(rows.map((row) => row.rowNumber));
  });

  it('numbers preview rows as the reader does when blank lines sit between them, and names a short row by its number', async () => {
    const { sniff, rows } = await read([HEADER, DATA[0], '', ',,,', DATA[1], 'Cy,Short'].join('\n'));
    expect(sniff.previewRowNumbers).toEqual([2, 5, 6]);
    expect(rows.map((row) => row.rowNumber)).toEqual([2, 5, 6]);
    expect(sniff.warnings).toContain('In the preview, row 6 has a different number of cells than the 4 columns.');
  });

  it('reads the separator a sep= line names', async () => {
    const text = ['sep=;', 'First Name;Last Name;Phone;Email', 'Ann;Lee;(512) 555-0142;ann@example.com'].join('\n');
    const { sniff, rows } = await read(text);
    expect(sniff).toMatchObject({ delimiter: ';', headers: ['First Name', 'Last Name', 'Phone', 'Email'] });
    expect(rows.map((row) => row.cells)).toEqual([['Ann', 'Lee', '(512) 555-0142', 'ann@example.com']]);
  });

  it('looks past titles only when a row of field names follows them', () => {
    expect(rowsAboveHeader([['Report'], HEADER.split(','), DATA[0]!.split(',')])).toBe(1);
    // A two-column file: its header and rows all have two cells, and none names three fields.
    expect(rowsAboveHeader([['Name', 'Phone'], ['Ann Lee', '(512) 555-0142']])).toBe(0);
    expect(rowsAboveHeader([HEADER.split(','), DATA[0]!.split(',')])).toBe(0);
    // Without a header there is no title: only the sep= line goes.
    expect(rowsAboveHeader([['sep=,'], ['Report'], HEADER.split(',')], false)).toBe(1);
  });
});
