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

/** How often a write asks again for a write lock another connection holds. */
export const LOCK_RETRY_MS = 5;

/**
 * Runs `chunk` (an IMMEDIATE transaction) when the write lock is free, waiting for it in the event
 * loop instead of in SQLite's busy handler: that handler sleeps this whole thread, in steps growing
 * to 100 ms, while the search index thread or an import commits (a 24 ms chunk stalled the UI 192 ms
 * that way in bench:queue-undo), and a worker asleep inside its turn (electron/core/write-turn.ts)
 * holds the main thread's saves back as long. Gives up with SQLITE_BUSY after the connection's own
 * busy_timeout, as a blocking wait would; only the attempt runs without it, so the thread's other
 * writes keep theirs.
 */
export async function whenLockFree<T>(db: Database.Database, chunk: () => T): Promise<T> {
  const deadline = performance.now() + (db.pragma('busy_timeout', { simple: true }) as number);
  for (;;) {
    try {
      return withoutBusyWait(db, chunk);
    } catch (error) {
      if (!isBusy(error) || performance.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
  }
}
