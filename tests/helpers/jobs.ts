import type Database from 'better-sqlite3';
import { JobQueue } from '../../electron/core/jobs/job-queue';

/** Syncs every due job the way the sync worker records it (claim, then complete), without GHL. */
export function syncAllQueued(db: Database.Database, now = Date.now()): number {
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
