import type Database from 'better-sqlite3';

/**
 * How many of an import's leads wait for their turn: queued (or being sent) and never enrolled — the
 * same leads `sendPlan` counts as `scheduled` for their company, narrowed to one batch. For the import
 * summary's "312 leads queued: … done by Dec 4". Read from the trigger-kept counts (migration 0021): a
 * few rows, where the join over the batch's leads took 360 ms at a million.
 */
export function batchWaiting(db: Database.Database, batchId: number): number {
  return db.prepare<[number], { n: number }>(`SELECT coalesce(sum(n), 0) AS n FROM waiting_job_counts WHERE batch_id = ?`).get(batchId)!.n;
}
