import type Database from 'better-sqlite3';
import { LeadSearchIndexer } from './lead-search';

/** Each chunk holds the write lock about this long, so the UI and the other writers never wait long. */
const CHUNK_TARGET_MS = 5;
const PAUSE_BETWEEN_CHUNKS_MS = 10;

/**
 * Keeps the search index caught up in the background of the main process: short chunks with pauses
 * between them, started when leads change and stopped when nothing is left. Search is complete
 * without it (unindexed leads are scanned), only faster with it.
 */
export class SearchIndexLoop {
  private readonly indexer: LeadSearchIndexer;
  private timer: NodeJS.Timeout | null = null;
  private chunkRows = 500;
  private isStopped = false;

  constructor(
    client: Database.Database,
    private readonly onError: (error: unknown) => void,
  ) {
    this.indexer = new LeadSearchIndexer(client);
  }

  /** Leads changed: catch up soon (coalesced). */
  wake(): void {
    if (this.isStopped || this.timer) return;
    this.schedule(PAUSE_BETWEEN_CHUNKS_MS);
  }

  stop(): void {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs until the index is current; for tests and benchmarks. */
  catchUp(): number {
    let total = 0;
    for (let n = this.indexer.indexChunk(5_000); n > 0; n = this.indexer.indexChunk(5_000)) total += n;
    return total;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => this.step(), delayMs);
    // A short-lived CLI process must not stay alive for the index: the next start catches up.
    this.timer.unref();
  }

  private step(): void {
    this.timer = null;
    if (this.isStopped) return;
    try {
      const startedAt = performance.now();
      const handled = this.indexer.indexChunk(this.chunkRows, CHUNK_TARGET_MS);
      const elapsed = performance.now() - startedAt;
      if (handled === 0) return;
      // Resize toward the target from what this chunk cost.
      const perRow = elapsed / handled;
      this.chunkRows = Math.max(50, Math.min(5_000, Math.round(CHUNK_TARGET_MS / Math.max(perRow, 0.001))));
      this.schedule(PAUSE_BETWEEN_CHUNKS_MS);
    } catch (error) {
      // A busy database or a full disk: try again later instead of spinning.
      this.onError(error);
      this.schedule(2_000);
    }
  }
}
