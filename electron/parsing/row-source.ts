/**
 * Reader selection: a CSV/TSV/TXT file or a workbook, told apart by content (workbook.ts). Both
 * readers yield the same rows (CsvRow) with the same headers and summary, so everything after
 * them — mapping, validation, preview counts, the import, the rejected-rows file — is shared.
 */
import { readCsvRows, type CsvReadOptions, type CsvReadSummary, type CsvRow } from './csv-reader';
import { sniffFile, type SniffOptions, type SniffResult } from './sniff';
import type { SheetSummary } from './workbook';
import { isWorkbookFile } from './workbook-detect';
import { eachRow } from './row-batches';
import type { WorkbookRowReader } from './workbook-reader';

// The workbook reader (and SheetJS under it) is loaded on the first workbook only.
const workbookReader = () => import('./workbook-reader');

/** Iterated, a row at a time; batches(), the same rows a piece of the file at a time (one or the other, once). */
export interface RowReader extends AsyncIterable<CsvRow> {
  batches(): AsyncIterable<CsvRow[]>;
  /** The header row once read (or synthetic "Column N"). */
  readonly headers: string[] | null;
  /** Available once iteration has finished. */
  readonly summary: CsvReadSummary | null;
}

export interface FileReadOptions extends CsvReadOptions {
  /** Workbooks: the sheet to read (default: the first with data). Ignored for CSV. */
  sheet?: string;
}

export interface FileSniffOptions extends SniffOptions {
  sheet?: string;
}

export interface FileSniffResult extends SniffResult {
  /** Workbooks: every sheet with its row count; empty for CSV. */
  sheets: SheetSummary[];
  /** Workbooks: the sheet read; null for CSV. */
  sheet: string | null;
}

export function readFileRows(path: string, options: FileReadOptions): RowReader {
  if (!isWorkbookFile(path)) return readCsvRows(path, options);
  return new LazyWorkbookReader(path, options);
}

/** A WorkbookRowReader created once iteration starts, when its module has been loaded. */
class LazyWorkbookReader implements RowReader {
  private inner: WorkbookRowReader | null = null;

  constructor(
    private readonly path: string,
    private readonly options: FileReadOptions,
  ) {}

  get headers(): string[] | null {
    return this.inner?.headers ?? null;
  }

  get summary(): CsvReadSummary | null {
    return this.inner?.summary ?? null;
  }

  [Symbol.asyncIterator](): AsyncIterator<CsvRow> {
    return eachRow(this.batches());
  }

  async *batches(): AsyncGenerator<CsvRow[]> {
    const { readWorkbookRows } = await workbookReader();
    const { hasHeader, sheet, signal, onProgress } = this.options;
    this.inner = readWorkbookRows(this.path, { hasHeader, sheet, signal, onProgress });
    yield* this.inner.batches();
  }
}

/** The first look at a file (see sniff.ts); a workbook's is parsed in full by SheetJS, so callers on the main thread run it in a worker. */
export async function sniffAnyFile(path: string, options: FileSniffOptions = {}): Promise<FileSniffResult> {
  if (isWorkbookFile(path)) return (await workbookReader()).sniffWorkbook(path, { sheet: options.sheet, hasHeader: options.hasHeader });
  return { ...(await sniffFile(path, options)), sheets: [], sheet: null };
}
