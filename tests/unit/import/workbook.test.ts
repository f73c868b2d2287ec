import { afterAll, describe, expect, it } from 'vitest';
import type { CsvRow } from '../../../electron/parsing/csv-reader';
import { readFileRows, sniffAnyFile } from '../../../electron/parsing/row-source';
import { MAX_WORKBOOK_BYTES } from '../../../electron/parsing/workbook';
import { isWorkbookFile } from '../../../electron/parsing/workbook-detect';
import { tempDir } from './helpers';
import { writeFileSync } from 'node:fs';
import { utils, write } from '@e965/xlsx';
import { sheetOf, writeWorkbook } from './xlsx-helpers';

const temp = tempDir();
afterAll(() => temp.cleanup());

async function rowsOf(path: string, options: { hasHeader?: boolean; sheet?: string } = {}) {
  const reader = readFileRows(path, { encoding: 'utf-8', delimiter: ',', hasHeader: options.hasHeader ?? true, sheet: options.sheet });
  const rows: CsvRow[] = [];
  for await (const row of reader) rows.push(row);
  return { rows, headers: reader.headers, summary: reader.summary };
}

describe('workbook reader', () => {
  it('numbers come out as the user saw them: all digits of a phone, a ZIP with its leading zero, a date serial as ISO', async () => {
    const path = writeWorkbook(temp.file('typed.xlsx', ''), {
      Leads: [
        ['Name', 'Phone', 'Zip', 'Zip+4', 'Last Job', 'Phone (formatted)', 'Big', 'Ratio', 'DNC'],
        ['Ann Lee', 5125550142, { t: 'n', v: 2134, z: '00000' }, { t: 'n', v: 21341234, z: '00000-0000' }, { t: 'n', v: 43537, z: 'm/d/yy' },
          { t: 'n', v: 5125550142, z: '[<=9999999]###-####;(###) ###-####' }, 525512345678, 0.1 + 0.2, true],
      ],
    });
    const { rows, headers } = await rowsOf(path);
    expect(headers).toEqual(['Name', 'Phone', 'Zip', 'Zip+4', 'Last Job', 'Phone (formatted)', 'Big', 'Ratio', 'DNC']);
    expect(rows).toEqual([{ rowNumber: 2, problem: null, cells: ['Ann Lee', '5125550142', '02134', '02134-1234', '2019-03-13', '(512) 555-0142', '525512345678', '0.3', 'TRUE'] }]);
  });

  // Its width is read from the first rows: a value further right in a later row was dropped without a word (a review's
  // 60-row sheet with "IMPORTANT NOTE" in column E of row 52); a CSV row like it was refused with a reason.
  it('refuses, with where it is, a row with a value right of the columns the first rows use', async () => {
    const rows: (string | null)[][] = [['Name', 'Phone', 'City']];
    for (let i = 0; i < 60; i++) rows.push([`Lead ${i}`, `512-555-${String(1000 + i)}`, 'Austin']);
    rows[52] = ['Lead 51', '512-555-1051', 'Austin', null, 'IMPORTANT NOTE'];
    const path = writeWorkbook(temp.file('wide.xlsx', ''), { Leads: rows });
    const read = await rowsOf(path);
    expect(read.headers).toEqual(['Name', 'Phone', 'City']);
    const refused = read.rows.filter((row) => row.problem !== null);
    expect(refused.map((row) => [row.rowNumber, row.problem?.rejectRow])).toEqual([[53, true]]);
    expect(refused[0]!.problem!.message).toMatch(/a value in column E \("IMPORTANT NOTE"\)/);
    expect(read.summary).toMatchObject({ rowsRead: 60, rowsWithProblems: 1 });
  });

  it('numbers rows as Excel shows them (the header is row 1), blank rows counted and skipped', async () => {
    const path = writeWorkbook(temp.file('blank.xlsx', ''), { S: [['Name', 'Phone'], ['A', '512-555-0142'], [], ['B', '512-555-0143']] });
    const { rows, summary } = await rowsOf(path);
    expect(rows.map((row) => [row.rowNumber, row.cells[0]])).toEqual([[2, 'A'], [4, 'B']]);
    expect(summary).toMatchObject({ rowsRead: 2, blankRowsSkipped: 1, rowsWithProblems: 0 });
  });

  // A report's title above the header (common in CRM exports) was read as the header: every column name lost.
  it('looks past a report title above the header, in the first look and the reader alike', async () => {
    const path = writeWorkbook(temp.file('titled.xlsx', ''), {
      Report: [['Customer Export - Summit Roofing'], ['Exported 3/1/2024'], [], ['First Name', 'Last Name', 'Mobile', 'Email'], ['Ann', 'Lee', '512-555-0142', 'ann@example.com']],
    });
    const sniff = await sniffAnyFile(path);
    expect(sniff).toMatchObject({ hasHeader: true, headers: ['First Name', 'Last Name', 'Mobile', 'Email'], previewRows: [['Ann', 'Lee', '512-555-0142', 'ann@example.com']] });
    const { rows, headers } = await rowsOf(path);
    expect(headers).toEqual(['First Name', 'Last Name', 'Mobile', 'Email']);
    expect(rows.map((row) => [row.rowNumber, row.cells[0]])).toEqual([[5, 'Ann']]);
  });

  it('the sheet picker’s data: every sheet with its rows, the first with data chosen, another on request', async () => {
    const path = writeWorkbook(temp.file('sheets.xlsx', ''), {
      Cover: [],
      Leads: [['Name', 'Phone'], ['Ann', '512-555-0142'], ['Bob', '512-555-0143']],
      Old: [['Customer', 'Cell'], ['Cy', '512-555-0144']],
    });
    const first = await sniffAnyFile(path);
    expect(first).toMatchObject({ sheet: 'Leads', hasHeader: true, headers: ['Name', 'Phone'], previewRows: [['Ann', '512-555-0142'], ['Bob', '512-555-0143']] });
    // Numbered as the review numbers them (the sheet's rows: the header is row 1).
    expect(first.previewRowNumbers).toEqual([2, 3]);
    // A table's rows below its header: "Leads (3 rows)" counted the column names as a customer (found in review).
    expect(first.sheets).toEqual([
      { name: 'Cover', rows: 0, isTable: false, hasContacts: false, isHidden: false },
      { name: 'Leads', rows: 2, isTable: true, hasContacts: true, isHidden: false },
      { name: 'Old', rows: 1, isTable: true, hasContacts: true, isHidden: false },
    ]);
    expect(first.warnings).toContain('This workbook has 2 sheets with data; "Leads" is read.');
    await expect(sniffAnyFile(path, { sheet: 'Old' })).resolves.toMatchObject({ sheet: 'Old', headers: ['Customer', 'Cell'] });
    expect((await rowsOf(path, { sheet: 'Old' })).rows.map((row) => row.cells)).toEqual([['Cy', '512-555-0144']]);
    expect((await rowsOf(path)).rows).toHaveLength(2); // no sheet given: the first with data, as inspect chose
    await expect(sniffAnyFile(path, { sheet: 'Nope' })).rejects.toMatchObject({ code: 'unknown-sheet', message: 'The workbook has no sheet named "Nope". Its sheets: "Cover", "Leads", "Old".' });
    await expect(rowsOf(path, { sheet: 'Nope' })).rejects.toMatchObject({ code: 'unknown-sheet' });
  });

  // A review: a hidden "Old" sheet before the visible "Current" one was read, and its leads imported.
  it('passes over a sheet hidden in Excel for the first visible one with data; a hidden one only when nothing else has data', async () => {
    const book = utils.book_new();
    utils.book_append_sheet(book, sheetOf([['Name', 'Phone'], ['Old Ann', '512-555-0140']]), 'Old');
    utils.book_append_sheet(book, sheetOf([['Name', 'Phone'], ['Ann', '512-555-0142']]), 'Current');
    book.Workbook = { Sheets: [{ name: 'Old', Hidden: 1 }, { name: 'Current', Hidden: 0 }] };
    const path = temp.file('hidden.xlsx', '');
    writeFileSync(path, write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const sniff = await sniffAnyFile(path);
    expect(sniff).toMatchObject({ sheet: 'Current', headers: ['Name', 'Phone'] });
    expect(sniff.sheets.map((sheet) => [sheet.name, sheet.isHidden])).toEqual([['Old', true], ['Current', false]]);
    expect((await rowsOf(path)).rows.map((row) => row.cells)).toEqual([['Ann', '512-555-0142']]);
    // Asked for by name, it is read.
    await expect(sniffAnyFile(path, { sheet: 'Old' })).resolves.toMatchObject({ sheet: 'Old' });
  });

  // README: "its first sheet with data". A cover sheet with a title has data, but no table: it failed with
  // "The file has a header row but no data rows".
  it('passes over a cover sheet holding only a title for the first sheet with a table', async () => {
    const path = writeWorkbook(temp.file('cover.xlsx', ''), {
      Cover: [['Customer list — exported 2024']],
      Leads: [['Name', 'Phone'], ['Ann', '512-555-0142']],
    });
    await expect(sniffAnyFile(path)).resolves.toMatchObject({ sheet: 'Leads', headers: ['Name', 'Phone'] });
    expect((await rowsOf(path)).rows.map((row) => row.cells)).toEqual([['Ann', '512-555-0142']]);
  });

  // A key/value summary is a table too: it was read, and the import advised a mapping file instead of --sheet (a review's file).
  it('passes over a summary sheet of labels and totals for the first sheet with phones or emails', async () => {
    const path = writeWorkbook(temp.file('summary.xlsx', ''), {
      Summary: [['Report', 'Customer export'], ['Rows', 2], ['Exported by', 'Dana']],
      Customers: [['Name', 'Phone'], ['Ann', '512-555-0142'], ['Ben', '512-555-0143']],
    });
    await expect(sniffAnyFile(path)).resolves.toMatchObject({ sheet: 'Customers', headers: ['Name', 'Phone'] });
    expect((await rowsOf(path)).rows.map((row) => row.cells[0])).toEqual(['Ann', 'Ben']);
  });

  it('detects a missing header row as for CSV, and an all-empty workbook is a clear error', async () => {
    const headerless = writeWorkbook(temp.file('nohead.xlsx', ''), { S: [['Ann Lee', 5125550142, 'ann@example.com'], ['Bob Roe', 5125550143, 'bob@example.com']] });
    await expect(sniffAnyFile(headerless)).resolves.toMatchObject({ hasHeader: false, headers: ['Column 1', 'Column 2', 'Column 3'] });
    expect((await rowsOf(headerless, { hasHeader: false })).rows.map((row) => row.rowNumber)).toEqual([1, 2]);
    const empty = writeWorkbook(temp.file('empty.xlsx', ''), { A: [], B: [] });
    await expect(sniffAnyFile(empty)).rejects.toMatchObject({ code: 'empty-file', message: 'The workbook has no data: every sheet is empty.' });
  });

  it('reads .xls and .ods with the same library, and tells workbooks from CSV by content', async () => {
    for (const type of ['xls', 'ods'] as const) {
      const path = writeWorkbook(temp.file(`leads.${type}`, ''), { Leads: [['Name', 'Phone', 'Zip'], ['Ann', 5125550142, { t: 'n', v: 2134, z: '00000' }]] }, type);
      expect(isWorkbookFile(path)).toBe(true);
      expect((await rowsOf(path)).rows[0]?.cells, type).toEqual(['Ann', '5125550142', '02134']);
    }
    expect(isWorkbookFile(temp.file('really-csv.xls', 'Name,Phone\nAnn,512-555-0142\n'))).toBe(false);
    // Old CRMs export an HTML table named .xls: Excel opens it, so does the app.
    const html = temp.file('crm-export.xls', '<html><body><table><tr><td>Name</td><td>Phone</td></tr><tr><td>Ann</td><td>512-555-0142</td></tr></table></body></html>');
    expect(isWorkbookFile(html)).toBe(true);
    expect((await rowsOf(html)).rows.map((row) => row.cells)).toEqual([['Ann', '512-555-0142']]);
    const renamed = writeWorkbook(temp.file('renamed.csv', ''), { S: [['Name', 'Phone'], ['Ann', '512-555-0142']] });
    expect(isWorkbookFile(renamed)).toBe(true);
  });

  it('a file that only looks like a workbook is a clear error', async () => {
    const broken = temp.file('broken.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]));
    await expect(sniffAnyFile(broken)).rejects.toMatchObject({ code: 'read-failed', message: expect.stringMatching(/^The workbook could not be read/) });
  });

  it('refuses a workbook too big to read whole, pointing to CSV (which streams at any size)', async () => {
    const big = Buffer.alloc(MAX_WORKBOOK_BYTES + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const path = temp.file('huge.xlsx', big);
    await expect(sniffAnyFile(path)).rejects.toMatchObject({ code: 'workbook-too-large', message: expect.stringMatching(/^This workbook is 40.0 MB, more than the 40 MB .* Save As → CSV UTF-8/) });
    await expect(rowsOf(path, { sheet: 'Leads' })).rejects.toMatchObject({ code: 'workbook-too-large' });
  });

  it('hands out the rows in pieces (batches()), the same rows as one by one', async () => {
    const sheet = [['Name', 'Phone'], ...Array.from({ length: 2_500 }, (_, i) => (i === 10 ? [] : [`Lead ${i}`, `512555${String(i).padStart(4, '0')}`]))];
    const path = writeWorkbook(temp.file('pieces.xlsx', ''), { Leads: sheet });
    const pieces: CsvRow[][] = [];
    for await (const piece of readFileRows(path, { encoding: 'utf-8', delimiter: ',', hasHeader: true }).batches()) pieces.push(piece);
    expect(pieces.flat()).toEqual((await rowsOf(path)).rows);
    expect(pieces.map((piece) => piece.length)).toEqual([1_000, 1_000, 499]);
  });

  it('reads a sheet named with other capitals', async () => {
    const path = writeWorkbook(temp.file('caps.xlsx', ''), { Leads: [['Name', 'Phone'], ['Ann', '512-555-0142']] });
    expect((await rowsOf(path, { sheet: 'leads' })).rows).toHaveLength(1);
  });
});
