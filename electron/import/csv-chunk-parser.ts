/**
 * Incremental, quote-aware CSV record splitter over decoded text chunks.
 *
 * Drives papaparse's low-level `Parser` directly (the same engine its streamers use) so that we own
 * the chunk loop: rows are produced only when the consumer asks for the next chunk, which gives
 * natural backpressure, and the quirks measured in IMPORT-NOTES.md are handled in one place:
 * - the last, possibly incomplete record of a chunk is carried over and re-parsed with the next one;
 * - quote errors that belong to that carried-over record (the false "InvalidQuotes" at chunk edges)
 *   are discarded;
 * - CRLF and bare CR line endings are normalised to LF, so mixed line endings split correctly.
 */
import Papa from 'papaparse';

export type QuoteProblem = 'malformed-quotes' | 'unterminated-quote';

export interface ParsedRecord {
  cells: string[];
  quoteProblem: QuoteProblem | null;
}

/** Thrown when a single record grows past the limit: almost always a quote that is never closed. */
export class RecordTooLargeError extends Error {
  constructor(readonly limitChars: number) {
    super(
      `A single row is longer than ${Math.round(limitChars / 1_048_576)} MB. ` +
        'This usually means a quote (") opened in a cell is never closed.',
    );
    this.name = 'RecordTooLargeError';
  }
}

interface PapaParserError {
  code: string;
  row: number;
}
interface PapaParserResult {
  data: string[][];
  errors: PapaParserError[];
  meta: { cursor: number };
}

export const DEFAULT_MAX_RECORD_CHARS = 16 * 1_048_576;

export class CsvChunkParser {
  private readonly parser: Papa.Parser;
  private partial = '';
  private pending: string[] = [];
  private pendingLength = 0;
  /** A trailing CR held back because the next chunk may start with its LF. */
  private heldCarriageReturn = false;

  constructor(
    delimiter: string,
    private readonly maxRecordChars = DEFAULT_MAX_RECORD_CHARS,
  ) {
    this.parser = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' });
  }

  /** Adds decoded text; returns the records completed so far (possibly none). */
  push(text: string): ParsedRecord[] {
    const normalized = this.normalizeLineEndings(text);
    if (normalized.length === 0) return [];
    this.pending.push(normalized);
    this.pendingLength += normalized.length;
    // A long record (a 1 MB note, or an unclosed quote) is re-parsed from its start on every
    // attempt; waiting until the new text is as long as the carried part keeps that linear.
    if (this.pendingLength < this.partial.length) return [];
    const aggregate = this.partial + this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    const result = this.parser.parse(aggregate, 0, true) as PapaParserResult;
    this.partial = aggregate.slice(result.meta.cursor);
    if (this.partial.length > this.maxRecordChars) throw new RecordTooLargeError(this.maxRecordChars);
    return toRecords(result);
  }

  /** Ends the input: parses whatever is left, reporting an unterminated quote if there is one. */
  end(): ParsedRecord[] {
    const tail = this.partial + this.pending.join('') + (this.heldCarriageReturn ? '\n' : '');
    this.partial = '';
    this.pending = [];
    this.pendingLength = 0;
    this.heldCarriageReturn = false;
    if (tail.length === 0) return [];
    const result = this.parser.parse(tail, 0, false) as PapaParserResult;
    return toRecords(result);
  }

  private normalizeLineEndings(text: string): string {
    let value = this.heldCarriageReturn ? '\r' + text : text;
    this.heldCarriageReturn = false;
    if (value.endsWith('\r')) {
      this.heldCarriageReturn = true;
      value = value.slice(0, -1);
    }
    return value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value;
  }
}

function toRecords(result: PapaParserResult): ParsedRecord[] {
  const records: ParsedRecord[] = result.data.map((cells) => ({ cells, quoteProblem: null }));
  for (const error of result.errors) {
    const record = records[error.row];
    // Errors for the carried-over last record (row === data.length) are re-judged with the next chunk.
    if (!record) continue;
    if (error.code === 'MissingQuotes') record.quoteProblem = 'unterminated-quote';
    else if (error.code === 'InvalidQuotes' && record.quoteProblem === null) record.quoteProblem = 'malformed-quotes';
  }
  return records;
}
