import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvRows, type CsvReadOptions, type CsvRow } from '../../../electron/parsing/csv-reader';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/import');

export function tempDir(): { dir: string; file: (name: string, content: string | Uint8Array) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rlm-import-'));
  return {
    dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function readAll(path: string, options: Partial<CsvReadOptions> = {}) {
  const reader = readCsvRows(path, { encoding: 'utf-8', delimiter: ',', hasHeader: true, ...options });
  const rows: CsvRow[] = [];
  for await (const row of reader) rows.push(row);
  return { rows, summary: reader.summary, headers: reader.headers };
}
