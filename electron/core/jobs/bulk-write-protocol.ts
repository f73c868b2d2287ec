/** Messages between the main thread and a bulk-write thread (bulk-write-worker.ts). Plain data. */
import type { RetryScope } from '../../../shared/ipc/sync';
import type { UndoResult } from '../../../shared/ipc/imports';
import type { RemovedLead } from './batch-jobs';
import type { ChunkProgress } from './chunks';

/** The JobQueue's long writes, by name and arguments (the clock travels as an offset from Date.now). */
export type BulkWrite =
  | { op: 'queueHeldBack'; companyId: number; batchId: number }
  | { op: 'queueMatching'; companyId: number; where: string; params: Record<string, unknown> }
  | { op: 'undoBatch'; batchId: number }
  | { op: 'retryFailed'; scope: RetryScope }
  | { op: 'cancelBatch'; batchId: number };

export interface BulkWriteData {
  dbFile: string;
  write: BulkWrite;
  /** now() − Date.now() on the main thread when the write began. */
  clockOffsetMs: number;
  /** The main thread's WriteTurn buffer (core/write-turn.ts): its saves go before the next chunk. */
  writeTurn: SharedArrayBuffer | null;
}

export type BulkResult = number | Omit<UndoResult, 'batchId'>;

export type FromBulkWriter =
  | { type: 'chunk'; progress: ChunkProgress }
  | { type: 'removed'; leads: RemovedLead[] }
  | { type: 'done'; result: BulkResult }
  /** `code`: SQLite's (SQLITE_BUSY…) when it was SQLite's error, so callers tell a busy database from a bug. */
  | { type: 'failed'; message: string; code: string | null };
