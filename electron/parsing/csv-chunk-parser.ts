/**
 * Incremental, quote-aware CSV record splitter over decoded text chunks.
 *
 * Drives papaparse's low-level `Parser` directly (the same engine its streamers use) so that we own
 * the chunk loop: rows are produced only when the consumer asks for the next chunk, which gives
 * natural backpressure, and the quirks measured in IMPORT-NOTES.md are handled in one place:
 * - the last, possibly incomplete record of a chunk is carried over and re-parsed with the next one;
 * - quote errors that belong to that carried-over record (the false "InvalidQuotes" at chunk edges)
 *   are discarded;
 * - text after a closing quote ("Smith, John" Jr) is read as part of its cell, as Excel reads it, and
 *   the row is flagged (stray-quotes.ts): papaparse read on across the following rows;
 * - the line ending (CRLF, LF or old-Mac CR) is detected from the first line break outside quotes;
 *   cell contents are left exactly as written (a CRLF inside a quoted note stays CRLF), except for
 *   Excel's text marker ("'+1512…", written by our own exports), which is dropped as the cell is read.
 */
import Papa from 'papaparse';
import { repairStrayQuotes, STRAY_QUOTE_MARK } from './stray-quotes';
import { withoutTextMarker } from './text-marker';

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

export type LineEnding = '\r\n' | '\n' | '\r';

export class CsvChunkParser {
  private parser: Papa.Parser | null = null;
  private partial = '';
  private pending: string[] = [];
  private pendingLength = 0;
  /** Parsing on LF (the file began with LF or CRLF): a record's last cell may end in the CR of its CRLF. */
  private stripsCarriageReturn = false;
  /** A cell was rewritten (stray-quotes.ts): cells may hold its mark, to strip and report. */
  private hasStrayQuotes = false;

  constructor(
    private readonly delimiter: string,
    private readonly maxRecordChars = DEFAULT_MAX_RECORD_CHARS,
  ) {}

  /** Adds decoded text; returns the records completed so far (possibly none). */
  push(text: string): ParsedRecord[] {
    if (text.length === 0) return [];
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.parser === null) {
      const lineEnding = detectLineEnding(this.pending.join(''), false);
      if (lineEnding === null) {
        if (this.pendingLength > this.maxRecordChars) throw new RecordTooLargeError(this.maxRecordChars);
        return [];
      }
      this.parser = this.createParser(lineEnding);
      this.stripsCarriageReturn = lineEnding !== '\r';
    }
    // A long record (a 1 MB note, or an unclosed quote) is re-parsed from its start on every
    // attempt; waiting until the new text is as long as the carried part keeps that linear.
    if (this.pendingLength < this.partial.length) return [];
    const aggregate = this.partial + this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    const parsed = this.parse(this.parser, aggregate, true);
    this.partial = parsed.text.slice(parsed.result.meta.cursor);
    if (this.partial.length > this.maxRecordChars) throw new RecordTooLargeError(this.maxRecordChars);
    return toRecords(parsed.result, this.stripsCarriageReturn, this.hasStrayQuotes);
  }

  /** One parse, again over the rewritten text when papaparse found text after a closing quote. */
  private parse(parser: Papa.Parser, text: string, isPartialLast: boolean): { result: PapaParserResult; text: string } {
    const result = parser.parse(text, 0, isPartialLast) as PapaParserResult;
    if (!result.errors.some((error) => error.code === 'InvalidQuotes')) return { result, text };
    const repaired = repairStrayQuotes(text, this.delimiter);
    if (repaired === null) return { result, text };
    this.hasStrayQuotes = true;
    return { result: parser.parse(repaired, 0, isPartialLast) as PapaParserResult, text: repaired };
  }

  /** Ends the input: parses whatever is left, reporting an unterminated quote if there is one. */
  end(): ParsedRecord[] {
    const tail = this.partial + this.pending.join('');
    this.partial = '';
    this.pending = [];
    this.pendingLength = 0;
    if (tail.length === 0) return [];
    const lineEnding = this.parser ? null : (detectLineEnding(tail, true) ?? '\n');
    const parser = this.parser ?? this.createParser(lineEnding!);
    if (lineEnding !== null) this.stripsCarriageReturn = lineEnding !== '\r';
    const { result } = this.parse(parser, tail, false);
    return toRecords(result, this.stripsCarriageReturn, this.hasStrayQuotes);
  }

  /**
   * A file whose first line ends in CRLF is parsed on LF, with the CR taken off each record's last cell: rows
   * appended by another tool (or a `cat` of two files) end in LF alone, and parsed on CRLF the whole rest of
   * the file became one rejected "row" of a thousand cells while the import reported success.
   */
  private createParser(lineEnding: LineEnding): Papa.Parser {
    return new Papa.Parser({ delimiter: this.delimiter, newline: lineEnding === '\r\n' ? '\n' : lineEnding, quoteChar: '"' });
  }
}

/**
 * The first line break outside quotes decides the file's line ending. Returns null when the text
 * has none yet (or ends in a CR that may be followed by LF) and more text may come.
 */
export function detectLineEnding(text: string, isComplete: boolean): LineEnding | null {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 34) inQuotes = !inQuotes; // a doubled "" toggles twice: no net change
    else if (!inQuotes && char === 10) return '\n';
    else if (!inQuotes && char === 13) {
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
      return isComplete ? '\r' : null;
    }
  }
  return isComplete ? '\n' : null;
}

function toRecords(result: PapaParserResult, stripsCarriageReturn: boolean, hasStrayQuotes: boolean): ParsedRecord[] {
  const records: ParsedRecord[] = result.data.map((cells) => {
    // The CR of a CRLF line end, left on the last cell by parsing on LF (a quoted last cell has none).
    const last = cells.length - 1;
    if (stripsCarriageReturn && last >= 0 && cells[last]!.endsWith('\r')) cells[last] = cells[last]!.slice(0, -1);
    let quoteProblem: QuoteProblem | null = null;
    for (let i = 0; i < cells.length; i++) {
      let cell = cells[i]!;
      if (hasStrayQuotes && cell.includes(STRAY_QUOTE_MARK)) {
        cell = cell.replaceAll(STRAY_QUOTE_MARK, '');
        quoteProblem = 'malformed-quotes';
      }
      cells[i] = withoutTextMarker(cell);
    }
    return { cells, quoteProblem };
  });
  for (const error of result.errors) {
    const record = records[error.row];
    // Errors for the carried-over last record (row === data.length) are re-judged with the next chunk.
    if (!record) continue;
    if (error.code === 'MissingQuotes') record.quoteProblem = 'unterminated-quote';
    else if (error.code === 'InvalidQuotes' && record.quoteProblem === null) record.quoteProblem = 'malformed-quotes';
  }
  return records;
}
