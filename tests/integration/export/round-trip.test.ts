import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import { prepareLeaseStatements } from '../../../electron/core/jobs/lease-statements';
import { localDate } from '../../../electron/lib/local-time';
import type { ImportBatch, InspectResult } from '../../../shared/ipc/imports';
import { useBackends } from '../../helpers/backend';
import { readAll } from '../../unit/import/helpers';

const root = join(__dirname, '../../..');
const bin = join(root, 'scripts/rlm.cjs');
const fixtures = {
  'demo/old-crm-export.csv': join(root, 'tests/fixtures/demo/old-crm-export.csv'),
  'import/messy-semicolon-cp1252.csv': join(root, 'tests/fixtures/import/messy-semicolon-cp1252.csv'),
};

async function call<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(channel, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as T;
}

/** The real import, with the mapping the app suggests (what `rlm import --mapping auto` uses). */
async function importFile(backend: Backend, companyId: number, path: string, tag: string) {
  const inspect = await call<InspectResult>(backend, 'imports:inspect', { path, companyId });
  expect(inspect.mappingErrors).toEqual([]);
  const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
  const { batchId } = await call<{ batchId: number }>(backend, 'imports:start', { path, companyId, options, mapping: inspect.mapping, tag, onDuplicate: 'skip', queueSync: true });
  await backend.ctx.imports.finished(batchId);
  const batch = await call<ImportBatch>(backend, 'imports:get', { batchId });
  expect(batch.state).toBe('completed');
  const rejected = await call<{ path: string | null }>(backend, 'imports:rejectedFile', { batchId });
  return { batch, rejectedFile: rejected.path, mapping: Object.fromEntries(inspect.mapping.columns.map((column) => [column.header, column.field])) };
}

/** Every field an import stores, per lead, in a stable order. */
function leadFields(backend: Backend) {
  return backend.ctx.db.$client
    .prepare(
      `SELECT first_name, last_name, phone, phone_ext, email, address1, city, state, postal_code, country, source, notes,
              last_service_date, consent_note, do_not_contact, tag, status, company_name, original_date, crm_status, job_type, crm_tags
       FROM leads ORDER BY coalesce(phone, email_key)`,
    )
    .all();
}

/** Each `rlm` start compiles the CLI (tsx): seconds apiece on a loaded 2-core machine. */
const CLI_TEST_TIMEOUT_MS = 120_000;

function rlm(dataDir: string, args: string[]) {
  const result = spawnSync(process.execPath, [bin, '--data-dir', dataDir, ...args], { encoding: 'utf8', cwd: root });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Reasons without their "Row N: " prefix: row numbers change when only the rejected rows are imported. */
const reasonsOf = (rows: Array<{ cells: string[] }>) => rows.map((row) => (row.cells[0] ?? '').replace(/^Row \d+: /, ''));

describe('export → import again (real imports, real files, two data folders)', () => {
  const { open, tempDir } = useBackends();

  async function companyIn(backend: Backend): Promise<number> {
    return (await call<{ id: number }>(backend, 'companies:create', { name: 'Summit Roofing', ghlLocationId: 've9EPM428h8vShlRW1KT' })).id;
  }

  it.each(Object.entries(fixtures))('%s: the export and the rejected rows import into a fresh data folder with every field intact', async (_name, fixture) => {
    const first = open();
    const companyId = await companyIn(first);
    const tag = 'reactivation-2026-11';
    const original = await importFile(first, companyId, fixture, tag);
    expect(original.batch.imported).toBeGreaterThan(4);
    expect(original.batch.rejected).toBeGreaterThan(0);

    // One lead enrolled (as the sync worker records it), so the consent record's columns are filled in the export.
    const enrolledId = (first.ctx.db.$client.prepare(`SELECT min(id) AS id FROM leads WHERE do_not_contact = 0`).get() as { id: number }).id;
    first.ctx.db.$client.prepare(`UPDATE leads SET time_zone = 'America/Chicago', rule_state = 'TX' WHERE id = ?`).run(enrolledId);
    prepareLeaseStatements(first.ctx.db.$client).leadEnrolled.run(Date.now(), enrolledId);

    // The Leads page's export, and `rlm export` (a separate process) on the same data folder: one code path, the same bytes.
    const exported = await call<{ path: string; rows: number; fileName: string }>(first, 'leads:export', { filters: { companyId } });
    expect(exported.rows).toBe(original.batch.imported);
    expect(exported.fileName).toBe(`leads-Summit-Roofing-${localDate(Date.now())}.csv`);
    const cliFolder = tempDir();
    const cli = rlm(first.ctx.dataDir, ['export', cliFolder, '--company', 'Summit Roofing', '--json']);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual({ rows: exported.rows, file: join(cliFolder, exported.fileName) });
    expect(readFileSync(join(cliFolder, exported.fileName), 'utf8')).toBe(readFileSync(exported.path, 'utf8'));
    expect(readdirSync(cliFolder)).toEqual([exported.fileName]); // no partial file left beside it

    // A fresh data folder (a new backend on a new temp dir) imports the export: nothing rejected, nothing changed.
    const second = open();
    const secondCompanyId = await companyIn(second);
    const again = await importFile(second, secondCompanyId, exported.path, tag);
    expect(again.batch).toMatchObject({ imported: exported.rows, rejected: 0, duplicates: 0, updated: 0 });
    expect(leadFields(second)).toEqual(leadFields(first));
    // The consent record's columns say where each lead came from and are ignored by the import, as are the
    // app's own columns; every other column maps back to the field it came from.
    const { headers, rows } = await readAll(exported.path);
    const cameFrom = rows.map((row) => row.cells[headers!.indexOf('Came from')]);
    expect(cameFrom.every((text) => new RegExp(`^Imported from ${basename(fixture)}, row \\d+, on \\w{3} \\d{1,2}, \\d{4}$`).test(text ?? ''))).toBe(true);
    const enrolledCells = rows.map((row) => ['Enrolled at', 'Enrolled in time zone', 'Enrolled window'].map((header) => row.cells[headers!.indexOf(header)]));
    expect(enrolledCells.filter((cells) => cells.some(Boolean))).toEqual([[expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/), 'America/Chicago', expect.stringMatching(/^10:00–19:00/)]]);
    expect(again.mapping).toEqual({
      'Roofing company': 'ignore', 'First name': 'firstName', 'Last name': 'lastName', Phone: 'phone', Email: 'email', Address: 'address1',
      City: 'city', State: 'state', ZIP: 'postalCode', Country: 'country', 'Lead source': 'source', Notes: 'notes',
      'Last service date': 'lastServiceDate', Consent: 'consentNote', 'Do not contact': 'doNotContact', 'Campaign tag': 'ignore', 'GHL status': 'ignore',
      'GHL error': 'ignore', 'GHL contact id': 'ignore', 'Time zone': 'ignore', 'Original date': 'originalDate', 'Company name': 'companyName',
      'Old CRM status': 'crmStatus', 'Job type': 'jobType', 'Old tags': 'tags', Created: 'ignore', 'Sent to GHL on': 'ignore',
      'Came from': 'ignore', 'Enrolled at': 'ignore', 'Enrolled in time zone': 'ignore', 'Enrolled window': 'ignore',
    });

    // The rejected-rows file imports too, without a reading problem: each row is rejected again for
    // its own, genuine reason (no area code, two numbers in one cell, a vanity number, no contact at
    // all), and comes back out cell for cell, the first Reason column kept as it was.
    expect(original.rejectedFile).not.toBeNull();
    const firstRejected = await readAll(original.rejectedFile!);
    const third = open();
    const thirdCompanyId = await companyIn(third);
    const rejectedAgain = await importFile(third, thirdCompanyId, original.rejectedFile!, tag);
    expect(rejectedAgain.batch).toMatchObject({ imported: 0, rejected: original.batch.rejected });
    const secondRejected = await readAll(rejectedAgain.rejectedFile!);
    expect(secondRejected.headers).toEqual(['Reason', ...(firstRejected.headers ?? [])]);
    expect(secondRejected.rows.map((row) => row.cells.slice(1))).toEqual(firstRejected.rows.map((row) => row.cells));
    expect(reasonsOf(secondRejected.rows)).toEqual(reasonsOf(firstRejected.rows));
  }, CLI_TEST_TIMEOUT_MS);

  it('a rejected row fixed in the rejected-rows file imports, with its fields', async () => {
    const first = open();
    const companyId = await companyIn(first);
    const { rejectedFile } = await importFile(first, companyId, fixtures['demo/old-crm-export.csv'], 'storm-2026');
    const text = readFileSync(rejectedFile!, 'utf8');
    // The office adds the area code to Ann Lee's 7-digit number; Gus Grant's two numbers stay as they were.
    expect(text).toContain(',555-0143,');
    const fixed = join(tempDir(), 'fixed.csv');
    writeFileSync(fixed, text.replace(',555-0143,', ',(512) 555-0143,'));
    const second = open();
    const again = await importFile(second, await companyIn(second), fixed, 'storm-2026');
    expect(again.batch).toMatchObject({ imported: 1, rejected: 1 });
    expect(second.ctx.db.$client.prepare('SELECT first_name, last_name, phone, city, state, postal_code, source, notes FROM leads').all()).toEqual([
      { first_name: 'Ann', last_name: 'Lee', phone: '+15125550143', city: 'Austin', state: 'TX', postal_code: '78703', source: 'Facebook', notes: 'Only a 7-digit number' },
    ]);
  });

  it('rlm export: a bad status or an unwritable file is a clear error, and leaves no file behind', async () => {
    const backend = open();
    await companyIn(backend);
    const dir = backend.ctx.dataDir;
    const badStatus = rlm(dir, ['export', join(dir, 'x.csv'), '--status', 'sent', '--json']);
    expect(badStatus.code).toBe(2);
    expect(JSON.parse(badStatus.stdout)).toMatchObject({ error: { code: 'validation', message: expect.stringContaining('Unknown status "sent"') } });
    const missingFolder = rlm(dir, ['export', join(dir, 'no-such-folder', 'x.csv'), '--json']);
    expect(missingFolder.code).toBe(2);
    expect(JSON.parse(missingFolder.stdout)).toEqual({ error: { code: 'validation', message: `The folder ${join(dir, 'no-such-folder')} does not exist.` } });
    const byLabel = rlm(dir, ['export', join(dir, 'sent.csv'), '--status', 'Sent to GHL', '--json']);
    expect(JSON.parse(byLabel.stdout)).toEqual({ rows: 0, file: join(dir, 'sent.csv') });
    expect(readdirSync(dir).filter((name) => name.includes('.csv'))).toEqual(['sent.csv']);
  }, CLI_TEST_TIMEOUT_MS);
});
