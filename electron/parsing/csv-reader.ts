/**
 * Streaming CSV reader over a file path, in bounded memory whatever the file size:
 * fs read stream → streaming TextDecoder (never raw bytes into papaparse: multi-byte characters
 * would break at chunk edges) → incremental papaparse records → rows, one at a time.
 * The next chunk is read only when the consumer asks for more rows, so a slow consumer
 * (validation, database inserts) holds the file reading back instead of buffering it.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CsvChunkParser, DEFAULT_MAX_RECORD_CHARS, RecordTooLargeError, type ParsedRecord } from './csv-chunk-parser';
import { BINARY_FILE_MESSAGE, createStreamingDecoder, looksBinary, type TextEncodingName } from './encoding';
import { ImportFileError } from './import-file-error';
import { PREAMBLE_SAMPLE_ROWS, rowsAboveHeader } from './preamble';
import { eachRow } from './row-batches';

export interface CsvReadOptions {
  encoding: TextEncodingName;
  delimiter: string;
  hasHeader: boolean;
  signal?: AbortSignal;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Expected cells per row when the file has no header row (default: the first row's count). */
  columnCount?: number;
  /** Read chunk size in bytes. */
  chunkBytes?: number;
  maxRecordChars?: number;
}

export type RowProblemKind = 'too-few-cells' | 'too-many-cells' | 'unterminated-quote' | 'malformed-quotes';

export interface RowProblem {
  kind: RowProblemKind;
  /** Shown to the user in the rejected-rows file. */
  message: string;
  /** True when the cells cannot be trusted (shifted or swallowed): the row should be rejected. */
  rejectRow: boolean;
}

export interface CsvRow {
  /** The row number as a spreadsheet shows it (blank and title rows above the header counted). */
  rowNumber: number;
  cells: string[];
  problem: RowProblem | null;
}

export interface CsvReadSummary {
  headers: string[];
  /** Data rows handed to the consumer. */
  rowsRead: number;
  blankRowsSkipped: number;
  rowsWithProblems: number;
  bytesRead: number;
  totalBytes: number;
  /** Bytes that were not valid UTF-8 in a UTF-8 file and were read as Windows-1252. */
  invalidUtf8Bytes: number;
}

export class CsvRowReader implements AsyncIterable<CsvRow> {
  private started = false;
  private readHeaders: string[] | null = null;
  private finalSummary: CsvReadSummary | null = null;

  constructor(
    private readonly path: string,
    private readonly options: CsvReadOptions,
  ) {}

  /** The header row once it has been read (null before, or synthetic "Column N" without header). */
  get headers(): string[] | null {
    return this.readHeaders;
  }

  /** Available once iteration has finished (null before, or if it was stopped early). */
  get summary(): CsvReadSummary | null {
    return this.finalSummary;
  }

  /**
   * A file written to (or cut short, or replaced) while it was read is not the file whose rows were counted:
   * a file cut short mid-import completed with its cut-off last row taken as valid ("Aus" for Austin).
   */
  private async checkUnchanged(atStart: { size: number; mtimeMs: number }, bytesRead: number): Promise<void> {
    const atEnd = await stat(this.path).catch(() => null);
    if (!atEnd || atEnd.size !== atStart.size || atEnd.mtimeMs !== atStart.mtimeMs || bytesRead !== atStart.size) {
      throw new ImportFileError('file-changed', FILE_CHANGED_MESSAGE);
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<CsvRow> {
    return eachRow(this.batches());
  }

  /** The rows of each piece of the file as it is read: an import takes them a piece at a time (see RowReader). */
  batches(): AsyncGenerator<CsvRow[]> {
    if (this.started) throw new Error('readCsvRows: a reader can only be iterated once');
    this.started = true;
    return this.pieces();
  }

  private async *pieces(): AsyncGenerator<CsvRow[]> {
    const { encoding, delimiter, hasHeader, signal, onProgress } = this.options;
    signal?.throwIfAborted();
    const atStart = await stat(this.path);
    const totalBytes = atStart.size;
    const stream = createReadStream(this.path, { highWaterMark: this.options.chunkBytes ?? 64 * 1024, signal });
    const decoder = createStreamingDecoder(encoding);
    const maxRecordChars = this.options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
    const parser = new CsvChunkParser(delimiter, maxRecordChars);
    const counts = { records: 0, rowsRead: 0, blank: 0, problems: 0 };
    let expectedCells = hasHeader ? -1 : (this.options.columnCount ?? -1);
    // The header's cells up to its last named one: a row may leave off the cells of the unnamed columns after it
    // (a spreadsheet's header with trailing commas), which were rejected as "values are missing".
    let namedCells = expectedCells;
    let bytesRead = 0;
    // The first records, held until the lines above the header are known (preamble.ts, as the sniff decides).
    let opening: Array<{ record: ParsedRecord; rowNumber: number }> | null = [];
    let openingFilled = 0;
    let isHeaderRead = !hasHeader;

    const rowOf = (record: ParsedRecord, rowNumber: number): CsvRow | null => {
      if (isBlank(record.cells)) {
        // Blank lines above the header are not data rows either.
        if (isHeaderRead) counts.blank++;
        return null;
      }
      if (!isHeaderRead) {
        this.readHeaders = record.cells.map((cell, index) => cell.trim() || `Column ${index + 1}`);
        expectedCells = record.cells.length;
        namedCells = record.cells.findLastIndex((cell) => cell.trim() !== '') + 1;
        isHeaderRead = true;
        return null;
      }
      if (expectedCells < 0) {
        expectedCells = record.cells.length;
        namedCells = expectedCells;
        this.readHeaders = Array.from({ length: expectedCells }, (_, index) => `Column ${index + 1}`);
      }
      const problem = describeProblem(record, expectedCells, namedCells);
      if (problem) counts.problems++;
      counts.rowsRead++;
      return { rowNumber, cells: record.cells, problem };
    };
    // Skips the opening's lines above the header and turns the rest into rows.
    const openingRows = (): CsvRow[] => {
      const held = opening ?? [];
      opening = null;
      const nonBlank = held.filter(({ record }) => !isBlank(record.cells));
      const skip = rowsAboveHeader(nonBlank.map(({ record }) => record.cells), hasHeader);
      const skipped = new Set(nonBlank.slice(0, skip));
      const rows: CsvRow[] = [];
      for (const entry of held) {
        if (skipped.has(entry)) continue;
        const row = rowOf(entry.record, entry.rowNumber);
        if (row) rows.push(row);
      }
      return rows;
    };
    const hold = (record: ParsedRecord, rowNumber: number): CsvRow[] => {
      opening?.push({ record, rowNumber });
      if (!isBlank(record.cells)) openingFilled++;
      return openingFilled >= PREAMBLE_SAMPLE_ROWS ? openingRows() : [];
    };
    // The row as Excel shows it: a multi-line quoted cell is still one row; blank and title lines count.
    // An array per parsed piece, not a generator: delegating each row through one cost the reader 15%.
    const rowsOf = (records: Iterable<ParsedRecord>): CsvRow[] => {
      const rows: CsvRow[] = [];
      for (const record of records) {
        const rowNumber = ++counts.records;
        if (opening !== null) rows.push(...hold(record, rowNumber));
        else {
          const row = rowOf(record, rowNumber);
          if (row) rows.push(row);
        }
      }
      return rows;
    };

    try {
      let firstChunk = true;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        signal?.throwIfAborted();
        if (firstChunk) {
          firstChunk = false;
          if (looksBinary(chunk, encoding)) throw new ImportFileError('binary-file', BINARY_FILE_MESSAGE);
        }
        bytesRead += chunk.length;
        onProgress?.(bytesRead, totalBytes);
        const rows = rowsOf(parser.push(decoder.decode(chunk)));
        if (rows.length > 0) yield rows;
      }
      const rest = parser.push(decoder.end());
      rest.push(...parser.end());
      const last = rowsOf(rest);
      // A file shorter than the preamble sample: its rows were all held until now.
      if (opening !== null) last.push(...openingRows());
      if (last.length > 0) yield last;
      await this.checkUnchanged(atStart, bytesRead);
    } catch (error) {
      if (error instanceof RecordTooLargeError) {
        const nextRow = hasHeader ? counts.records : counts.records + 1;
        throw new ImportFileError('record-too-large', `Row ${Math.max(nextRow, 1)}: ${error.message}`);
      }
      throw error;
    }
    if (this.readHeaders === null) this.readHeaders = [];
    this.finalSummary = {
      headers: this.readHeaders,
      rowsRead: counts.rowsRead,
      blankRowsSkipped: counts.blank,
      rowsWithProblems: counts.problems,
      bytesRead,
      totalBytes,
      invalidUtf8Bytes: decoder.fallbackBytes,
    };
  }
}

const FILE_CHANGED_MESSAGE =
  'The file changed while it was being read (another program was still writing it, or it was replaced). Import it again once it is complete.';

/** Streams the data rows of a CSV file; see CsvRowReader for headers and the final summary. */
export function readCsvRows(path: string, options: CsvReadOptions): CsvRowReader {
  return new CsvRowReader(path, options);
}

const LONE_CARRIAGE_RETURN = /\r(?!\n)/;

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) {
    if (cell.length > 0 && cell.trim().length > 0) return false;
  }
  return true;
}

function describeProblem(record: ParsedRecord, expectedCells: number, namedCells: number): RowProblem | null {
  if (record.quoteProblem === 'unterminated-quote') {
    return {
      kind: 'unterminated-quote',
      message: 'A quote (") opened in this row is never closed, so everything up to the end of the file was read as one cell. Close the quote (in a text editor, or retype the cell in the spreadsheet), then import the file again.',
      rejectRow: true,
    };
  }
  const cellCount = record.cells.length;
  // Extra cells that are all empty (trailing commas a spreadsheet left) shift nothing.
  const isShifted = cellCount > expectedCells && record.cells.slice(expectedCells).some((cell) => cell.trim() !== '');
  if (isShifted) {
    // A lone CR (not a CRLF) in an unquoted row of a file read on LF: most likely old-Mac rows after a header that ends
    // in LF or CRLF, read as one. Not split here: a CR typed inside a note looks the same (csv-reader.test.ts).
    const cause = record.cells.some((cell) => LONE_CARRIAGE_RETURN.test(cell))
      ? 'it holds line ends of an old Mac (a lone carriage return), so the rows after the header probably end that way while the header ends another way, and several rows were read as one. Open the file in Excel or Numbers, save it again as CSV, then import it again.'
      : 'a cell probably contains an unquoted separator, so the values are shifted.';
    return { kind: 'too-many-cells', message: `This row has ${cellCount} cells but the file has ${expectedCells} columns: ${cause}`, rejectRow: true };
  }
  // Cells missing only under unnamed columns: nothing is shifted; a spreadsheet leaves off empty trailing cells (one
  // the import maps by its content, such as phones under no header, reads as empty for that row).
  if (cellCount < expectedCells && cellCount < namedCells) {
    return {
      kind: 'too-few-cells',
      message: `This row has ${cellCount} cells but the file has ${expectedCells} columns: a cell may contain a line break without quotes, or values are missing.`,
      rejectRow: true,
    };
  }
  if (record.quoteProblem === 'malformed-quotes') {
    return {
      kind: 'malformed-quotes',
      message: 'Text follows a closing quote (") in a cell of this row; it was kept as part of that cell, as Excel reads it. Check the cells of this row.',
      rejectRow: false,
    };
  }
  return null;
}
