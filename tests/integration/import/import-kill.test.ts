/**
 * Crash safety of an import whose chunks set leads' insert triggers aside while their leads go in (insert-triggers.ts):
 * `rlm import` SIGKILLed, process group and all, while it writes. The chunks committed stay, with their counts; the
 * triggers are there, as they were, whatever the kill interrupted; a lead saved afterwards is counted by them. The app's
 * import keeps them in place (ImportJob.setsInsertTriggersAside).
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/app/backend';
import { OsKeychain } from '../../../electron/core/secrets/secret-store';
import { projectRoot } from '../../helpers/node-process';
import { rlm } from '../../helpers/rlm';
import { useTempDirs } from '../../helpers/temp-dir';

const ROWS = 60_000;

/** An old CRM's export: every 50th customer asked not to be texted. */
function writeCsv(file: string): void {
  const lines = ['First Name,Phone,Email,State,Do Not Contact'];
  for (let i = 0; i < ROWS; i++) lines.push(`Lead${i},(512) ${String(200 + Math.floor(i / 10_000))}-${String(i % 10_000).padStart(4, '0')},lead${i}@example.com,TX,${i % 50 === 0 ? 'Yes' : ''}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** `rlm import` in a process group of its own, killed whole once `when` holds (asked every 5 ms). */
function importKilled(dataDir: string, file: string, when: () => boolean): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/rlm.cjs', '--data-dir', dataDir, 'import', file, '--company', 'Summit', '--json'], {
      cwd: projectRoot,
      stdio: 'ignore',
      detached: true,
    });
    const poll = setInterval(() => {
      if (!when()) return;
      clearInterval(poll);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 5);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve(code);
    });
  });
}

const INSERT_TRIGGERS = `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'leads' AND sql LIKE '%INSERT ON%' ORDER BY name`;

describe('an import killed while its chunks write', () => {
  const tempDir = useTempDirs();

  it('keeps the committed chunks and their counts, and leads’ insert triggers as they were', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'old-crm.csv');
    writeCsv(file);
    expect((await rlm(dataDir, ['company', 'add', '--name', 'Summit', '--location-id', 'locSummit1'])).code).toBe(0);
    const watcher = new Database(join(dataDir, 'leads.sqlite'), { readonly: true });
    const triggersBefore = watcher.prepare(INSERT_TRIGGERS).all();
    const schemaVersion = () => watcher.pragma('schema_version', { simple: true }) as number;
    const versionBefore = schemaVersion();
    expect(triggersBefore.length).toBeGreaterThan(0);
    // Of this run's import, a batch of its own: the first above the batches there before it.
    const lastBatch = () => (watcher.prepare('SELECT coalesce(max(id), 0) AS id FROM import_batches').get() as { id: number }).id;
    const imported = (above: number) =>
      (watcher.prepare('SELECT coalesce((SELECT imported FROM import_batches WHERE id > ? ORDER BY id LIMIT 1), 0) AS n').get(above) as { n: number }).n;
    let killedMidway = 0;
    try {
      // Killed after its first chunks committed, then again further on: chunks are written ~70% of the time, so most
      // kills land inside one, triggers dropped.
      // The second run skips the first's leads as duplicates (not counted as imported) before it adds new ones.
      for (const after of [1, 5_000]) {
        const before = lastBatch();
        const code = await importKilled(dataDir, file, () => imported(before) >= after);
        if (code === null && imported(before) >= after && imported(before) < ROWS) killedMidway++;
      }
      // The command line's chunks set the triggers aside (each chunk a change of the schema, rolled back or committed).
      expect(schemaVersion()).toBeGreaterThan(versionBefore);
    } finally {
      watcher.close();
    }
    expect(killedMidway).toBeGreaterThanOrEqual(1);

    const backend = createBackend({ dataDir, secrets: new OsKeychain() });
    try {
      const db = backend.ctx.db.$client;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare(INSERT_TRIGGERS).all()).toEqual(triggersBefore);
      const leads = (db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n;
      expect(leads).toBeGreaterThan(0);
      expect(leads).toBeLessThan(2 * ROWS);
      const counted = () => db.prepare(`SELECT status, n FROM lead_status_counts WHERE n <> 0 ORDER BY status`).all();
      const actual = () => db.prepare(`SELECT status, count(*) AS n FROM leads GROUP BY status ORDER BY status`).all();
      expect(counted()).toEqual(actual());
      expect(db.prepare(`SELECT batch_id, status, n FROM batch_outcome_counts WHERE n <> 0 ORDER BY 1, 2`).all()).toEqual(
        db.prepare(`SELECT batch_id, status, count(*) AS n FROM leads WHERE status = 'do-not-contact' GROUP BY 1, 2 ORDER BY 1, 2`).all(),
      );
      // Every do-not-contact lead's number is on the opt-out list, as its trigger would have put it.
      expect(
        db.prepare(`SELECT count(*) AS n FROM leads l WHERE l.do_not_contact = 1 AND NOT EXISTS (SELECT 1 FROM opt_outs o WHERE o.value = l.phone AND o.removed_at IS NULL)`).get(),
      ).toEqual({ n: 0 });
      // A lead saved now is counted by the triggers the kills left in place.
      const saved = await backend.call('leads:create', { companyId: 1, firstName: 'Typed', phone: '(720) 555-0101', doNotContact: true });
      expect(saved.ok, JSON.stringify(saved)).toBe(true);
      expect(counted()).toEqual(actual());
      expect(db.prepare(`SELECT source FROM opt_outs WHERE value = '+17205550101'`).get()).toEqual({ source: 'lead-dnc' });
    } finally {
      await backend.close();
    }
  }, 60_000);

  it('the app’s import keeps the triggers in place: the schema does not change', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'old-crm.csv');
    writeCsv(file);
    const backend = createBackend({ dataDir, secrets: new OsKeychain() });
    try {
      const company = await backend.call('companies:create', { name: 'Summit', ghlLocationId: 'locSummit1' });
      if (!company.ok) throw new Error(company.error.message);
      const db = backend.ctx.db.$client;
      const versionBefore = db.pragma('schema_version', { simple: true });
      const inspected = await backend.call('imports:inspect', { path: file, companyId: company.value.id });
      if (!inspected.ok) throw new Error(inspected.error.message);
      const { encoding, delimiter, hasHeader, mapping } = inspected.value;
      const started = await backend.call('imports:start', { path: file, companyId: company.value.id, options: { encoding, delimiter, hasHeader }, mapping, queueSync: true });
      if (!started.ok) throw new Error(started.error.message);
      expect(await backend.ctx.imports.finished(started.value.batchId)).toMatchObject({ state: 'completed', imported: ROWS });
      expect(db.pragma('schema_version', { simple: true })).toBe(versionBefore);
      expect(db.prepare(`SELECT status, n FROM lead_status_counts WHERE n <> 0 ORDER BY status`).all()).toEqual(
        db.prepare(`SELECT status, count(*) AS n FROM leads GROUP BY status ORDER BY status`).all(),
      );
    } finally {
      await backend.close();
    }
  }, 60_000);
});
