import type { ChunkTiming } from './lead-search';

/** Messages between the main thread (SearchIndexThread) and the search index worker thread. Plain data only. */

export interface SearchIndexStartData {
  dbFile: string;
  /** The main thread's WriteTurn buffer (core/write-turn.ts): its saves go before the next chunk. */
  writeTurn: SharedArrayBuffer | null;
}

/** What the worker has done since it started: the benchmark and the log read it. */
export interface SearchIndexStats {
  /** Leads written to (or refreshed in) the index. */
  indexed: number;
  /** Write transactions (one chunk each). */
  chunks: number;
  /** The one that held the write lock longest (what another writer, e.g. the main thread's saves, queue or undo, may wait on): its timing. */
  longestHold: ChunkTiming;
  /** The longest this thread waited for the lock (another writer held it). */
  longestWaitMs: number;
  /** The longest checkpoint after a chunk (no lock held: nobody waits on it). */
  longestCheckpointMs: number;
}

export type ToSearchIndexer =
  /** Leads changed: catch up. `seq` comes back in the next 'caught-up', so a caller can wait for its own change. */
  | { type: 'wake'; seq: number }
  /** Write nothing until 'resume' (an online backup restarts whenever another connection writes). */
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' };

export type FromSearchIndexer =
  /** Nothing left to index after every wake up to `seq`. */
  | { type: 'caught-up'; seq: number; stats: SearchIndexStats }
  /** A chunk failed (busy database, full disk); the worker tries again later. */
  | { type: 'warning'; message: string }
  | { type: 'stopped'; stats: SearchIndexStats };
