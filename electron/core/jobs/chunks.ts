import type Database from 'better-sqlite3';
import { whenLockFree } from '../../../db/lock-attempt';

/**
 * How long one chunk of a long write may hold the database's write lock. The import's chunks (in
 * its worker, electron/core/imports/run-import.ts) get 40 ms: the main thread only waits for them when
 * it saves a lead. These chunks get half that budget: a save waits for one of them at most (they run
 * in the bulk-write thread behind the app's backend, bulk-write-thread.ts, elsewhere on the caller's
 * thread), and one slowed twofold (a busy office PC, a WAL checkpoint at its commit) still stays well
 * under the 100 ms the UI allows.
 */
export const CHUNK_LOCK_BUDGET_MS = 20;
// Small first: the pace is unknown (a cold cache made a first 1,000-lead undo chunk take 150 ms).
const FIRST_CHUNK_ROWS = 200;
const MIN_CHUNK_ROWS = 50;
const MAX_CHUNK_ROWS = 50_000;

export interface ChunkStep {
  /** Rows this chunk covered (the unit the size is measured in). */
  rows: number;
  /** Where the next chunk starts; null when everything is done. */
  next: number | null;
  /** Runs once the chunk committed (counts kept in memory: a chunk that failed changed nothing). */
  afterCommit?: () => void;
}

export interface ChunkProgress {
  /** Rows covered so far, summed over committed chunks. */
  done: number;
  chunks: number;
  /** The longest a chunk held the write lock, ms. */
  longestLockMs: number;
}

export interface ChunkOptions {
  onChunk?: (progress: ChunkProgress) => void;
  /** Between chunks; default: one turn of the event loop (setImmediate), so timers and I/O run. */
  pause?: () => Promise<void>;
  /** Runs each chunk's transaction (a WriteTurn's inChunk in the bulk-write thread); default: as is. */
  aroundChunk?: <T>(chunk: () => T) => T;
}

/**
 * Rows for the next chunk: what the last one's pace fits in the budget, growing at most twofold (a
 * fast chunk of cached rows says little about the next one's pace).
 */
export function nextChunkRows(lastRows: number, lastMs: number): number {
  const ceiling = Math.min(MAX_CHUNK_ROWS, Math.max(MIN_CHUNK_ROWS, lastRows * 2));
  if (lastRows === 0 || lastMs <= 0) return ceiling;
  return Math.max(MIN_CHUNK_ROWS, Math.min(ceiling, Math.floor((lastRows * CHUNK_LOCK_BUDGET_MS) / lastMs)));
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `step` in chunks, each its own short IMMEDIATE transaction, resized after each commit to stay
 * near the lock budget, yielding between chunks. `step(limit, cursor)` covers up to `limit` rows
 * after `cursor` and says where the next chunk starts. The cursor only moves after a commit, so a
 * chunk that fails (SQLITE_BUSY, a crash) changed nothing and a second run starts where this one
 * stopped: every chunk leaves the leads and their jobs consistent on its own.
 */
export async function runInChunks(db: Database.Database, step: (limit: number, cursor: number) => ChunkStep, options: ChunkOptions = {}): Promise<ChunkProgress> {
  const progress: ChunkProgress = { done: 0, chunks: 0, longestLockMs: 0 };
  let limit = FIRST_CHUNK_ROWS;
  let cursor: number | null = 0;
  let startedAt = 0;
  const pause = options.pause ?? nextTurn;
  const chunk = db.transaction((size: number, from: number) => {
    startedAt = performance.now();
    return step(size, from);
  }).immediate;
  // The commit that grows the WAL past wal_autocheckpoint pages copies them all back into the
  // database file, on this thread: 80–150 ms stalls every few chunks, measured. Instead this run
  // checkpoints after each chunk, between yields, a chunk's worth of pages at a time (~15 ms each,
  // measured; the run takes longer in all, the UI never waits long). PASSIVE never waits for readers.
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    while (cursor !== null) {
      const size: number = limit;
      const from: number = cursor;
      const around = options.aroundChunk ?? (<T>(run: () => T) => run());
      const result: ChunkStep = await whenLockFree(db, () => around(() => chunk(size, from)));
      const lockMs = performance.now() - startedAt;
      result.afterCommit?.();
      cursor = result.next;
      progress.done += result.rows;
      progress.chunks += 1;
      progress.longestLockMs = Math.max(progress.longestLockMs, lockMs);
      options.onChunk?.({ ...progress });
      if (cursor === null) break;
      await pause();
      const checkpointStartedAt = performance.now();
      db.pragma('wal_checkpoint(PASSIVE)');
      // Both are stalls of this thread: the next chunk is sized so that neither outgrows the budget.
      limit = nextChunkRows(result.rows, Math.max(lockMs, performance.now() - checkpointStartedAt));
      await pause();
    }
  } finally {
    db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
  }
  return progress;
}
