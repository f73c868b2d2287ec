/**
 * Turns at the write lock between the main thread and the worker threads that write back to back
 * (the import's writer, fed by its parse thread; the bulk-write thread; the search index thread, whose
 * FTS5 commits ran 75–390 ms on a slow disk). SQLite has no queue for its
 * write lock: a waiting connection sleeps — the whole thread — in steps growing to 100 ms and tries
 * again, and by then the worker has started its next chunk. A lead saved during a 1M-row import
 * waited up to 440 ms that way (bench:import, in the app).
 *
 * Two counts in a SharedArrayBuffer handed to the workers with their jobs:
 * - `waiting`: main-thread writes that want the lock. A worker starts no chunk while one waits.
 * - `inChunk`: workers inside a chunk (a write transaction). The IPC dispatcher waits for it to drop
 *   to 0 in the event loop before it runs a handler (`take`), so the handler's write finds the lock
 *   free instead of sleeping in SQLite's busy handler.
 * Each side raises its own count before it reads the other's (both sequentially consistent), so the
 * two cannot both go ahead. Every wait is bounded: a count left behind by a crashed thread slows
 * things by at most MAX_WAIT_MS, it never stops them.
 *
 * Another process (an `rlm import` beside the open app) has no share in this: it keeps SQLite's own,
 * unfair, waiting. Nor has the sync worker: its transactions are a few rows each (a claim, a result).
 */
import type Database from 'better-sqlite3';
import { wrapTransactions } from '../../db/wrap-transactions';

/** The longest either side defers to the other. */
const MAX_WAIT_MS = 250;
const WAITING = 0;
const IN_CHUNK = 1;

export class WriteTurn {
  private readonly counts: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)) {
    this.counts = new Int32Array(buffer);
  }

  // ── The main thread ──────────────────────────────────────────────────────────────────────────

  /**
   * Before an IPC handler runs: says a write may come, then waits — in the event loop, the thread
   * stays free — until no worker is inside a chunk. Call the returned release once the handler's
   * synchronous part (where its write transaction runs) is done: workers start their next chunk then.
   */
  async take(maxWaitMs = MAX_WAIT_MS): Promise<() => void> {
    Atomics.add(this.counts, WAITING, 1);
    let isReleased = false;
    const release = () => {
      if (isReleased) return;
      isReleased = true;
      Atomics.sub(this.counts, WAITING, 1);
      Atomics.notify(this.counts, WAITING);
    };
    try {
      const deadline = performance.now() + maxWaitMs;
      for (;;) {
        const inChunk = Atomics.load(this.counts, IN_CHUNK);
        const left = deadline - performance.now();
        if (inChunk <= 0 || left <= 0) return release;
        const wait = Atomics.waitAsync(this.counts, IN_CHUNK, inChunk, left);
        if (wait.async) await wait.value;
      }
    } catch (error) {
      release();
      throw error;
    }
  }

  /** A write of the main thread outside an IPC handler: counted as waiting while it runs (the workers' next chunk waits). */
  around<T>(write: () => T): T {
    Atomics.add(this.counts, WAITING, 1);
    try {
      return write();
    } finally {
      Atomics.sub(this.counts, WAITING, 1);
      Atomics.notify(this.counts, WAITING);
    }
  }

  /**
   * Counts every write transaction the main thread runs on `client` (drizzle's and our own all go
   * through `client.transaction`). Statements outside a transaction are not counted: they are
   * single-row and rare on the main thread.
   */
  takeTurnsOn(client: Database.Database): void {
    wrapTransactions(client, (run) => (...args) => this.around(() => run(...args)));
  }

  /** A worker that wrote under this turn stopped without finishing (a crash): nothing of it is inside a chunk. */
  forgetChunks(): void {
    Atomics.store(this.counts, IN_CHUNK, 0);
    Atomics.notify(this.counts, IN_CHUNK);
  }

  // ── A worker thread ──────────────────────────────────────────────────────────────────────────

  /** Runs `chunk` (one write transaction) once no main-thread write waits (blocking this worker at most `maxWaitMs`). */
  inChunk<T>(chunk: () => T, maxWaitMs = MAX_WAIT_MS): T {
    const deadline = performance.now() + maxWaitMs;
    for (;;) {
      Atomics.add(this.counts, IN_CHUNK, 1);
      const waiting = Atomics.load(this.counts, WAITING);
      const left = deadline - performance.now();
      if (waiting <= 0 || left <= 0) break;
      this.leaveChunk();
      Atomics.wait(this.counts, WAITING, waiting, left);
    }
    try {
      return chunk();
    } finally {
      this.leaveChunk();
    }
  }

  private leaveChunk(): void {
    // Never below 0: forgetChunks() may have cleared this worker's share already.
    for (;;) {
      const current = Atomics.load(this.counts, IN_CHUNK);
      if (current <= 0 || Atomics.compareExchange(this.counts, IN_CHUNK, current, current - 1) === current) break;
    }
    Atomics.notify(this.counts, IN_CHUNK);
  }
}
