/**
 * The rejected rows of an import, written back out as a CSV the office can open in Excel, fix, and
 * import again: the row's original cells, then a Reason column (which the importer ignores). Written
 * with the app's one CSV writer (csv-writer.ts: formula-safe, UTF-8 with BOM).
 */
import { csvFileWriter } from './csv-writer';

export const REASON_HEADER = 'Reason';

export interface RejectedRowsWriter {
  /** Appends a rejected row: its original cells, then the reason (prefixed with its row number). */
  write(rowNumber: number, cells: readonly string[], reason: string): Promise<void>;
  close(): Promise<void>;
  readonly rowsWritten: number;
}

/** Streams rejected rows to `path`, waiting for the disk when the write buffer is full. */
export function rejectedRowsWriter(path: string, headers: readonly string[]): RejectedRowsWriter {
  const file = csvFileWriter(path, [...headers, REASON_HEADER]);
  const width = headers.length;
  let rowsWritten = 0;
  return {
    async write(rowNumber, cells, reason) {
      // Short rows are padded so the Reason always lands in its own column.
      const padded = cells.length < width ? [...cells, ...Array<string>(width - cells.length).fill('')] : cells;
      rowsWritten++;
      await file.write([[...padded, `Row ${rowNumber}: ${reason}`]]);
    },
    close: () => file.close(),
    get rowsWritten() {
      return rowsWritten;
    },
  };
}
