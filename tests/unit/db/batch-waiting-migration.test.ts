/**
 * Migration 0021 (…_batch_waiting_counts.sql) on a database that already has a queue: each job takes
 * its lead's batch, and the waiting counts, now kept per batch, equal what the join over the batch's
 * leads counted before.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { batchWaiting } from '../../../electron/core/schedule/batch-waiting';
import { migrationsBefore, migrationsThrough } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the batch-waiting-counts migration', () => {
  const tempDir = useTempDirs();

  it('gives existing jobs their lead’s batch and counts the waiting ones per batch', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_batch_waiting_counts', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://x', 1, 1)`).run();
    old.prepare(`INSERT INTO import_batches (company_id, file_name, state, created_at) VALUES (1, 'a.csv', 'completed', 1), (1, 'b.csv', 'completed', 1)`).run();
    const lead = old.prepare(`INSERT INTO leads (company_id, batch_id, phone, status, time_zone_source, enrolled_at, created_at, updated_at) VALUES (1, ?, ?, 'queued', ?, ?, 1, 1)`);
    const job = old.prepare(
      `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, send_gate)
       VALUES (1, ?, 'sync', ?, ?, 0, 1, 1, 1, ?)`,
    );
    // batch, source of the zone, enrolled, job state, gate: waiting = queued/running and never enrolled.
    const rows = [
      [1, null, null, 'queued', 'unplaced'],
      [1, 'company', null, 'running', 'paced'],
      [1, 'company', 5, 'queued', 'free'],
      [1, 'company', null, 'succeeded', 'paced'],
      [2, 'company', null, 'queued', 'paced'],
      [null, 'company', null, 'queued', 'paced'],
    ] as const;
    for (const [i, [batch, source, enrolled, state, gate]] of rows.entries()) {
      const leadId = Number(lead.run(batch, `+1512555000${i}`, source, enrolled).lastInsertRowid);
      job.run(leadId, `1:${leadId}:sync`, state, gate);
    }
    old.close();

    // Through this migration only: a later one (0050) places enrolled leads again.
    const db = openDatabase(file, { migrationsDir: migrationsThrough('_batch_waiting_counts', tempDir()) }).$client;
    expect(db.prepare(`SELECT batch_id AS batchId FROM sync_jobs ORDER BY lead_id`).pluck().all()).toEqual([1, 1, 1, 1, 2, null]);
    expect([1, 2].map((batchId) => batchWaiting(db, batchId))).toEqual([2, 1]);
    expect(db.prepare(`SELECT company_id AS companyId, batch_id AS batchId, sum(n) AS n FROM waiting_job_counts GROUP BY 1, 2 ORDER BY 2`).all()).toEqual([
      { companyId: 1, batchId: 0, n: 1 },
      { companyId: 1, batchId: 1, n: 2 },
      { companyId: 1, batchId: 2, n: 1 },
    ]);
    db.close();
  });
});
