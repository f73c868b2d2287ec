import type Database from 'better-sqlite3';

/** SQLite answered "the database is locked": another connection holds the write lock. */
export const isBusy = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY';

/**
 * Runs `attempt` (a write transaction) with the connection's busy timeout at 0: if another connection
 * holds the write lock it fails at once with SQLITE_BUSY instead of sleeping this whole thread in
 * SQLite's busy handler (steps growing to 100 ms). The caller waits its own way — in the event loop —
 * and tries again. The connection's own timeout is back for everything else.
 */
export function withoutBusyWait<T>(db: Database.Database, attempt: () => T): T {
  const busyTimeoutMs = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return attempt();
  } finally {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  }
}
