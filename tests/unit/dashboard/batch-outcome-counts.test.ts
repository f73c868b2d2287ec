/**
 * batch_outcome_counts (migration 0038) is what Import history reads to say what became of each file's leads
 * (sent, failed, opted out) instead of counting the batch: after anything that happens to leads it must equal
 * the count it stands for.
 */
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { migrationsBefore } from '../../helpers/migrations';
import { createCompanies, useBackends } from '../../helpers/backend';

const OUTCOMES = `('synced', 'failed', 'dnd', 'do-not-contact')`;
const truth = (db: Database.Database) =>
  db.prepare(`SELECT batch_id AS batchId, status, count(*) AS n FROM leads WHERE batch_id IS NOT NULL AND status IN ${OUTCOMES} GROUP BY 1, 2 ORDER BY 1, 2`).all();
const counted = (db: Database.Database) => db.prepare(`SELECT batch_id AS batchId, status, n FROM batch_outcome_counts WHERE n <> 0 ORDER BY 1, 2`).all();

function importedBatch(db: Database.Database, companyId: number, count: number, firstPhone: number): number {
  const batchId = Number(db.prepare(`INSERT INTO import_batches (company_id, file_name, state, created_at) VALUES (?, 'old-crm.csv', 'completed', 1)`).run(companyId).lastInsertRowid);
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
     INSERT INTO leads (company_id, batch_id, first_name, phone, country, status, created_at, updated_at)
     SELECT ?, ?, 'Lead', '+1' || (? + i), 'US', CASE WHEN i % 10 = 0 THEN 'do-not-contact' ELSE 'queued' END, 1, 1 FROM n`,
  ).run(count, companyId, batchId, firstPhone);
  return batchId;
}

describe('batch_outcome_counts', () => {
  const { open, tempDir } = useBackends();

  it('equal the sent, failed and opted-out leads per batch after sends, failures, retries, opt-outs, deletes and a deleted batch', async () => {
    const backend = open();
    const db = backend.ctx.db.$client;
    const [alpha, bravo] = await createCompanies(backend, ['Alpha', 'Bravo']);
    const first = importedBatch(db, alpha, 40, 15125550000);
    const second = importedBatch(db, bravo, 30, 17205550000);
    db.prepare(`INSERT INTO leads (company_id, first_name, phone, country, status, created_at, updated_at) VALUES (?, 'Typed', '+13035550100', 'US', 'synced', 1, 1)`).run(alpha);
    expect(counted(db)).toEqual(truth(db));

    // The sync: queued → syncing → synced or failed; GHL's DND; a retry of the failed; a STOP after the send.
    db.prepare(`UPDATE leads SET status = 'syncing' WHERE status = 'queued' AND id % 2 = 0`).run();
    db.prepare(`UPDATE leads SET status = 'synced' WHERE status = 'syncing' AND id % 3 <> 0`).run();
    db.prepare(`UPDATE leads SET status = 'failed' WHERE status = 'syncing'`).run();
    db.prepare(`UPDATE leads SET status = 'dnd' WHERE status = 'queued' AND id % 7 = 0`).run();
    expect(counted(db)).toEqual(truth(db));
    db.prepare(`UPDATE leads SET status = 'queued' WHERE status = 'failed' AND batch_id = ?`).run(second);
    db.prepare(`UPDATE leads SET status = 'dnd', do_not_contact = 1 WHERE status = 'synced' AND id % 5 = 0`).run();
    db.prepare(`DELETE FROM leads WHERE batch_id = ? AND id % 4 = 0`).run(first);
    expect(counted(db)).toEqual(truth(db));
    // The batch row deleted: its leads lose their batch, and the batch's counts go with them.
    db.prepare(`DELETE FROM import_batches WHERE id = ?`).run(first);
    expect(counted(db)).toEqual(truth(db));
    db.prepare(`DELETE FROM companies WHERE id = ?`).run(bravo);
    expect(counted(db)).toEqual(truth(db));
  });

  it('start from the leads already sent, failed and opted out when the migration runs', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_batch_outcome_counts', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://x', 1, 1)`).run();
    old.prepare(`INSERT INTO import_batches (company_id, file_name, state, created_at) VALUES (1, 'a.csv', 'completed', 1)`).run();
    const lead = old.prepare(`INSERT INTO leads (company_id, batch_id, phone, status, created_at, updated_at) VALUES (1, ?, ?, ?, 1, 1)`);
    lead.run(1, '+15125550001', 'synced');
    lead.run(1, '+15125550002', 'synced');
    lead.run(1, '+15125550003', 'failed');
    lead.run(1, '+15125550004', 'queued');
    lead.run(null, '+15125550005', 'synced');
    old.close();
    const db = openDatabase(file).$client;
    expect(counted(db)).toEqual([
      { batchId: 1, status: 'failed', n: 1 },
      { batchId: 1, status: 'synced', n: 2 },
    ]);
    db.close();
  });
});
