/**
 * Excel and OpenDocument workbooks (.xlsx, .xlsm, .xls, .ods, and the HTML/XML ".xls" old CRMs
 * export), read with SheetJS.
 *
 * Why SheetJS, as `@e965/xlsx` (pinned): it reads every one of those formats and carries Excel's
 * number-format engine (SSF), which is what turns a cell back into the text the user saw
 * (workbook-cells.ts). The `xlsx` package on npm is stuck at 0.18.5 (2022), which has two published
 * advisories (prototype pollution, GHSA-4r6h-8v6p-xvw6, fixed in 0.19.3; ReDoS, GHSA-5pgg-2g8v-p4x9,
 * fixed in 0.20.2): upstream publishes only on its own CDN, and `@e965/xlsx` re-publishes those
 * releases unchanged (0.20.3, no dependencies). exceljs (4.4.0, 2023) streams but reads .xlsx only,
 * has no number formatter and pulls 9 dependencies; read-excel-file reads .xlsx only.
 *
 * Memory: SheetJS parses a sheet whole (no streaming reader reads all three formats). It reads only
 * the chosen sheet (`sheets`), dense, without formulas, styles or formatted text (text is formatted
 * per row as it is read), and each row is released once handed on. Peak memory still grows with the
 * file: `rlm import` peaked at 363 MB for a 10 MB .xlsx (76k rows), 406 MB for 13 MB (100k rows) and
 * 837 MB for 39 MB (290k rows) (scripts/bench/import-xlsx.ts; a CSV of 100k rows: 228 MB). So
 * workbooks above MAX_WORKBOOK_BYTES are refused with a way out (save as CSV, which streams at any
 * size): the worst case stays under ~900 MB instead of growing with the file.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { read, utils, type CellObject, type ParsingOptions, type WorkBook, type WorkSheet } from '@e965/xlsx';
import { BINARY_FILE_MESSAGE } from './encoding';
import { ImportFileError } from './import-file-error';
import { looksLikeEmail, looksLikePhone } from './value-shapes';
import { cellText } from './workbook-cells';
import { WORKBOOK_EXTENSIONS } from './workbook-detect';

export const MAX_WORKBOOK_BYTES = 40 * 1_048_576;
const READ_OPTIONS: ParsingOptions = {
  type: 'buffer',
  dense: true,
  cellText: false,
  cellNF: true,
  cellFormula: false,
  cellHTML: false,
  cellStyles: false,
  cellDates: false,
};

export interface SheetSummary {
  name: string;
  /** A table's rows below its header; a sheet without a table: the rows of its used range; 0 for a sheet without data. */
  rows: number;
  /**
   * Whether it holds a table: a row of two or more cells with a row after it. A cover sheet with a title (or
   * a few lines of text) has data but no table, and is passed over when no sheet is named.
   */
  isTable: boolean;
  /**
   * Whether a cell of it (of the rows read) holds a phone or an email: a table of leads. A "Summary" sheet of
   * labels and totals before "Customers" is a table too, and was read instead of the customers.
   */
  hasContacts: boolean;
  /**
   * Hidden in Excel (or "very hidden"): an old copy, a lookup list. Passed over when no sheet is named: the import read a
   * hidden "Old" sheet before the visible "Current" one, and imported leads nobody could see in the file (a review).
   */
  isHidden: boolean;
}

/** Reads the workbook (all sheets, or only `sheet`; `sheetRows` limits each sheet's rows). */
export function openWorkbook(path: string, limits: { sheet?: string; sheetRows?: number } = {}): WorkBook {
  const data = readFileSync(path);
  if (data.length > MAX_WORKBOOK_BYTES) {
    const mb = (bytes: number) => Math.round(bytes / 1_048_576);
    throw new ImportFileError(
      'workbook-too-large',
      `This workbook is ${(data.length / 1_048_576).toFixed(1)} MB, more than the ${mb(MAX_WORKBOOK_BYTES)} MB a workbook can have here (it is read whole). In Excel use File → Save As → CSV UTF-8: CSV files of any size import.`,
    );
  }
  try {
    return read(data, { ...READ_OPTIONS, ...(limits.sheet !== undefined ? { sheets: limits.sheet } : {}), ...(limits.sheetRows ? { sheetRows: limits.sheetRows } : {}) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password-protected/i.test(message)) {
      throw new ImportFileError('read-failed', 'The workbook is password-protected: open it in Excel, remove the password (File → Info → Protect Workbook), save it and import it again.');
    }
    // A zip or OLE file not named like a workbook is most likely something else altogether.
    if (!WORKBOOK_EXTENSIONS.has(extname(path).toLowerCase())) throw new ImportFileError('binary-file', `${BINARY_FILE_MESSAGE} (${message})`);
    throw new ImportFileError('read-failed', `The workbook could not be read (${message}). Open it in Excel and save it again as .xlsx, or as CSV.`);
  }
}

export const isDate1904 = (book: WorkBook): boolean => Boolean(book.Workbook?.WBProps?.date1904);

/** Rows of a sheet as stored (dense), and the used range's first row and column. */
export function sheetGrid(sheet: WorkSheet | undefined): { rows: (CellObject[] | undefined)[]; firstRow: number; firstColumn: number; lastColumn: number } {
  const ref = sheet?.['!ref'];
  const rows = (sheet?.['!data'] ?? []) as (CellObject[] | undefined)[];
  if (!ref) return { rows: [], firstRow: 0, firstColumn: 0, lastColumn: -1 };
  const range = utils.decode_range(ref);
  return { rows, firstRow: range.s.r, firstColumn: range.s.c, lastColumn: range.e.c };
}

/** Every sheet with the rows of its used range (from the full range when `sheetRows` cut it). */
export function sheetSummaries(book: WorkBook): SheetSummary[] {
  return book.SheetNames.map((name, index) => {
    const sheet = book.Sheets[name];
    const isHidden = (book.Workbook?.Sheets?.[index]?.Hidden ?? 0) !== 0;
    const ref = sheet?.['!fullref'] ?? sheet?.['!ref'];
    const texts = sheetGrid(sheet).rows.map((row) => row?.map((cell) => cellText(cell, false).trim()).filter((text) => text !== '') ?? []);
    const filled = texts.map((row) => row.length);
    const hasData = filled.some((count) => count > 0);
    if (!ref || !hasData) return { name, rows: 0, isTable: false, hasContacts: false, isHidden };
    const hasContacts = texts.some((row) => row.some((text) => looksLikePhone(text) || looksLikeEmail(text)));
    const range = utils.decode_range(ref);
    const header = filled.findIndex((count) => count >= 2);
    const isTable = header >= 0 && filled.slice(header + 1).some((count) => count > 0);
    // A table's rows below its header: "Customers (4 rows)" counted the column names as a customer, and the office
    // checks this count against the old CRM to pick the right sheet.
    return { name, rows: isTable ? range.e.r - header : range.e.r - range.s.r + 1, isTable, hasContacts, isHidden };
  });
}

/** The sheet of that name (exact, else ignoring case); a clear error listing the sheets when there is none. */
export function resolveSheetName(names: readonly string[], wanted: string): string {
  const found = names.find((name) => name === wanted) ?? names.find((name) => name.toLowerCase() === wanted.trim().toLowerCase());
  if (found === undefined) {
    throw new ImportFileError('unknown-sheet', `The workbook has no sheet named "${wanted}". Its sheets: ${names.map((name) => `"${name}"`).join(', ')}.`);
  }
  return found;
}

/** The sheet asked for, else the first table with phones or emails, else the first holding a table, else the first with data. */
export function chooseSheet(sheets: readonly SheetSummary[], wanted: string | undefined): string {
  if (wanted !== undefined) return resolveSheetName(sheets.map((sheet) => sheet.name), wanted);
  // The visible sheets first: a hidden one only when no visible sheet has data.
  const firstWithData = (among: readonly SheetSummary[]) =>
    among.find((sheet) => sheet.isTable && sheet.hasContacts) ?? among.find((sheet) => sheet.isTable) ?? among.find((sheet) => sheet.rows > 0);
  const withData = firstWithData(sheets.filter((sheet) => !sheet.isHidden)) ?? firstWithData(sheets);
  if (!withData) throw new ImportFileError('empty-file', 'The workbook has no data: every sheet is empty.');
  return withData.name;
}

/** One row's cells as text, `width` at least (a sheet row stops at its last filled cell). */
export function rowCells(row: CellObject[] | undefined, firstColumn: number, width: number, date1904: boolean): string[] {
  const cells: string[] = [];
  const last = Math.max(width, (row?.length ?? 0) - firstColumn);
  for (let column = 0; column < last; column++) cells.push(cellText(row?.[firstColumn + column], date1904));
  return cells;
}

/** Columns up to the last one with a value in any of these rows (trailing formatted-but-empty columns dropped). */
export function filledWidth(rows: readonly (readonly string[])[]): number {
  let width = 0;
  for (const row of rows) {
    for (let index = row.length - 1; index >= width; index--) {
      if ((row[index] ?? '').trim() !== '') {
        width = index + 1;
        break;
      }
    }
  }
  return width;
}
