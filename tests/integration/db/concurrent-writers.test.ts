import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import { useBackends } from '../../helpers/backend';

/**
 * The app's connections write at the same time: the main process (the lead form, undo), the
 * import worker and the sync worker. A transaction that reads before it writes must take the
 * write lock up front (BEGIN IMMEDIATE): a deferred one fails at once with SQLITE_BUSY when
 * another connection committed between its read and its write — the busy timeout never applies.
 * This test commits from a second thread in a tight loop while the app writes.
 */

const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');

/** Another connection, in another thread, committing small writes until told to stop. */
function startHammer(databasePath: string): { stop(): Promise<number> } {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const Database = require(workerData.driver);
     const db = new Database(workerData.path);
     db.pragma('busy_timeout = 10000');
     const write = db.prepare("INSERT INTO app_meta (key, value) VALUES ('hammer', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
     let stop = false, commits = 0;
     parentPort.on('message', () => { stop = true; });
     (function loop() {
       const until = Date.now() + 20;
       while (Date.now() < until) { write.run(String(commits++)); }
       if (stop) { db.close(); parentPort.postMessage(commits); } else setImmediate(loop);
     })();
     parentPort.postMessage('started');`,
    { eval: true, workerData: { path: databasePath, driver: betterSqlite3 } },
  );
  const started = new Promise((resolve) => worker.once('message', resolve));
  return {
    async stop() {
      await started;
      const commits = new Promise<number>((resolve) => worker.on('message', (message) => typeof message === 'number' && resolve(message)));
      worker.postMessage('stop');
      const n = await commits;
      await worker.terminate();
      return n;
    },
  };
}

async function call<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(channel, input);
  if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.message}`), result.error);
  return result.value as T;
}

describe('writes while another connection commits', () => {
  const { open, tempDir } = useBackends();

  it('the lead form and lead edits never fail with "database is locked"', async () => {
    const backend = open();
    const company = await call<{ id: number }>(backend, 'companies:create', { name: 'Acme', ghlLocationId: 'locAcme1' });
    const hammer = startHammer(backend.ctx.databasePath);
    const failures: string[] = [];
    // 150 of each: 10–12 s here, and on a loaded 2-core CI (the hammer takes a core) 32–48 s for 300, past the timeout.
    for (let i = 0; i < 150; i++) {
      const created = await backend.dispatch('leads:create', { companyId: company.id, firstName: `F${i}`, phone: `(512) 555-${String(1000 + i)}` });
      if (!created.ok) {
        failures.push(created.error.message);
        continue;
      }
      const lead = created.value as { id: number };
      const edited = await backend.dispatch('leads:update', { id: lead.id, patch: { lastName: `L${i}` } });
      if (!edited.ok) failures.push(edited.error.message);
    }
    const commits = await hammer.stop();
    expect(commits).toBeGreaterThan(1000); // the other connection really was writing meanwhile
    expect(failures).toEqual([]);
    expect(backend.ctx.db.$client.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 150 });
  }, 120_000);

  it('an import and its undo complete while another connection commits', async () => {
    const backend = open();
    const company = await call<{ id: number }>(backend, 'companies:create', { name: 'Acme', ghlLocationId: 'locAcme1' });
    const file = join(tempDir(), 'leads.csv');
    const lines = ['First Name,Phone'];
    for (let i = 0; i < 30_000; i++) lines.push(`F${i},512-${200 + Math.floor(i / 10000)}-${String(i % 10000).padStart(4, '0')}`);
    writeFileSync(file, lines.join('\n') + '\n');
    const inspect = await call<{ encoding: string; delimiter: string; mapping: unknown }>(backend, 'imports:inspect', { path: file, companyId: company.id });
    const hammer = startHammer(backend.ctx.databasePath);
    const { batchId } = await call<{ batchId: number }>(backend, 'imports:start', {
      path: file, companyId: company.id, options: { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: true },
      mapping: inspect.mapping, tag: null, onDuplicate: 'skip', queueSync: true,
    });
    const summary = await backend.ctx.imports.finished(batchId);
    const undo = await backend.dispatch('imports:undo', { batchId });
    const commits = await hammer.stop();
    expect(commits).toBeGreaterThan(1000);
    expect(summary).toMatchObject({ state: 'completed', imported: 30_000 });
    expect(undo).toMatchObject({ ok: true, value: { removedLeads: 30_000 } });
  });
});
