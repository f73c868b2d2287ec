/**
 * The rejected rows of an import, written back out as a CSV the office can open in Excel, fix, and
 * import again: the row's original cells, then a Reason column (which the importer ignores). Written
 * with the app's one CSV writer (csv-writer.ts: formula-safe, UTF-8 with BOM).
 */
import { csvFileWriter } from './csv-writer';

export const REASON_HEADER = 'Reason';

export interface RejectedRow {
  rowNumber: number;
  cells: readonly string[];
  reason: string;
}

export interface RejectedRowsWriter {
  /** Appends a rejected row: its original cells, then the reason (prefixed with its row number). */
  write(rowNumber: number, cells: readonly string[], reason: string): Promise<void>;
  /** Appends many rejected rows in one write (an import's chunk: one write instead of one per row). */
  writeAll(rows: readonly RejectedRow[]): Promise<void>;
  close(): Promise<void>;
  readonly rowsWritten: number;
}

/** Streams rejected rows to `path`, waiting for the disk when the write buffer is full. */
export function rejectedRowsWriter(path: string, headers: readonly string[]): RejectedRowsWriter {
  const file = csvFileWriter(path, [...headers, REASON_HEADER]);
  const width = headers.length;
  let rowsWritten = 0;
  // The Reason always lands under its header: short rows are padded, and the cells a long row has beyond
  // the header go after it (they pushed the reason one column right, and their own first cell sat under "Reason").
  const line = ({ rowNumber, cells, reason }: RejectedRow) => {
    const named = cells.length < width ? [...cells, ...Array<string>(width - cells.length).fill('')] : cells.slice(0, width);
    return [...named, `Row ${rowNumber}: ${reason}`, ...cells.slice(width)];
  };
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
