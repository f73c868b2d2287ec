/**
 * The rejected rows of an import, written back out as a CSV the office can open in Excel, fix, and
 * import again: a Reason column first (which the importer ignores), then the row's original cells under
 * their headers. Written with the app's one CSV writer (csv-writer.ts: formula-safe, UTF-8 with BOM).
 */
import { csvFileWriter } from './csv-writer';

export const REASON_HEADER = 'Reason';

export interface RejectedRow {
  rowNumber: number;
  cells: readonly string[];
  reason: string;
}

export interface RejectedRowsWriter {
  /** Appends a rejected row: the reason (prefixed with its row number), then its original cells. */
  write(rowNumber: number, cells: readonly string[], reason: string): Promise<void>;
  /** Appends many rejected rows in one write (an import's chunk: one write instead of one per row). */
  writeAll(rows: readonly RejectedRow[]): Promise<void>;
  close(): Promise<void>;
  readonly rowsWritten: number;
}

/** Streams rejected rows to `path`, waiting for the disk when the write buffer is full. */
export function rejectedRowsWriter(path: string, headers: readonly string[]): RejectedRowsWriter {
  const file = csvFileWriter(path, [REASON_HEADER, ...headers]);
  let rowsWritten = 0;
  // First, so that a row's cells stay under their headers whatever its length, and fixing it the natural way keeps them
  // there: after the row's columns, a row with a cell too many ("1 Main St, Apt 2" unquoted) had its reason between the
  // cells; merged back into one address, the email moved under "Reason" (ignored) and the reason under "Email" (a review).
  const line = ({ rowNumber, cells, reason }: RejectedRow) => [`Row ${rowNumber}: ${reason}`, ...cells];
  return {
    async writeAll(rows) {
      rowsWritten += rows.length;
      await file.write(rows.map(line));
    },
    write(rowNumber, cells, reason) {
      return this.writeAll([{ rowNumber, cells, reason }]);
    },
    close: () => file.close(),
    get rowsWritten() {
      return rowsWritten;
    },
  };
}
