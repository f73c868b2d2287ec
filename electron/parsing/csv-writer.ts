/**
 * The one CSV writer: every CSV the app writes (the Leads export, the rejected rows of an import)
 * goes through papaparse's `unparse`, with the same defences, so our importer reads it back exactly:
 * - formula injection (OWASP "CSV Injection"): a cell that a spreadsheet would run gets Excel's
 *   text marker, a leading apostrophe, and quotes (see text-marker.ts, which the reader shares);
 * - a cell holding ";" is quoted too: Excel in many European locales splits CSV lines on ";", and an
 *   unquoted "a;=cmd…" would hand it a cell starting with "=" (OWASP: "take care of the field separator");
 * - UTF-8 with a BOM, CRLF line ends: Excel then shows "Muñoz" and multi-line notes correctly.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import Papa from 'papaparse';
import { NEEDS_TEXT_MARKER } from './text-marker';

export type CsvCell = string | null;

const UTF8_BOM = '\uFEFF';
const CRLF = '\r\n';

const UNPARSE_OPTIONS: Papa.UnparseConfig = {
  newline: CRLF,
  escapeFormulae: NEEDS_TEXT_MARKER,
  quotes: (value: unknown) => typeof value === 'string' && value.includes(';'),
};

/** Rows as CSV text, each row CRLF-terminated (so batches can be appended one after another). */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  if (rows.length === 0) return '';
  return Papa.unparse(rows as CsvCell[][], UNPARSE_OPTIONS) + CRLF;
}

export interface CsvFileWriter {
  /** Appends rows, waiting for the disk when its buffer is full (a million rows never pile up in memory). */
  write(rows: readonly (readonly CsvCell[])[]): Promise<void>;
  /** Flushes and closes the file; rejects if any write failed. */
  close(): Promise<void>;
  /** Closes the file after a failure, without throwing again. */
  destroy(): Promise<void>;
}

/** Streams a CSV to `path`: BOM and header row first, then rows in batches. */
export function csvFileWriter(path: string, headers: readonly string[]): CsvFileWriter {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  let failure: Error | null = null;
  stream.on('error', (error) => {
    failure = error;
  });
  const ensureHealthy = () => {
    if (failure) throw failure;
  };
  stream.write(UTF8_BOM + csvLines([headers]));
  return {
    async write(rows) {
      ensureHealthy();
      if (rows.length === 0) return;
      if (!stream.write(csvLines(rows))) await once(stream, 'drain'); // rejects if the stream errors meanwhile
    },
    async close() {
      ensureHealthy();
      stream.end();
      await once(stream, 'finish');
      ensureHealthy();
    },
    async destroy() {
      if (stream.closed) return;
      const closed = once(stream, 'close').catch(() => undefined);
      stream.destroy();
      await closed;
    },
  };
}
