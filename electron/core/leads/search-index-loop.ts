import type Database from 'better-sqlite3';
import { isBusy, LOCK_RETRY_MS, withoutBusyWait } from '../../../db/lock-attempt';
import { LeadSearchIndexer } from './lead-search';
import type { SearchIndexStats } from './search-index-protocol';

/** Each chunk holds the write lock about this long, so the main thread's writes and the other workers never wait long. */
const CHUNK_TARGET_MS = 5;
const PAUSE_BETWEEN_CHUNKS_MS = 10;
/**
 * A chunk that had to wait this long for the lock met another writer at work (the main thread queuing
 * or undoing a batch in chunks, an import): the index steps back for longer, so that writer's next
 * chunks rarely find the lock taken. The index is the one that can wait.
 */
const CONTENDED_WAIT_MS = 5;
const PAUSE_WHEN_CONTENDED_MS = 100;
/** After an error (a full disk): try again later instead of spinning. */
const RETRY_AFTER_ERROR_MS = 2_000;

export interface SearchIndexLoopHooks {
  /** A step found nothing left to index. */
  onCaughtUp: (stats: SearchIndexStats) => void;
  onError: (error: unknown) => void;
}

/**
 * Keeps the search index caught up (runs in the search index worker thread, on that thread's own
 * connection): short chunks with pauses between them, started when leads change and stopped when
 * nothing is left; while idle it looks for work every `pollMs` with a read (leads written by another
 * process, e.g. `rlm import` while the app runs, wake nobody here). Search is complete without it
 * (unindexed leads are scanned), only faster with it.
 */
export class SearchIndexLoop {
  private readonly indexer: LeadSearchIndexer;
  private timer: NodeJS.Timeout | null = null;
  /** The pending timer is the idle poll (a wake replaces it), not a step already due. */
  private isTimerPoll = false;
  private chunkRows = 500;
  /** When the current chunk first found the write lock taken (null: it has not). */
  private busySince: number | null = null;
  private isStopped = false;
  private isPaused = false;
  readonly stats: SearchIndexStats = { indexed: 0, chunks: 0, longestHold: { waitMs: 0, heldMs: 0, mergeMs: 0, commitMs: 0, checkpointMs: 0 }, longestWaitMs: 0, longestCheckpointMs: 0 };

  constructor(
    private readonly client: Database.Database,
    private readonly hooks: SearchIndexLoopHooks,
    private readonly pollMs: number,
    /** Runs each chunk's transaction (a WriteTurn's inChunk in the worker); default: as is. */
    private readonly aroundChunk: <T>(chunk: () => T) => T = (chunk) => chunk(),
  ) {
    this.indexer = new LeadSearchIndexer(client);
  }

  /** Leads changed: catch up soon (coalesced with a step already due). */
  wake(): void {
    if (this.isStopped || this.isPaused || (this.timer && !this.isTimerPoll)) return;
    this.schedule(PAUSE_BETWEEN_CHUNKS_MS, false);
  }

  pause(): void {
    this.isPaused = true;
    this.clearTimer();
    // A retry for the lock is dropped with the timer: the wait after the pause is a new one.
    this.busySince = null;
  }

  resume(): void {
    this.isPaused = false;
    this.wake();
  }

  stop(): void {
    this.isStopped = true;
    this.clearTimer();
  }

  snapshot(): SearchIndexStats {
    return { ...this.stats, longestHold: { ...this.stats.longestHold } };
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number, isPoll: boolean): void {
    this.clearTimer();
    this.isTimerPoll = isPoll;
    this.timer = setTimeout(() => (isPoll ? this.poll() : this.step()), delayMs);
  }

  private poll(): void {
    this.timer = null;
    if (this.isStopped || this.isPaused) return;
    try {
      // A read, not the chunk's write transaction: an idle poll never takes the write lock.
      if (this.indexer.hasWork()) return this.step();
    } catch (error) {
      this.hooks.onError(error);
    }
    this.schedule(this.pollMs, true);
  }

  private step(): void {
    this.timer = null;
    if (this.isStopped || this.isPaused) return;
    try {
      const handled = this.tryChunk();
      if (handled === null) {
        this.busySince ??= performance.now();
        // As long as the connection's own wait would have lasted: then it is news (a writer stuck in
        // another process), said once, and the loop steps back instead of asking 200 times a second.
        if (performance.now() - this.busySince >= (this.client.pragma('busy_timeout', { simple: true }) as number)) {
          throw Object.assign(new Error('The database stayed locked by another writer; the search index tries again later.'), { code: 'SQLITE_BUSY' });
        }
        this.schedule(LOCK_RETRY_MS, false);
        return;
      }
      const timing = this.indexer.lastChunk;
      const waitMs = this.busySince === null ? timing.waitMs : performance.now() - timing.heldMs - this.busySince;
      this.busySince = null;
      if (handled === 0) {
        this.hooks.onCaughtUp(this.snapshot());
        this.schedule(this.pollMs, true);
        return;
      }
      this.stats.indexed += handled;
      this.stats.chunks++;
      this.stats.longestCheckpointMs = Math.max(this.stats.longestCheckpointMs, this.indexer.checkpoint());
      if (timing.heldMs > this.stats.longestHold.heldMs) this.stats.longestHold = { ...timing };
      this.stats.longestWaitMs = Math.max(this.stats.longestWaitMs, waitMs);
      // Resize toward the target from what this chunk cost (while it held the lock).
      const perRow = timing.heldMs / handled;
      this.chunkRows = Math.max(50, Math.min(5_000, Math.round(CHUNK_TARGET_MS / Math.max(perRow, 0.001))));
      this.schedule(waitMs > CONTENDED_WAIT_MS ? PAUSE_WHEN_CONTENDED_MS : PAUSE_BETWEEN_CHUNKS_MS, false);
    } catch (error) {
      this.busySince = null;
      this.hooks.onError(error);
      this.schedule(RETRY_AFTER_ERROR_MS, false);
    }
  }

  /**
   * One chunk, if the write lock is free now: how many leads it handled; null when another connection
   * holds the lock (the step asks again LOCK_RETRY_MS later). Not asleep in SQLite's busy handler: inside
   * its turn (write-turn.ts) that sleep held the main thread's saves back for the other writer's chunk
   * plus the sleep step (119 ms measured).
   */
  private tryChunk(): number | null {
    try {
      return withoutBusyWait(this.client, () => this.aroundChunk(() => this.indexer.indexChunk(this.chunkRows, CHUNK_TARGET_MS)));
    } catch (error) {
      if (isBusy(error)) return null;
      throw error;
    }
  }
}
