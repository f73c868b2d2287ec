import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { SearchIndexLoop } from '../../../electron/core/leads/search-index-loop';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the search index loop, when another writer holds the lock', () => {
  const tempDir = useTempDirs();
  const closers: Array<() => void> = [];
  afterEach(() => closers.splice(0).forEach((close) => close()));

  it('waits in its event loop as long as the connection would have, then says so once and steps back', async () => {
    const file = join(tempDir(), 'leads.sqlite');
    const db = openDatabase(file);
    const client = db.$client;
    closers.push(() => client.close());
    client.pragma('busy_timeout = 200');
    const companyId = Number(client.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('Acme', 'locAcme1', 'http://127.0.0.1:9', 0, 0)`).run().lastInsertRowid);
    client.prepare(`INSERT INTO leads (company_id, first_name, phone, country, status, do_not_contact, created_at, updated_at) VALUES (?, 'Ann', '+15125550100', 'US', 'new', 0, 0, 0)`).run(companyId);
    const holder = new Database(file); // a writer stuck in another process
    closers.push(() => holder.close());
    holder.exec('BEGIN IMMEDIATE');
    closers.unshift(() => holder.inTransaction && holder.exec('ROLLBACK'));

    const errors: unknown[] = [];
    const loop = new SearchIndexLoop(client, { onCaughtUp: () => {}, onError: (error) => errors.push(error) }, 60_000);
    closers.unshift(() => loop.stop());
    loop.wake();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors, 'still waiting: no news yet').toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Once past the connection's 200 ms, one warning; then it waits 2 s before asking again.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(loop.snapshot().indexed).toBe(0);
  });
});
