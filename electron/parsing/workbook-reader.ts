/**
 * Workbook rows in the CSV reader's shape (CsvRow, headers, CsvReadSummary), so detection,
 * mapping, validation, review and counts downstream are the CSV path's own. Also the workbook's
 * first look (the counterpart of sniff.ts): its sheets, the sheet chosen, header row and preview.
 */
import { statSync } from 'node:fs';
import { utils, type CellObject } from '@e965/xlsx';
import type { CsvReadSummary, CsvRow, RowProblem } from './csv-reader';
import { ImportFileError } from './import-file-error';
import { PREAMBLE_SAMPLE_ROWS, rowsAboveHeader } from './preamble';
import { eachRow } from './row-batches';
import { looksLikeHeaderRow, warnDuplicateHeaders, type SniffResult } from './sniff';
import { chooseSheet, filledWidth, isDate1904, openWorkbook, resolveSheetName, rowCells, sheetGrid, sheetSummaries, type SheetSummary } from './workbook';

const PREVIEW_ROWS = 20;
/** Rows parsed per sheet for the first look: the preview plus room for blank rows above the header. */
const SNIFF_SHEET_ROWS = 200;
const PROGRESS_EVERY_ROWS = 1000;
/** Rows handed out per piece (batches()): the sheet is in memory already, this only spares an await per row. */
const BATCH_ROWS = 1000;

export interface WorkbookSniffResult extends SniffResult {
  sheets: SheetSummary[];
  sheet: string;
}

export interface WorkbookReadOptions {
  hasHeader: boolean;
  /** Sheet name; default: the first sheet holding a table, else the first with data. */
  sheet?: string;
  signal?: AbortSignal;
  /** Reported as a share of the file's bytes (rows read / rows in the sheet), like the CSV reader's. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

interface Layout {
  /** Index in the sheet's rows of the first non-blank row (the header when there is one). */
  firstRow: number;
  width: number;
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '');

interface Sample {
  /** Each sampled row's index in the sheet's rows. */
  indexes: number[];
  rows: string[][];
}

/** The first non-blank rows (header + preview), read the same way by the sniff and the reader so both agree on the columns. */
function sampleRows(rows: readonly (CellObject[] | undefined)[], firstColumn: number, lastColumn: number, date1904: boolean): Sample {
  const sample: Sample = { indexes: [], rows: [] };
  const width = lastColumn - firstColumn + 1;
  for (let index = 0; index < rows.length && sample.rows.length < PREVIEW_ROWS + PREAMBLE_SAMPLE_ROWS; index++) {
    const cells = rowCells(rows[index], firstColumn, width, date1904);
    if (isBlank(cells)) continue;
    sample.indexes.push(index);
    sample.rows.push(cells);
  }
  return sample;
}

/** Where the header (or the first data row) is, past a report's title lines (preamble.ts), and the width below it. */
function layoutOf(sample: Sample, hasHeader: boolean): Layout & { skip: number } {
  const skip = rowsAboveHeader(sample.rows, hasHeader);
  return { skip, firstRow: sample.indexes[skip] ?? 0, width: filledWidth(sample.rows.slice(skip)) };
}

const headersOf = (first: readonly string[], width: number, hasHeader: boolean) =>
  Array.from({ length: width }, (_, index) => (hasHeader ? (first[index] ?? '').trim() : '') || `Column ${index + 1}`);

export function sniffWorkbook(path: string, options: { sheet?: string; hasHeader?: boolean } = {}): WorkbookSniffResult {
  if (statSync(path).size === 0) throw new ImportFileError('empty-file', 'The file is empty (0 bytes).');
  const book = openWorkbook(path, { sheetRows: SNIFF_SHEET_ROWS });
  const sheets = sheetSummaries(book);
  const sheet = chooseSheet(sheets, options.sheet);
  const grid = sheetGrid(book.Sheets[sheet]);
  const sample = sampleRows(grid.rows, grid.firstColumn, grid.lastColumn, isDate1904(book));
  if (sample.rows.length === 0) throw new ImportFileError('empty-file', `The sheet "${sheet}" is empty.`);
  const probe = rowsAboveHeader(sample.rows);
  const hasHeader = options.hasHeader ?? looksLikeHeaderRow(sample.rows[probe] ?? [], sample.rows.slice(probe + 1));
  const { skip, width } = layoutOf(sample, hasHeader);
  const rows = sample.rows.slice(skip).map((cells) => padTo(cells, width));
  const first = rows[0] ?? [];
  const headers = headersOf(first, width, hasHeader);
  const dataRows = hasHeader ? rows.slice(1) : rows;
  // The sheet's row numbers, as the reader gives each row (rowNumber: index + 1).
  const dataRowNumbers = sample.indexes.slice(skip + (hasHeader ? 1 : 0)).map((index) => index + 1);
  const warnings: string[] = [];
  if (hasHeader && dataRows.length === 0) warnings.push(`The sheet "${sheet}" has a header row but no data rows.`);
  warnDuplicateHeaders(hasHeader ? headers : [], warnings);
  const others = sheets.filter((other) => other.name !== sheet && other.rows > 0);
  // Where to pick another is the caller's to add (the app's Sheet list, rlm import --sheet): each said the other's words.
  if (others.length > 0) warnings.push(`This workbook has ${others.length + 1} sheets with data; "${sheet}" is read.`);
  return { encoding: 'utf-8', delimiter: ',', hasHeader, headers, previewRows: dataRows.slice(0, PREVIEW_ROWS), previewRowNumbers: dataRowNumbers.slice(0, PREVIEW_ROWS), warnings, sheets, sheet };
}

/**
 * A value right of the columns the file's first rows use (the columns are read from them): no column of the mapping
 * holds it, and it was dropped without a word. The row is refused with where the value is, so the rejected-rows file
 * keeps it; the office gives the column a header (or clears it) and imports again.
 */
function beyondHeader(cells: readonly string[], width: number, firstColumn: number): RowProblem | null {
  const extra = cells.findIndex((cell, index) => index >= width && cell.trim() !== '');
  if (extra < 0) return null;
  const column = utils.encode_col(firstColumn + extra);
  return {
    kind: 'too-many-cells',
    message: `This row has a value in column ${column} ("${cells[extra]!.trim().slice(0, 40)}"), right of the columns the sheet's first rows use, so no column of the import holds it. Give column ${column} a header in the first row (or clear the value), then import the file again.`,
    rejectRow: true,
  };
}

function padTo(cells: string[], width: number): string[] {
  if (cells.length === width) return cells;
  if (cells.length > width) return isBlank(cells.slice(width)) ? cells.slice(0, width) : cells;
  return [...cells, ...Array.from({ length: width - cells.length }, () => '')];
}

export class WorkbookRowReader implements AsyncIterable<CsvRow> {
  private started = false;
  private readHeaders: string[] | null = null;
  private finalSummary: CsvReadSummary | null = null;

  constructor(
    private readonly path: string,
    private readonly options: WorkbookReadOptions,
  ) {}

  get headers(): string[] | null {
    return this.readHeaders;
  }

  get summary(): CsvReadSummary | null {
    return this.finalSummary;
  }

  [Symbol.asyncIterator](): AsyncIterator<CsvRow> {
    return eachRow(this.batches());
  }

  /** The rows in pieces of BATCH_ROWS (see RowReader). */
  batches(): AsyncGenerator<CsvRow[]> {
    if (this.started) throw new Error('readWorkbookRows: a reader can only be iterated once');
    this.started = true;
    return this.pieces();
  }

  private async *pieces(): AsyncGenerator<CsvRow[]> {
    const { hasHeader, signal, onProgress } = this.options;
    signal?.throwIfAborted();
    const totalBytes = statSync(this.path).size;
    // The sheet is chosen on a first look at every sheet, exactly as inspect chose it.
    let sheet = this.options.sheet ?? chooseSheet(sheetSummaries(openWorkbook(this.path, { sheetRows: SNIFF_SHEET_ROWS })), undefined);
    let book = openWorkbook(this.path, { sheet });
    if (!book.Sheets[sheet]) {
      // Not that exact name: the sheet list (always complete) gives the one it means, or the error listing them.
      sheet = resolveSheetName(book.SheetNames, sheet);
      book = openWorkbook(this.path, { sheet });
    }
    const date1904 = isDate1904(book);
    const grid = sheetGrid(book.Sheets[sheet]);
    const { firstRow, width } = layoutOf(sampleRows(grid.rows, grid.firstColumn, grid.lastColumn, date1904), hasHeader);
    const rows = grid.rows;
    const counts = { rowsRead: 0, blank: 0, problems: 0 };
    let start = firstRow;
    if (hasHeader && rows.length > firstRow) {
      this.readHeaders = headersOf(rowCells(rows[firstRow], grid.firstColumn, width, date1904), width, true);
      start = firstRow + 1;
    } else {
      this.readHeaders = headersOf([], width, false);
    }
    const total = Math.max(rows.length - start, 1);
    let batch: CsvRow[] = [];
    for (let index = start; index < rows.length; index++) {
      signal?.throwIfAborted();
      const cells = padTo(rowCells(rows[index], grid.firstColumn, width, date1904), width);
      rows[index] = undefined; // the sheet is held whole: let each row go once read
      const done = index - start + 1;
      if (onProgress && done % PROGRESS_EVERY_ROWS === 0) onProgress(Math.round((totalBytes * done) / total), totalBytes);
      if (isBlank(cells)) {
        counts.blank++;
        continue;
      }
      counts.rowsRead++;
      // The row as Excel shows it (its own row number in the sheet), like the CSV reader's.
      const problem = beyondHeader(cells, width, grid.firstColumn);
      if (problem) counts.problems++;
      batch.push({ rowNumber: index + 1, cells, problem });
      if (batch.length >= BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    onProgress?.(totalBytes, totalBytes);
    this.finalSummary = {
      headers: this.readHeaders,
      rowsRead: counts.rowsRead,
      blankRowsSkipped: counts.blank,
      rowsWithProblems: counts.problems,
      bytesRead: totalBytes,
      totalBytes,
      invalidUtf8Bytes: 0,
    };
  }
}

export function readWorkbookRows(path: string, options: WorkbookReadOptions): WorkbookRowReader {
  return new WorkbookRowReader(path, options);
}
