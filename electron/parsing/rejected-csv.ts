/**
 * Writing the rejected rows back out as a CSV the office can open in Excel, fix, and re-import.
 * Cells are RFC 4180 quoted and defused against formula injection: a lead's notes starting with
 * "=HYPERLINK(…)" must not run when the file is opened.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell: `'` prefix when Excel would read it as a formula, quotes when needed. */
export function csvCell(value: string): string {
  const safe = FORMULA_TRIGGER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CRLF-terminated row (RFC 4180). */
export function csvRow(cells: readonly string[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export const REASON_HEADER = 'Reason';

export interface RejectedRowsWriter {
  /** Appends a rejected row: its original cells, then the reason (prefixed with its row number). */
  write(rowNumber: number, cells: readonly string[], reason: string): Promise<void>;
  close(): Promise<void>;
  readonly rowsWritten: number;
}

/**
 * Streams rejected rows to `path` (UTF-8 with BOM so Excel shows accented names correctly),
 * waiting for the disk when the write buffer is full.
 */
export function rejectedRowsWriter(path: string, headers: readonly string[]): RejectedRowsWriter {
  const stream: WriteStream = createWriteStream(path, { encoding: 'utf8' });
  let failure: Error | null = null;
  stream.on('error', (error) => {
    failure = error;
  });
  const width = headers.length;
  let rowsWritten = 0;
  stream.write('\uFEFF' + csvRow([...headers, REASON_HEADER]));

  const ensureHealthy = () => {
    if (failure) throw failure;
  };

  return {
    async write(rowNumber, cells, reason) {
      ensureHealthy();
      // Short rows are padded so the Reason always lands in its own column.
      const padded = cells.length < width ? [...cells, ...Array<string>(width - cells.length).fill('')] : cells;
      rowsWritten++;
      if (!stream.write(csvRow([...padded, `Row ${rowNumber}: ${reason}`]))) {
        await once(stream, 'drain'); // rejects if the stream errors meanwhile
      }
    },
    async close() {
      ensureHealthy();
      stream.end();
      await once(stream, 'finish');
      ensureHealthy();
    },
    get rowsWritten() {
      return rowsWritten;
    },
  };
}
