import type Database from 'better-sqlite3';

/**
 * How many of an import's leads wait for their turn: queued (or being sent) and never enrolled — the
 * same leads `sendPlan` counts as `scheduled` for their company, narrowed to one batch. For the import
 * summary's "312 leads queued: … done by Dec 4".
 */
export function batchWaiting(db: Database.Database, batchId: number): number {
  return db
    .prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM leads l JOIN sync_jobs j ON j.lead_id = l.id
       WHERE l.batch_id = ? AND j.state IN ('queued', 'running') AND l.enrolled_at IS NULL`,
    )
    .get(batchId)!.n;
}
