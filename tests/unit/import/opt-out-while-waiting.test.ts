/**
 * A number listed while an import's chunk waits for the write lock (the office adding a STOP, another import) is seen
 * by that chunk: its lead is stored do-not-contact and counted as opted out. The chunk asked the list before it waited,
 * and stored the lead as queued: the claim's check stopped it before any send, but the import said "0 opted out" and
 * the lead read as waiting to go. Found in review.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { runImport } from '../../../electron/core/imports/run-import';
import { suggestMapping } from '../../../electron/parsing/mapping';
import { tempDir } from './helpers';

const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

describe('an import chunk and the opt-out list', () => {
  it('reads the list inside its write: a number listed while it waited for the lock is do-not-contact and counted', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const databasePath = dir.file('leads.sqlite', '');
    const client = openDatabase(databasePath).$client;
    const companyId = Number(client.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('Acme', 'locAcme1', 'http://127.0.0.1:9', 0, 0)`).run().lastInsertRowid);
    const batchId = Number(client.prepare(`INSERT INTO import_batches (company_id, file_name, state, created_at) VALUES (?, 'f.csv', 'running', 0)`).run(companyId).lastInsertRowid);

    // Another program holds the write lock (a save, another import) while the chunk is read and checked.
    const other = new Database(databasePath);
    other.exec('BEGIN IMMEDIATE');
    const done = runImport(
      client,
      {
        kind: 'import', databasePath, batchId, companyId, path: dir.file('leads.csv', 'First Name,Phone\nAnn,(512) 555-0142\nBob,(512) 555-0143\n'),
        options: { encoding: 'utf-8', delimiter: ',', hasHeader: true }, mapping: suggestMapping(['First Name', 'Phone']), fixes: [],
        tag: null, onDuplicate: 'skip', queueSync: true, rejectedFile: dir.file('rejected.csv', ''), chunkRows: 1_000, checkpoints: 'between-chunks', setsInsertTriggersAside: false,
      },
      { signal: new AbortController().signal, onProgress: () => {} },
    );
    // The chunk is read and waits for the lock; meanwhile Ann's STOP is listed, and the lock let go.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    other.prepare(`INSERT INTO opt_outs (kind, value, source, created_at) VALUES ('phone', '+15125550142', 'office', 0)`).run();
    other.exec('COMMIT');
    other.close();

    expect(await done).toMatchObject({ state: 'completed', imported: 2, optedOut: 1 });
    const leads = client.prepare('SELECT first_name AS name, status, do_not_contact AS dnc FROM leads ORDER BY id').all();
    expect(leads).toEqual([
      { name: 'Ann', status: 'do-not-contact', dnc: 1 },
      { name: 'Bob', status: 'queued', dnc: 0 },
    ]);
    client.close();
  });
});
