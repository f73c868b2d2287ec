/**
 * waiting_job_counts (migration 0020) is what the send plan reads instead of scanning the queue: after
 * any mix of what happens to jobs and leads it must equal the count it stands for.
 */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { batchWaiting } from '../../../electron/core/schedule/batch-waiting';
import { createCompanies, useBackends } from '../../helpers/backend';
import { openSchedulesAt } from '../../helpers/schedule';

const truth = (db: Database.Database) =>
  db
    .prepare(
      `SELECT company_id AS companyId, coalesce(send_zone, '') AS zone, coalesce(send_state, '') AS state, coalesce(batch_id, 0) AS batchId, count(*) AS n
       FROM sync_jobs WHERE state IN ('queued', 'running') AND send_gate IN ('paced', 'unplaced') GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    .all();
const counted = (db: Database.Database) =>
  db.prepare(`SELECT company_id AS companyId, zone, state, batch_id AS batchId, n FROM waiting_job_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4`).all();

/** What batchWaiting stands for, read the long way (its reading before migration 0021): the batch's leads joined with their jobs. */
const joinedWaiting = (db: Database.Database, batchId: number) =>
  db
    .prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM leads l JOIN sync_jobs j ON j.lead_id = l.id
       WHERE l.batch_id = ? AND j.state IN ('queued', 'running') AND l.enrolled_at IS NULL`,
    )
    .get(batchId)!.n;

describe('waiting_job_counts', () => {
  const { open } = useBackends();

  it('equals the waiting jobs per company, place and import batch after queueing, placing, claiming, sending, cancelling, enrolling and deleting', async () => {
    const backend = open();
    const db = backend.ctx.db.$client;
    const companies = await createCompanies(backend, ['Alpha', 'Bravo']);
    const now = Date.now();
    openSchedulesAt(db, now);
    const jobs = new JobQueue(db);
    // Each company has an import batch; of its leads, every third was typed in (no batch).
    const newBatch = db.prepare(`INSERT INTO import_batches (company_id, file_name, state, created_at) VALUES (?, 'f.csv', 'completed', ?)`);
    const batches = companies.map((companyId) => Number(newBatch.run(companyId, now).lastInsertRowid));
    const insert = db.prepare(`INSERT INTO leads (company_id, batch_id, first_name, phone, country, status, created_at, updated_at) VALUES (?, ?, 'A', ?, 'US', 'queued', ?, ?)`);
    const leadIds: number[] = [];
    db.transaction(() => {
      for (let i = 0; i < 60; i++) {
        const companyId = companies[i % 2]!;
        const batchId = i % 3 === 2 ? null : batches[i % 2]!;
        const id = Number(insert.run(companyId, batchId, `+1512555${String(1000 + i)}`, now, now).lastInsertRowid);
        jobs.enqueue(companyId, id, now);
        leadIds.push(id);
      }
    }).immediate();
    const expectCountsRight = () => {
      expect(counted(db)).toEqual(truth(db));
      for (const batchId of batches) expect(batchWaiting(db, batchId)).toBe(joinedWaiting(db, batchId));
    };
    expectCountsRight();
    expect(counted(db)).toEqual([
      { companyId: companies[0], zone: '', state: '', batchId: 0, n: 10 },
      { companyId: companies[0], zone: '', state: '', batchId: batches[0], n: 20 },
      { companyId: companies[1], zone: '', state: '', batchId: 0, n: 10 },
      { companyId: companies[1], zone: '', state: '', batchId: batches[1], n: 20 },
    ]);
    expect(batches.map((b) => batchWaiting(db, b))).toEqual([20, 20]);

    // Placement: some by phone into a zone and a state rule, the rest the company's zone.
    db.prepare(`UPDATE leads SET time_zone = 'America/New_York', time_zone_source = 'phone', rule_state = 'FL' WHERE id % 3 = 0`).run();
    db.prepare(`UPDATE leads SET time_zone_source = 'company' WHERE time_zone_source IS NULL`).run();
    expectCountsRight();

    // Claims (queued → running) keep jobs waiting; sending enrols them; a failure and a cancel end them.
    const claimed = jobs.claim(companies[0]!, 'test-runner', 10, now, 60_000);
    expect(claimed.length).toBeGreaterThan(0);
    expectCountsRight();
    jobs.completeSynced(claimed.slice(0, 5), now, { alsoInTx: () => {} });
    expectCountsRight();
    db.transaction(() => jobs.cancelPending(leadIds[1]!, now)).immediate();
    db.prepare(`UPDATE sync_jobs SET state = 'failed' WHERE lead_id = ?`).run(leadIds[3]);
    expectCountsRight();

    // A lead moves; a lead is deleted (its job goes by cascade); a company is deleted.
    db.prepare(`UPDATE leads SET time_zone = 'America/Los_Angeles', time_zone_source = 'zip', rule_state = NULL WHERE id = ?`).run(leadIds[6]);
    db.prepare(`DELETE FROM leads WHERE id = ?`).run(leadIds[9]);
    expectCountsRight();
    // An edit of an enrolled lead re-queues it: a contact update, not a waiting job.
    db.transaction(() => jobs.enqueue(claimed[0]!.companyId, claimed[0]!.leadId, now)).immediate();
    expectCountsRight();
    // A batch row deleted: its leads lose the batch (ON DELETE SET NULL), and their jobs with them.
    db.prepare(`DELETE FROM import_batches WHERE id = ?`).run(batches[0]);
    expectCountsRight();
    expect(batchWaiting(db, batches[0]!)).toBe(0);
    db.prepare(`DELETE FROM companies WHERE id = ?`).run(companies[1]);
    expectCountsRight();
  });
});
