import type Database from 'better-sqlite3';
import { JobQueue } from '../../electron/core/jobs/job-queue';
import { openSchedulesAt } from './schedule';

/**
 * What the sync worker's placement pass does before any claim (electron/sync/worker-entry.ts): every
 * lead gets a time-zone source, and the leads an import queued their jobs (JobQueue.writeQueuedJobs).
 * Tests that claim jobs without the worker call this first.
 */
export function placeAllLeads(db: Database.Database): void {
  db.prepare(`UPDATE leads SET time_zone_source = 'company' WHERE time_zone_source IS NULL`).run();
  writeQueuedJobs(db);
}

/** The sync worker's writing of the jobs of the leads imports queued, all of them. */
export function writeQueuedJobs(db: Database.Database): void {
  const jobs = new JobQueue(db);
  while (jobs.writeQueuedJobs(500) > 0);
}

/**
 * Syncs every due job the way the sync worker records it (claim, then complete), without GHL. The
 * companies' schedules are opened at `now` first (openSchedulesAt): these tests are not about pacing.
 */
export function syncAllQueued(db: Database.Database, now = Date.now()): number {
  placeAllLeads(db);
  openSchedulesAt(db, now);
  const jobs = new JobQueue(db);
  const companies = db.prepare('SELECT id FROM companies').all() as Array<{ id: number }>;
  let done = 0;
  for (const { id } of companies) {
    for (;;) {
      const claimed = jobs.claim(id, 'test-runner', 500, now, 60_000);
      if (claimed.length === 0) break;
      done += jobs.completeSynced(claimed, now);
    }
  }
  return done;
}
