/**
 * Where the JobQueue's long writes run: on the caller's thread (the default: tests, the import
 * worker), or — for a connection registered here, the backend's main one (app-context.ts) — in a
 * thread of their own (bulk-write-worker.ts) started per write, with progress and removed leads sent
 * back as they go. A registry keyed by the connection, so every JobQueue built on it follows.
 */
import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import type { UndoResult } from '../../../shared/ipc/imports';
import { workerLocation } from '../workers/worker-location';
import type { WriteTurn } from '../write-turn';
import type { RemovedLead } from './batch-jobs';
import type { BulkWrite, BulkWriteData, FromBulkWriter } from './bulk-write-protocol';
import type { ChunkOptions } from './chunks';

export interface BulkWriteThread {
  dbFile: string;
  writeTurn: WriteTurn | null;
}

const threads = new WeakMap<Database.Database, BulkWriteThread>();

export function runBulkWritesInThread(db: Database.Database, thread: BulkWriteThread): void {
  threads.set(db, thread);
}

export function bulkWriteThreadOf(db: Database.Database): BulkWriteThread | undefined {
  return threads.get(db);
}

interface BulkResults {
  queueHeldBack: number;
  queueMatching: number;
  undoBatch: Omit<UndoResult, 'batchId'>;
  retryFailed: number;
  cancelBatch: number;
}

type Listeners = Pick<ChunkOptions, 'onChunk'> & { onRemoved?: (leads: RemovedLead[]) => void };

/** Runs `write` in a new bulk-write thread; settles with its result, or rejects with its error (SQLite's code kept). */
export function runInThread<W extends BulkWrite>(thread: BulkWriteThread, write: W, now: () => number, listeners: Listeners = {}): Promise<BulkResults[W['op']]> {
  const data: BulkWriteData = { dbFile: thread.dbFile, write, clockOffsetMs: now() - Date.now(), writeTurn: thread.writeTurn?.buffer ?? null };
  const worker = new Worker(workerLocation('bulk-write-worker'), { workerData: data, name: `rlm-${write.op}` });
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: FromBulkWriter) => {
      switch (message.type) {
        case 'chunk':
          return listeners.onChunk?.(message.progress);
        case 'removed':
          return listeners.onRemoved?.(message.leads);
        case 'done':
          settled = true;
          // Plain data from our own worker, built by the method `write.op` names.
          return resolve(message.result as BulkResults[W['op']]);
        case 'failed':
          settled = true;
          return reject(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
      }
    });
    worker.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`The ${write.op} thread stopped unexpectedly (exit code ${code}).`));
      settled = true;
      // A crash mid-chunk leaves the thread counted inside one: the main thread must not wait for it.
      if (code !== 0) thread.writeTurn?.forgetChunks();
    });
  });
}
