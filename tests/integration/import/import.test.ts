import { placeAllLeads } from '../../helpers/jobs';
import { openSchedulesAt } from '../../helpers/schedule';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import { BatchStore } from '../../../electron/core/imports/batch-store';
import { ImportService } from '../../../electron/core/imports/import-service';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import type { ImportBatch, InspectResult, PreviewResult } from '../../../shared/ipc/imports';
import { useBackends } from '../../helpers/backend';
import { syncAllQueued, writeQueuedJobs } from '../../helpers/jobs';

const root = join(__dirname, '../../..');
const messy = join(root, 'tests/fixtures/import/messy-semicolon-cp1252.csv');

async function call<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(channel, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as T;
}

function addsUp(batch: Pick<ImportBatch, 'processedRows' | 'imported' | 'updated' | 'duplicates' | 'rejected'>) {
  expect(batch.processedRows).toBe(batch.imported + batch.updated + batch.duplicates + batch.rejected);
}

/** A clean CSV with `rows` distinct leads (phones 512-2xx-xxxx). */
function bigCsv(path: string, rows: number): void {
  const lines = ['First Name,Last Name,Phone,Email'];
  for (let i = 0; i < rows; i++) lines.push(`F${i},L${i},512-${200 + Math.floor(i / 10000)}-${String(i % 10000).padStart(4, '0')},`);
  writeFileSync(path, lines.join('\n') + '\n');
}

describe('imports (worker thread, real SQLite)', () => {
  const { open, tempDir } = useBackends();

  async function setup(dataDir?: string) {
    const backend = open(dataDir);
    const company = await call<{ id: number }>(backend, 'companies:create', { name: 'Acme', ghlLocationId: 'locAcme1' });
    return { backend, companyId: company.id, client: backend.ctx.db.$client };
  }

  async function importFile(backend: Backend, companyId: number, path: string, extra: Record<string, unknown> = {}) {
    const inspect = await call<InspectResult>(backend, 'imports:inspect', { path, companyId });
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    const { batchId } = await call<{ batchId: number }>(backend, 'imports:start', { path, companyId, options, mapping: inspect.mapping, tag: inspect.defaultTag, ...extra });
    await backend.ctx.imports.finished(batchId);
    return { batchId, inspect, options, batch: await call<ImportBatch>(backend, 'imports:get', { batchId }) };
  }

  /** A 60,000-row import in 500-row chunks, once its first chunk is committed (so that it is stopped midway). */
  async function bigImportPastItsFirstChunk(backend: Backend, companyId: number) {
    const file = join(tempDir(), 'big.csv');
    bigCsv(file, 60_000);
    const service = new ImportService(backend.ctx.db, backend.ctx.events, { dataDir: backend.ctx.dataDir, databasePath: backend.ctx.databasePath, chunkRows: 500 });
    const inspect = await call<InspectResult>(backend, 'imports:inspect', { path: file, companyId });
    const firstProgress = new Promise<void>((resolve) => {
      const stop = backend.ctx.events.on('import:progress', (progress) => {
        // The first committed chunk: later events are throttled, and a fast import may be done by then.
        if (progress.processedRows >= 500) {
          stop();
          resolve();
        }
      });
    });
    const { batchId } = service.start({
      path: file, companyId, options: { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: true },
      mapping: inspect.mapping, tag: null, onDuplicate: 'skip', queueSync: true,
    });
    await firstProgress;
    return { service, batchId };
  }

  it('imports the messy fixture exactly: Windows-1252, semicolons, multi-line notes, mixed phones, duplicates, invalid rows', async () => {
    const { backend, companyId, client } = await setup();
    await call(backend, 'leads:create', { companyId, firstName: 'Eve', phone: '512-555-0177' });
    const inspect = await call<InspectResult>(backend, 'imports:inspect', { path: messy, companyId });
    expect(inspect).toMatchObject({ encoding: 'windows-1252', delimiter: ';', hasHeader: true, mappingSource: 'suggested', mappingErrors: [] });
    expect(inspect.defaultTag).toBe('reactivation');

    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    const preview = await call<PreviewResult>(backend, 'imports:preview', { path: messy, companyId, options, mapping: inspect.mapping });
    expect(preview.counts).toMatchObject({ rows: 12, valid: 8, invalid: 4, duplicatesInFile: 2, duplicatesExisting: 1 });
    const invalidOnly = await call<PreviewResult>(backend, 'imports:preview', { path: messy, companyId, options, mapping: inspect.mapping, kind: 'invalid', offset: 1, limit: 2 });
    expect(invalidOnly.problemsTotal).toBe(4);
    expect(invalidOnly.problems.map((p) => p.rowNumber)).toEqual([7, 11]);
    const existing = await call<PreviewResult>(backend, 'imports:preview', { path: messy, companyId, options, mapping: inspect.mapping, kind: 'duplicate-existing' });
    expect(existing.problems.map((p) => p.issues[0]?.message)).toEqual(['Already in the app as Eve (same phone)']);

    const { batch, batchId } = await importFile(backend, companyId, messy, { onDuplicate: 'skip' });
    expect(batch).toMatchObject({ state: 'completed', processedRows: 12, totalRows: 12, imported: 5, updated: 0, duplicates: 3, rejected: 4 });
    addsUp(batch);
    const leads = client.prepare("SELECT first_name AS f, last_name AS l, phone, email, city, state, notes, status FROM leads WHERE batch_id = ? ORDER BY id").all(batchId);
    expect(leads).toEqual([
      { f: 'José', l: 'Peña', phone: '+15125550142', email: 'jose@example.com', city: 'Austin', state: 'TX', notes: 'Replaced shingles;\nhail damage 2019', status: 'queued' },
      { f: 'Zoë', l: "O'Brien", phone: '+15125550143', email: null, city: 'Austin', state: 'TX', notes: null, status: 'queued' },
      { f: 'Ann', l: 'Email', phone: null, email: 'ann@example.com', city: null, state: null, notes: 'said "call after 5"', status: 'queued' },
      { f: 'Dora', l: 'Optout', phone: '+17375550100', email: null, city: null, state: null, notes: null, status: 'do-not-contact' },
      { f: 'Notes', l: 'Only', phone: '+15125550146', email: null, city: null, state: null, notes: '=HYPERLINK("x")', status: 'queued' },
    ]);
    // Jobs: the pre-existing lead's; the sync writes one per queued new lead (issue #11), none for the DNC lead.
    expect(client.prepare("SELECT count(*) AS n FROM sync_jobs").get()).toEqual({ n: 1 });
    writeQueuedJobs(client);
    expect(client.prepare("SELECT count(*) AS n FROM sync_jobs").get()).toEqual({ n: 5 });

    const { path } = await call<{ path: string }>(backend, 'imports:rejectedFile', { batchId });
    expect(path).toBe(join(backend.ctx.dataDir, 'exports', `batch-${batchId}-rejected.csv`));
    const rejected = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(rejected[0]).toBe('Reason,Customer Name,Phone,E-mail,Address,City,State,Zip,Job Notes,DNC');
    // The reason first, then the row's own cells under their headers.
    expect(rejected.slice(1, 5).map((line) => /^(?:"[^"]*(?:""[^"]*)*"|[^,]*),([^,]*),/.exec(line)?.[1])).toEqual(['Bob Short', 'No Contact', 'Vanity Van', 'Two Phones']);
    expect(rejected[1]).toContain('Row 4: Phone: Phone has no area code');

    // The mapping is remembered for this company and these headers.
    const again = await call<InspectResult>(backend, 'imports:inspect', { path: messy, companyId });
    expect(again.mappingSource).toBe('remembered');
  });

  it('numbers rows as Excel shows them (the header is row 1) and counts the blank rows it skipped', async () => {
    const { backend, companyId } = await setup();
    const file = join(backend.ctx.dataDir, 'with-blanks.csv');
    // Row 1 header, row 2 fine, rows 3-4 blank, row 5 no contact, row 6 fine.
    writeFileSync(file, 'First Name,Phone\nAnn,512-555-0142\n\n,\nBob,\nCy,512-555-0143\n');
    const inspect = await call<InspectResult>(backend, 'imports:inspect', { path: file, companyId });
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    const preview = await call<PreviewResult>(backend, 'imports:preview', { path: file, companyId, options, mapping: inspect.mapping });
    expect(preview.counts).toMatchObject({ rows: 3, valid: 2, invalid: 1, blankRows: 2 });
    expect(preview.problems.map((p) => [p.rowNumber, p.cells[0]])).toEqual([[5, 'Bob']]);
  });

  it("'update' fills the existing lead's empty fields and counts it as updated", async () => {
    const { backend, companyId, client } = await setup();
    await call(backend, 'leads:create', { companyId, firstName: 'Eve', phone: '512-555-0177' });
    const { batch } = await importFile(backend, companyId, messy, { onDuplicate: 'update' });
    expect(batch).toMatchObject({ imported: 5, updated: 1, duplicates: 2, rejected: 4 });
    addsUp(batch);
    expect(client.prepare("SELECT first_name AS f, last_name AS l, email, address1 FROM leads WHERE phone = '+15125550177'").get()).toEqual({
      f: 'Eve', l: 'Existing', email: 'eve@example.com', address1: '9 Oak Ave',
    });
  });

  it("a row the file marks do-not-contact makes its existing lead do-not-contact, also when duplicates are skipped", async () => {
    const { backend, companyId, client } = await setup();
    const first = join(tempDir(), 'first.csv');
    writeFileSync(first, 'Name,Phone,Email,DNC\nJohn Smith,512-555-0150,,\nMary Jones,512-555-0151,mary@example.com,\n');
    await importFile(backend, companyId, first);
    // The same John asks to stop; Mary comes back under another phone with her email; Ann twice in one file.
    const second = join(tempDir(), 'second.csv');
    writeFileSync(second, 'Name,Phone,Email,DNC\nJohn Smith,(512) 555-0150,,Yes\nMary Jones,512-555-0199,MARY@example.com,Y\nAnn Lee,512-555-0160,,\nAnn Lee,512-555-0160,,Yes - asked us to stop\n');
    // The review says so of the lead already in the app, by name: the office saw only "Already in the app as John Smith",
    // chose to skip repeats, and found John do-not-contact afterwards (a review).
    const inspect = await call<InspectResult>(backend, 'imports:inspect', { path: second, companyId });
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    const existing = await call<PreviewResult>(backend, 'imports:preview', { path: second, companyId, options, mapping: inspect.mapping, kind: 'duplicate-existing' });
    expect(existing.problems.map((p) => p.issues[0]?.message)).toEqual([
      'Already in the app as John Smith (same phone); the file marks this row do-not-contact, so John Smith is do-not-contact after the import',
      'Already in the app as Mary Jones (same email); the file marks this row do-not-contact, so Mary Jones is do-not-contact after the import',
    ]);
    // John's phone with Mary's email: the import marks both, and the review names both.
    const both = join(tempDir(), 'both.csv');
    writeFileSync(both, 'Name,Phone,Email,DNC\nPat Doe,512-555-0150,mary@example.com,Yes\n');
    const bothPreview = await call<PreviewResult>(backend, 'imports:preview', { path: both, companyId, options, mapping: inspect.mapping, kind: 'duplicate-existing' });
    expect(bothPreview.problems.map((p) => p.issues[0]?.message)).toEqual([
      // Pat is not John: named, and the mark holds all the same.
      'Already in the app as John Smith (same phone), but this row is Pat Doe: someone else at that number; the file marks this row do-not-contact, so John Smith and Mary Jones (same email) are do-not-contact after the import',
    ]);
    const { batch } = await importFile(backend, companyId, second);
    expect(batch).toMatchObject({ imported: 1, updated: 3, duplicates: 0, rejected: 0 });
    addsUp(batch);
    expect(client.prepare('SELECT first_name AS name, do_not_contact AS dnc, status FROM leads ORDER BY id').all()).toEqual([
      { name: 'John', dnc: 1, status: 'do-not-contact' },
      { name: 'Mary', dnc: 1, status: 'do-not-contact' },
      { name: 'Ann', dnc: 1, status: 'do-not-contact' },
    ]);
    // Their jobs are cancelled and their numbers are on the office-wide list: nothing of theirs goes. Mary's new
    // phone too, given in the row that asked to stop (her lead keeps the old one).
    expect(client.prepare("SELECT count(*) AS n FROM sync_jobs WHERE state IN ('queued', 'running')").get()).toEqual({ n: 0 });
    expect(client.prepare("SELECT value FROM opt_outs WHERE removed_at IS NULL AND kind = 'phone' ORDER BY value").pluck().all()).toEqual([
      '+15125550150', '+15125550151', '+15125550160', '+15125550199',
    ]);
  });

  it('undo removes the batch leads and their unsent jobs, keeps and lists leads already in GHL', async () => {
    const { backend, companyId, client } = await setup();
    const { batchId } = await importFile(backend, companyId, messy);
    const synced = client.prepare("SELECT id FROM leads WHERE phone = '+15125550142'").get() as { id: number };
    // That one lead reached GHL before the undo; the rest wait in the queue.
    const jobs = new JobQueue(client);
    placeAllLeads(client);
    // Not about pacing: the schedule holds nothing back at the real time these claims use.
    openSchedulesAt(client);
    const claimed = jobs.claim(companyId, 'runner', 100, Date.now(), 60_000);
    const sent = claimed.find((job) => job.leadId === synced.id)!;
    jobs.recordUpsert(sent, 'ghl-1', true, false, Date.now());
    jobs.completeSynced([sent], Date.now());
    jobs.release(claimed, Date.now(), Date.now());
    const undo = await call<{ removedLeads: number; removedJobs: number; keptSyncedLeads: Array<{ id: number; ghlContactId: string }> }>(backend, 'imports:undo', { batchId });
    expect(undo).toMatchObject({ removedLeads: 5, removedJobs: 4, keptSyncedLeads: [{ id: synced.id, ghlContactId: 'ghl-1', firstName: 'José' }] });
    expect(client.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 1 });
    expect(client.prepare('SELECT count(*) AS n FROM sync_jobs').get()).toEqual({ n: 1 });
    await expect(call(backend, 'imports:get', { batchId })).resolves.toMatchObject({ state: 'undone' });
  });

  it("proposes the company's campaign tag, and a cleared tag field still stores it on every lead", async () => {
    const backend = open();
    const company = await call<{ id: number }>(backend, 'companies:create', { name: 'Tagged', ghlLocationId: 'locTagged1', enrolTag: 'storm-2026' });
    const file = join(tempDir(), 'few.csv');
    bigCsv(file, 3);
    const inspect = await call<InspectResult>(backend, 'imports:inspect', { path: file, companyId: company.id });
    expect(inspect.defaultTag).toBe('storm-2026');
    const { batchId } = await call<{ batchId: number }>(backend, 'imports:start', {
      path: file, companyId: company.id, options: { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: true },
      mapping: inspect.mapping, tag: '  ', onDuplicate: 'skip', queueSync: true,
    });
    await backend.ctx.imports.finished(batchId);
    const client = backend.ctx.db.$client;
    expect(client.prepare('SELECT DISTINCT tag FROM leads').all()).toEqual([{ tag: 'storm-2026' }]);
    expect(client.prepare('SELECT tag FROM import_batches WHERE id = ?').get(batchId)).toEqual({ tag: 'storm-2026' });
  });

  it('an import stored without queueing can be sent later from its batch, do-not-contact leads excepted', async () => {
    const { backend, companyId, client } = await setup();
    const file = join(tempDir(), 'later.csv');
    writeFileSync(file, 'First Name,Phone,DNC\nAnn,512-555-0101,\nBob,512-555-0102,yes\nCy,512-555-0103,\n');
    const { batchId, batch } = await importFile(backend, companyId, file, { queueSync: false });
    expect(batch).toMatchObject({ imported: 3, notQueued: 2 });
    expect(client.prepare('SELECT count(*) AS n FROM sync_jobs').get()).toEqual({ n: 0 });

    await expect(call(backend, 'imports:queue', { batchId })).resolves.toEqual({ queued: 2 });
    expect(client.prepare('SELECT first_name AS name, status FROM leads ORDER BY id').all()).toEqual([
      { name: 'Ann', status: 'queued' },
      { name: 'Bob', status: 'do-not-contact' },
      { name: 'Cy', status: 'queued' },
    ]);
    expect(client.prepare("SELECT count(*) AS n FROM sync_jobs WHERE state = 'queued'").get()).toEqual({ n: 2 });
    await expect(call<ImportBatch>(backend, 'imports:get', { batchId })).resolves.toMatchObject({ notQueued: 0 });
    await expect(call(backend, 'imports:queue', { batchId })).resolves.toEqual({ queued: 0 });
  });

  it('undo of a batch whose leads are all in GHL removes nothing and does not call the batch undone', async () => {
    const { backend, companyId, client } = await setup();
    const file = join(tempDir(), 'sent.csv');
    bigCsv(file, 3);
    const { batchId } = await importFile(backend, companyId, file);
    expect(syncAllQueued(client)).toBe(3);
    const undo = await call<{ removedLeads: number; keptSyncedLeads: unknown[] }>(backend, 'imports:undo', { batchId });
    expect(undo.removedLeads).toBe(0);
    expect(undo.keptSyncedLeads).toHaveLength(3);
    await expect(call<ImportBatch>(backend, 'imports:get', { batchId })).resolves.toMatchObject({ state: 'completed', imported: 3 });
    expect(client.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 3 });
  });

  it('cancel mid-import leaves whole chunks and a batch that says how far it got', async () => {
    const { backend, companyId, client } = await setup();
    const { service, batchId } = await bigImportPastItsFirstChunk(backend, companyId);
    expect(service.cancel(batchId)).toEqual({ cancelled: true });
    const summary = await service.finished(batchId);
    expect(summary.state).toBe('cancelled');
    const batch = await call<ImportBatch>(backend, 'imports:get', { batchId });
    expect(batch.state).toBe('cancelled');
    expect(batch.processedRows).toBeGreaterThanOrEqual(500);
    expect(batch.processedRows).toBeLessThan(60_000);
    expect(batch.processedRows % 500).toBe(0);
    addsUp(batch);
    expect(client.prepare('SELECT count(*) AS n FROM leads WHERE batch_id = ?').get(batchId)).toEqual({ n: batch.imported });
    // Every lead the cancelled import kept is queued: the sync writes a job for each.
    writeQueuedJobs(client);
    expect(client.prepare('SELECT count(*) AS n FROM sync_jobs').get()).toEqual({ n: batch.imported });
  });

  // The import's writer checks no foreign key row by row (run-import.ts withoutForeignKeyChecks): the company removed
  // while the file is imported leaves no lead, job or custom value of it behind, and the import says why it stopped.
  it('a company removed during its import: nothing of it is left behind, and the import says why it stopped', async () => {
    const { backend, companyId, client } = await setup();
    const other = await call<{ id: number }>(backend, 'companies:create', { name: 'Bravo', ghlLocationId: 'locBravo1' });
    const { service, batchId } = await bigImportPastItsFirstChunk(backend, companyId);
    await call(backend, 'companies:remove', { id: companyId, force: true });
    const summary = await service.finished(batchId);
    expect(summary.state).toBe('failed');
    expect(summary.error).toMatch(/company was removed while this file was being imported\. Nothing of the file was kept/);
    // What is kept: nothing (the chunks saved before went with the company).
    expect(summary).toMatchObject({ imported: 0, updated: 0, duplicates: 0, rejected: 0, rejectedFile: null });
    expect(client.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 0 });
    expect(client.prepare('SELECT count(*) AS n FROM sync_jobs').get()).toEqual({ n: 0 });
    expect(client.pragma('foreign_key_check')).toEqual([]);
    // The other company imports as before, checked as before.
    const { batch } = await importFile(backend, other.id, messy);
    expect(batch.state).toBe('completed');
    expect(batch.imported).toBeGreaterThan(0);
    expect(client.pragma('foreign_key_check')).toEqual([]);
  });

  it('waits for a lock another connection holds outside its turn: a save during the import is not held back by that wait', async () => {
    const { backend, companyId, client } = await setup();
    const path = join(tempDir(), 'locked.csv');
    bigCsv(path, 3_000);
    const inspect = await call<InspectResult>(backend, 'imports:inspect', { path, companyId });
    const Database = (await import('better-sqlite3')).default;
    const holder = new Database(backend.ctx.databasePath); // another process' writer, say a second `rlm import`
    try {
      const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
      const { batchId } = await call<{ batchId: number }>(backend, 'imports:start', { path, companyId, options, mapping: inspect.mapping });
      holder.exec('BEGIN IMMEDIATE'); // before the worker's first chunk (its thread is still starting)
      await new Promise((resolve) => setTimeout(resolve, 700)); // the worker has started and wants the lock
      const askedAt = performance.now();
      const release = await backend.ctx.writeTurn.take(); // as the IPC dispatcher does before a save
      const waitedMs = performance.now() - askedAt;
      release();
      // Asleep in SQLite's busy handler inside its chunk, the import's writer held the turn until the
      // holder let go (here the turn's 250 ms bound).
      expect(waitedMs).toBeLessThan(100);
      holder.exec('ROLLBACK');
      expect(await backend.ctx.imports.finished(batchId)).toMatchObject({ state: 'completed', imported: 3_000 });
      expect(client.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 3_000 });
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it("marks a batch left 'running' by a dead process as failed (interrupted) on the next start", async () => {
    const dataDir = tempDir();
    const { backend, companyId, client } = await setup(dataDir);
    const now = Date.now();
    const id = Number(client.prepare("INSERT INTO import_batches (company_id, file_name, state, processed_rows, imported, created_at) VALUES (?, 'x.csv', 'running', 2000, 2000, ?)").run(companyId, now).lastInsertRowid);
    client.prepare("INSERT INTO app_meta (key, value) VALUES (?, '2147483646')").run(`import-owner:${id}`);
    await backend.close();
    const reopened = open(dataDir);
    await expect(call(reopened, 'imports:get', { batchId: id })).resolves.toMatchObject({ state: 'failed', processedRows: 2000, error: expect.stringMatching(/^Interrupted/) });
  });

  it("interrupts a crashed process's batch once its heartbeat is old, though its pid now belongs to another program", async () => {
    const dataDir = tempDir();
    const { backend, companyId, client } = await setup(dataDir);
    // The batch as an import writes it when it starts; then its process dies, and the system gives that pid to
    // an unrelated program that runs on (here a sleeping child).
    const stranger = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const ours = new BatchStore(backend.ctx.db).create({ companyId, fileName: 'x.csv', tag: null, onDuplicate: 'skip', queueSync: false });
      const running = new BatchStore(backend.ctx.db).create({ companyId, fileName: 'y.csv', tag: null, onDuplicate: 'skip', queueSync: false });
      const handOver = client.prepare('UPDATE app_meta SET value = replace(value, ?, ?) WHERE key = ?');
      handOver.run(String(process.pid), String(stranger.pid), `import-owner:${ours.id}`);
      await backend.close();

      // Eleven minutes on, the stale batch is interrupted; a live owner's fresh heartbeat keeps the other running.
      const elevenMinutesOn = Date.now() + 11 * 60_000;
      const fresh = (await import('../../../electron/core/imports/import-owner')).importOwnerValue(elevenMinutesOn);
      const raw = new (await import('better-sqlite3')).default(join(dataDir, 'leads.sqlite'));
      raw.prepare('UPDATE app_meta SET value = replace(?, ?, ?) WHERE key = ?').run(fresh, String(process.pid), String(stranger.pid), `import-owner:${running.id}`);
      raw.close();
      vi.useFakeTimers({ toFake: ['Date'], now: elevenMinutesOn });
      const reopened = open(dataDir);
      await expect(call(reopened, 'imports:get', { batchId: ours.id })).resolves.toMatchObject({ state: 'failed', error: expect.stringMatching(/^Interrupted/) });
      await expect(call(reopened, 'imports:get', { batchId: running.id })).resolves.toMatchObject({ state: 'running' });
    } finally {
      vi.useRealTimers();
      stranger.kill();
    }
  });

  it("keeps its batch's heartbeat fresh while it writes, so a long import is never taken for a crashed one", async () => {
    const { backend, companyId, client } = await setup();
    const path = join(tempDir(), 'long.csv');
    bigCsv(path, 60_000);
    const inspect = await call<InspectResult>(backend, 'imports:inspect', { path, companyId });
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: inspect.hasHeader };
    const { batchId } = await call<{ batchId: number }>(backend, 'imports:start', { path, companyId, options, mapping: inspect.mapping });
    const heartbeats = new Set<number>();
    const read = client.prepare<[string], { value: string }>('SELECT value FROM app_meta WHERE key = ?');
    const poll = setInterval(() => {
      const row = read.get(`import-owner:${batchId}`);
      if (row) heartbeats.add((JSON.parse(row.value) as { heartbeatAt: number }).heartbeatAt);
    }, 10);
    const batch = await backend.ctx.imports.finished(batchId);
    clearInterval(poll);
    expect(batch).toMatchObject({ state: 'completed', imported: 60_000 });
    expect(heartbeats.size).toBeGreaterThan(2);
  });

  it('refuses a mapping without phone or email, and bad files with clear errors', async () => {
    const { backend, companyId } = await setup();
    const dir = tempDir();
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    await expect(backend.dispatch('imports:inspect', { path: empty, companyId })).resolves.toMatchObject({ ok: false, error: { code: 'bad-file', message: expect.stringMatching(/empty/) } });
    const binary = join(dir, 'x.csv');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 3]));
    await expect(backend.dispatch('imports:inspect', { path: binary, companyId })).resolves.toMatchObject({ ok: false, error: { code: 'bad-file', message: expect.stringMatching(/binary/) } });
    const inspect = await call<InspectResult>(backend, 'imports:inspect', { path: messy, companyId });
    const noContact = { columns: inspect.mapping.columns.map((c) => (c.field === 'phone' || c.field === 'email' ? { ...c, field: 'ignore' } : c)) };
    await expect(
      backend.dispatch('imports:start', { path: messy, companyId, options: { encoding: 'windows-1252', delimiter: ';', hasHeader: true }, mapping: noContact }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/phone or email/) } });
  });

  it('rolls back a file with an unterminated quote instead of leaving it half imported', async () => {
    const { backend, companyId, client } = await setup();
    const file = join(tempDir(), 'quote.csv');
    writeFileSync(file, 'Name,Phone\nAnn,512-555-0142\nBob,"512-555-0143\nCid,512-555-0144\n');
    const { batch } = await importFile(backend, companyId, file);
    expect(batch.state).toBe('failed');
    expect(batch.error).toMatch(/quote/);
    expect(client.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 0 });
  });

  it('counts nothing as imported or rejected for a file refused after many chunks were written', async () => {
    const { backend, companyId, client } = await setup();
    const file = join(tempDir(), 'late-quote.csv');
    const rows = Array.from({ length: 30_000 }, (_, i) => `Lead${i},512${String(5_550_000 + i).padStart(7, '0')}`);
    rows[5] = 'Bad,123'; // rejected on its own
    writeFileSync(file, `Name,Phone\n${rows.join('\n')}\nLast,"512-555-0143\n`);
    const { batch } = await importFile(backend, companyId, file);
    expect(batch.state).toBe('failed');
    expect(batch.error).toMatch(/No lead of this file was kept/);
    expect(client.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 0 });
    // The history showed 29,998 imported (with an Undo) and a rejected-rows file of one row.
    expect(batch).toMatchObject({ imported: 0, duplicates: 0, rejected: 0, rejectedFile: null });
  });
});

describe('rlm import (CLI, real bin)', () => {
  const { tempDir } = useBackends();
  const rlm = (dataDir: string, args: string[]) => {
    const result = spawnSync(process.execPath, [join(root, 'scripts/rlm.cjs'), '--data-dir', dataDir, ...args], { encoding: 'utf8', cwd: root });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('imports with --json, counts add up; --dry-run writes nothing; bad files fail with a message', () => {
    const dir = tempDir();
    expect(rlm(dir, ['company', 'add', '--name', 'Acme', '--location-id', 'locAcme1', '--json']).code).toBe(0);

    const dry = rlm(dir, ['import', messy, '--company', 'Acme', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ batchId: null, rows: 12, imported: 6, duplicates: 2, rejected: 4 });
    // The notes the text prints first are in the JSON too (a script lost the encoding guessed, the sheet read…).
    expect(JSON.parse(dry.stdout).warnings).toEqual(expect.arrayContaining([expect.stringMatching(/read as Windows-1252/)]));
    expect(JSON.parse(rlm(dir, ['import', messy, '--company', 'Acme', '--dry-run', '--json']).stdout)).toMatchObject({ imported: 6 });

    const run = rlm(dir, ['import', messy, '--company', 'Acme', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ batchId: 1, rows: 12, imported: 6, updated: 0, duplicates: 2, rejected: 4, rejectedFile: expect.stringContaining('batch-1-rejected.csv') });
    expect(result.rows).toBe(result.imported + result.updated + result.duplicates + result.rejected);
    // Acme has no API key: the import says that nothing will go until one is saved.
    expect(result.notice).toMatch(/Acme has no GHL API key: nothing will be sent to GHL until one is saved/);

    const phoneless = join(dir, 'names.csv');
    writeFileSync(phoneless, 'First Name,Last Name,City\nAnn,Lee,Austin\n');
    const refused = rlm(dir, ['import', phoneless, '--company', 'Acme', '--json']);
    expect(refused.code).not.toBe(0);
    expect(JSON.parse(refused.stdout).error.message).toMatch(/phone or email/);

    const headerOnly = join(dir, 'header.csv');
    writeFileSync(headerOnly, 'Name,Phone\n');
    const header = rlm(dir, ['import', headerOnly, '--company', 'Acme']);
    expect(header.code).not.toBe(0);
    expect(header.stderr).toMatch(/no data rows/);

    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    expect(rlm(dir, ['import', empty, '--company', 'Acme']).stderr).toMatch(/empty/);
  });
});
