/**
 * Workbooks through the real import (worker thread, real SQLite): the messy fixtures saved as .xlsx
 * give the same counts as their CSVs, a Mexican row is +52, and `rlm import --sheet`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import { readCsvRows } from '../../../electron/parsing/csv-reader';
import type { ImportBatch, InspectResult, PreviewResult } from '../../../shared/ipc/imports';
import { useBackends } from '../../helpers/backend';
import { writeWorkbook, type SheetCells } from '../../unit/import/xlsx-helpers';

const root = join(__dirname, '../../..');
const FIXTURES = [
  'tests/fixtures/import/messy-semicolon-cp1252.csv',
  'tests/fixtures/import/semicolon-windows1252.csv',
  'tests/fixtures/import/pipe-no-header.csv',
  'tests/fixtures/import/utf8-bom-multiline.csv',
  'tests/fixtures/import/utf16le-bom.tsv',
  'tests/fixtures/demo/old-crm-export.csv',
];

async function call<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(channel, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as T;
}

/** Inspect → preview → import, the way the wizard does; counts of both. */
async function importThrough(backend: Backend, path: string) {
  const company = await call<{ id: number }>(backend, 'companies:create', { name: 'Acme', ghlLocationId: 'locAcme1' });
  const companyId = company.id;
  const inspect = await call<InspectResult>(backend, 'imports:inspect', { path, companyId });
  const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader, ...(inspect.sheet ? { sheet: inspect.sheet } : {}) };
  const preview = await call<PreviewResult>(backend, 'imports:preview', { path, companyId, options, mapping: inspect.mapping });
  const { batchId } = await call<{ batchId: number }>(backend, 'imports:start', { path, companyId, options, mapping: inspect.mapping, tag: inspect.defaultTag });
  await backend.ctx.imports.finished(batchId);
  const batch = await call<ImportBatch>(backend, 'imports:get', { batchId });
  const phones = backend.ctx.db.$client.prepare('SELECT phone FROM leads WHERE batch_id = ? ORDER BY id').pluck().all(batchId);
  return { inspect, preview, batch, phones, companyId };
}

/**
 * The CSV as a user would have it in Excel: the same cells at the same rows (blank rows kept, so row
 * numbers match). `typed`: cells that are plain numbers become numbers, as Excel does on opening a CSV.
 */
async function asWorkbook(csvPath: string, inspect: InspectResult, target: string, typed: boolean): Promise<string> {
  const reader = readCsvRows(csvPath, { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader });
  const grid: SheetCells = inspect.hasHeader ? [inspect.headers] : [];
  // Row numbers are the sheet's own (the header is row 1): grid index = row number - 1.
  const offset = -1;
  for await (const row of reader) {
    expect(row.problem, `${csvPath} row ${row.rowNumber}`).toBeNull();
    while (grid.length < row.rowNumber + offset) grid.push([]);
    grid[row.rowNumber + offset] = row.cells.map((cell) => (typed && /^\d{1,15}$/.test(cell.trim()) ? Number(cell) : cell));
  }
  return writeWorkbook(target, { Leads: grid });
}

describe('workbooks through the real import', () => {
  const { open, tempDir } = useBackends();

  it.each(FIXTURES)('%s saved as .xlsx (text and typed cells) gives the same counts as the CSV', async (fixture) => {
    const csv = await importThrough(open(), join(root, fixture));
    for (const typed of [false, true]) {
      const xlsxPath = await asWorkbook(join(root, fixture), csv.inspect, join(tempDir(), `${typed ? 'typed' : 'text'}.xlsx`), typed);
      const xlsx = await importThrough(open(), xlsxPath);
      const label = `${fixture} (${typed ? 'typed' : 'text'} cells)`;
      expect(xlsx.inspect.sheet, label).toBe('Leads');
      expect({ hasHeader: xlsx.inspect.hasHeader, headers: xlsx.inspect.headers, fields: xlsx.inspect.mapping.columns.map((c) => c.field) }, label).toEqual({
        hasHeader: csv.inspect.hasHeader,
        headers: csv.inspect.headers,
        fields: csv.inspect.mapping.columns.map((c) => c.field),
      });
      // Blank rows aside: a blank line at the end of the CSV is no row of the workbook written from it.
      expect({ ...xlsx.preview.counts, blankRows: 0 }, label).toEqual({ ...csv.preview.counts, blankRows: 0 });
      expect(xlsx.preview.problems.map((p) => [p.rowNumber, p.kind]), label).toEqual(csv.preview.problems.map((p) => [p.rowNumber, p.kind]));
      const counts = (batch: ImportBatch) => ({ state: batch.state, rows: batch.processedRows, imported: batch.imported, duplicates: batch.duplicates, rejected: batch.rejected });
      expect(counts(xlsx.batch), label).toEqual(counts(csv.batch));
      expect(xlsx.phones, label).toEqual(csv.phones);
    }
  });

  it('a Mexican row is +52, a phone typed as a number keeps its digits, a junk country reads as US', async () => {
    const path = writeWorkbook(join(tempDir(), 'countries.xlsx'), {
      Leads: [
        ['Name', 'Phone', 'Country'],
        ['Ana Ruiz', '55 1234 5678', 'MX'],
        ['Ann Lee', 5125550142, 'USA'],
        ['Cy Doe', '(512) 555-0143', 'Atlantis'],
        ['Di Roe', '5.12555E+09', 'US'],
      ],
    });
    const result = await importThrough(open(), path);
    expect(result.phones).toEqual(['+525512345678', '+15125550142', '+15125550143']);
    expect(result.batch).toMatchObject({ imported: 3, rejected: 1 });
    expect(result.preview.problems.find((p) => p.kind === 'invalid')?.issues[0]?.message).toBe(
      'Excel shortened this number: format the column as Text and export again: "5.12555E+09"',
    );
  });

  it('inspect lists the sheets and reads the one asked for; an unknown sheet is a clear error', async () => {
    const backend = open();
    const company = await call<{ id: number }>(backend, 'companies:create', { name: 'Acme', ghlLocationId: 'locAcme1' });
    const path = writeWorkbook(join(tempDir(), 'sheets.xlsx'), { Notes: [], Leads: [['Name', 'Phone'], ['Ann', '512-555-0142']], Old: [['Customer', 'Cell'], ['Bo', '512-555-0143'], ['Cy', '512-555-0144']] });
    const first = await call<InspectResult>(backend, 'imports:inspect', { path, companyId: company.id });
    expect(first).toMatchObject({ sheet: 'Leads', sheets: [{ name: 'Notes', rows: 0 }, { name: 'Leads', rows: 1 }, { name: 'Old', rows: 2 }], headers: ['Name', 'Phone'] });
    await expect(call(backend, 'imports:inspect', { path, companyId: company.id, sheet: 'Old' })).resolves.toMatchObject({ sheet: 'Old', headers: ['Customer', 'Cell'] });
    await expect(backend.dispatch('imports:inspect', { path, companyId: company.id, sheet: 'Nope' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad-file', message: 'The workbook has no sheet named "Nope". Its sheets: "Notes", "Leads", "Old".' },
    });
  });
});

describe('rlm import of a workbook (CLI, real bin)', () => {
  const { tempDir } = useBackends();
  const rlm = (dataDir: string, args: string[]) => {
    const result = spawnSync(process.execPath, [join(root, 'scripts/rlm.cjs'), '--data-dir', dataDir, ...args], { encoding: 'utf8', cwd: root });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('reads the first sheet with a table, --sheet another; an unknown sheet lists the sheets', () => {
    const dir = tempDir();
    expect(rlm(dir, ['company', 'add', '--name', 'Acme', '--location-id', 'locAcme1', '--json']).code).toBe(0);
    const book = writeWorkbook(join(dir, 'book.xlsx'), { Cover: [['Customer list 2019']], Leads: [['Name', 'Phone'], ['Ann', 5125550142]], Old: [['Name', 'Phone'], ['Bo', '512-555-0143'], ['Cy', 'n/a']] });
    // "Cover" holds a title, not a table: the first sheet with one is read (it failed on the title before).
    const cover = rlm(dir, ['import', book, '--company', 'Acme', '--dry-run', '--json']);
    expect(cover.code, cover.stderr).toBe(0);
    expect(JSON.parse(cover.stdout)).toMatchObject({ rows: 1, imported: 1 });
    const old = rlm(dir, ['import', book, '--company', 'Acme', '--sheet', 'Old', '--json']);
    expect(old.code).toBe(0);
    expect(JSON.parse(old.stdout)).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
    const unknown = rlm(dir, ['import', book, '--company', 'Acme', '--sheet', 'Leads 2', '--json']);
    expect(unknown.code).not.toBe(0);
    expect(JSON.parse(unknown.stdout).error.message).toBe('The workbook has no sheet named "Leads 2". Its sheets: "Cover", "Leads", "Old".');
    const csv = join(dir, 'plain.csv');
    spawnSync('sh', ['-c', `printf 'Name,Phone\\nAnn,512-555-0142\\n' > '${csv}'`]);
    expect(rlm(dir, ['import', csv, '--company', 'Acme', '--sheet', 'Leads']).stderr).toMatch(/--sheet is for workbooks/);
  }, 120_000); // six CLI processes: ~15 s on an idle machine, more on a busy one
});
