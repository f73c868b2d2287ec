/**
 * Turns at the write lock between the main thread and a worker thread that writes back to back (the
 * import's writer, fed by its parse thread, holds the lock nearly all the time). SQLite has no queue
 * for its write lock: a waiting connection sleeps in steps growing to 100 ms and tries again, and by
 * then the worker has started its next chunk. A lead saved during a 1M-row import waited up to 440 ms
 * that way (bench:import, in the app). With turns, the main thread says it waits and the worker lets
 * it go before its next transaction, so a save waits for one chunk at most.
 *
 * The count lives in a SharedArrayBuffer handed to the worker with its job. Another process (an
 * `rlm import` beside the open app) has no share in it: it keeps SQLite's own, unfair, waiting.
 */
import type Database from 'better-sqlite3';

/** The longest a worker defers its next transaction to waiting writers: a forgotten count cannot stall it for good. */
const MAX_YIELD_MS = 250;

export class WriteTurn {
  private readonly waiting: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) {
    this.waiting = new Int32Array(buffer);
  }

  /** Main thread: `write` (which waits for the lock and writes) is counted as waiting while it runs. */
  around<T>(write: () => T): T {
    Atomics.add(this.waiting, 0, 1);
    try {
      return write();
    } finally {
      Atomics.sub(this.waiting, 0, 1);
      Atomics.notify(this.waiting, 0);
    }
  }

  /** Worker thread, before it takes the lock: blocks while the main thread waits to write (at most `maxMs`). */
  yieldToWaiting(maxMs = MAX_YIELD_MS): void {
    const deadline = performance.now() + maxMs;
    for (;;) {
      const waiting = Atomics.load(this.waiting, 0);
      const left = deadline - performance.now();
      if (waiting === 0 || left <= 0) return;
      Atomics.wait(this.waiting, 0, waiting, left);
    }
  }

  /**
   * Counts every write transaction the main thread runs on `client` (drizzle's and our own all go
   * through `client.transaction`). Statements outside a transaction are not counted: they are
   * single-row and rare on the main thread.
   */
  takeTurnsOn(client: Database.Database): void {
    const transaction = client.transaction.bind(client);
    const turn = (run: (...args: unknown[]) => unknown) => (...args: unknown[]) => this.around(() => run(...args));
    client.transaction = ((fn: (...args: unknown[]) => unknown) => {
      const tx = transaction(fn);
      // The variants are read-only properties of `tx`: a new function carries counted ones.
      return Object.assign(turn(tx), { default: turn(tx.default), deferred: turn(tx.deferred), immediate: turn(tx.immediate), exclusive: turn(tx.exclusive), database: client });
    }) as typeof client.transaction;
  }
}
