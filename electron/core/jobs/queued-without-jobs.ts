/**
 * An import's queued leads get their sync jobs from the sync, not from the import (issue #11): one job row per lead,
 * with its five indexes and its count, was a quarter of the import writer's time, for leads that then wait days under
 * a daily cap. The import records which of its leads are queued (a range of lead ids per batch: queued_without_jobs,
 * db/schema.ts); the sync worker writes their jobs when it places leads (sync/worker-entry.ts), each with the import's
 * time as its place in line, so they go in the order they would have gone. Until then such a lead is waiting, not
 * placed: it is counted as waiting as its job would be (waiting_job_counts, migration 0069), a runner told to run until idle waits for
 * it (claim-gate.ts), Stop sending holds it back (batch-jobs.ts cancelBatch) and undo removes it like any lead never sent.
 *
 * Only JobQueue writes through this (the owner of job states): its methods queueInserted, writeQueuedJobs,
 * hasQueuedWithoutJobs. Readers that must tell such a lead from one with a job take its SQL (isJobUnwrittenSql).
 */
import type Database from 'better-sqlite3';
import { companyPrefix, SYNC_ACTION, syncJobKeySql } from './job-keys';
import { LEAD_COPY_COLUMNS, leadCopyValues } from './lead-copy';

/** SQL: the range `range` (a queued_without_jobs row) holds the lead aliased `lead`. */
export const inRangeSql = (lead: string, range: string): string =>
  `${range}.batch_id = ${lead}.batch_id AND ${lead}.id > ${range}.after_id AND ${lead}.id <= ${range}.last_id`;

/** SQL: the lead aliased `lead` is one an import queued whose job the sync has yet to write. */
export const isJobUnwrittenSql = (lead: string): string =>
  `(${lead}.status = 'queued' AND EXISTS (SELECT 1 FROM queued_without_jobs q WHERE ${inRangeSql(lead, 'q')})
    AND NOT EXISTS (SELECT 1 FROM sync_jobs j WHERE j.lead_id = ${lead}.id))`;

/** The leads of a range written in one transaction: ~2 µs each, so a few ms of write lock. */
export const JOBS_PER_WRITE = 500;

/** An import chunk's queued leads whose row names one unsure state (lead-copy.ts unplacedStateValue; '' for none). */
export interface QueuedByState {
  state: string;
  n: number;
  last: number;
}

interface Range {
  batchId: number;
  companyId: number;
  afterId: number;
  lastId: number;
  queuedAt: number;
}

export class QueuedWithoutJobs {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      widen: db.prepare<{ batchId: number; companyId: number; after: number; last: number; now: number }>(
        `INSERT INTO queued_without_jobs (batch_id, company_id, after_id, last_id, queued_at) VALUES (@batchId, @companyId, @after, @last, @now)
         ON CONFLICT (batch_id) DO UPDATE SET last_id = excluded.last_id`,
      ),
      // Counted as their jobs would be before placing (waiting_job_counts_insert, lead-copy.ts): a row per state and
      // chunk, not a trigger per lead. Migration 0069's triggers keep the count right until the sync writes their jobs.
      count: db.prepare<{ batchId: number; companyId: number; state: string; n: number }>(
        `INSERT INTO waiting_job_counts (company_id, zone, state, batch_id, n) VALUES (@companyId, '', @state, @batchId, @n)
         ON CONFLICT (company_id, zone, state, batch_id) DO UPDATE SET n = n + excluded.n`,
      ),
      oldest: db.prepare<[], Range>(
        `SELECT batch_id AS batchId, company_id AS companyId, after_id AS afterId, last_id AS lastId, queued_at AS queuedAt
         FROM queued_without_jobs ORDER BY queued_at, batch_id LIMIT 1`,
      ),
      // Through leads_batch_idx: the next `limit` leads of the batch in the range, whatever their status.
      chunkEnd: db.prepare<{ batchId: number; after: number; last: number; limit: number }, { end: number | null; n: number }>(
        `SELECT max(id) AS end, count(*) AS n FROM (SELECT id FROM leads WHERE batch_id = @batchId AND id > @after AND id <= @last ORDER BY id LIMIT @limit)`,
      ),
      // A lead whose job an edit wrote meanwhile keeps it (DO NOTHING). Its count moves to the job's by trigger.
      write: db.prepare<{ companyId: number; keyPrefix: string; batchId: number; after: number; end: number; queuedAt: number; now: number }>(
        `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, ${LEAD_COPY_COLUMNS})
         SELECT @companyId, l.id, '${SYNC_ACTION}', ${syncJobKeySql('l.id')}, 'queued', 0, @queuedAt, @now, @now, ${leadCopyValues('l')}
         FROM leads l WHERE l.batch_id = @batchId AND l.id > @after AND l.id <= @end AND l.status = 'queued'
         ON CONFLICT (idempotency_key) DO NOTHING`,
      ),
      advance: db.prepare<{ batchId: number; end: number }>(`UPDATE queued_without_jobs SET after_id = @end WHERE batch_id = @batchId`),
      finish: db.prepare<[number]>(`DELETE FROM queued_without_jobs WHERE batch_id = ? AND after_id >= last_id`),
      any: db.prepare<[], { one: number }>(`SELECT 1 AS one FROM queued_without_jobs LIMIT 1`),
    };
  }

  /**
   * In the import's chunk transaction, right after its leads went in: its queued leads are the batch's above
   * `afterLeadId`, `byState` their count per unsure state (batch-insert.ts), `last` the greatest id of each.
   */
  record(companyId: number, batchId: number, afterLeadId: number, byState: readonly QueuedByState[], now: number): void {
    if (byState.length === 0) return;
    // The first chunk opens the batch's range; later ones widen it. One the sync finished meanwhile was deleted: the
    // chunk opens a new one.
    this.s.widen.run({ batchId, companyId, after: afterLeadId, last: Math.max(...byState.map((row) => row.last)), now });
    for (const { state, n } of byState) this.s.count.run({ batchId, companyId, state, n });
  }

  /**
   * Writes the jobs of up to `limit` leads of the oldest range, in the caller's write transaction; returns how many
   * leads it went over (0: no range left).
   */
  writeSome(limit: number, now: number): number {
    const range = this.s.oldest.get();
    if (!range) return 0;
    const { end, n } = this.s.chunkEnd.get({ batchId: range.batchId, after: range.afterId, last: range.lastId, limit })!;
    if (end === null) {
      // Nothing left in it (undone, or every lead removed): the range is done.
      this.s.advance.run({ batchId: range.batchId, end: range.lastId });
      this.s.finish.run(range.batchId);
      return 1;
    }
    this.s.write.run({ companyId: range.companyId, keyPrefix: companyPrefix(range.companyId), batchId: range.batchId, after: range.afterId, end, queuedAt: range.queuedAt, now });
    this.s.advance.run({ batchId: range.batchId, end });
    this.s.finish.run(range.batchId);
    return n;
  }

  hasAny(): boolean {
    return this.s.any.get() !== undefined;
  }
}
