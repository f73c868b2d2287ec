/**
 * Worker-thread entry (built as `bulk-write-worker`): runs one of the JobQueue's long writes
 * (queueing, undoing, retrying or cancelling a batch, in chunks: batch-jobs.ts) on its own
 * connection, so none of its transactions, commits or checkpoints runs on the main thread. On a slow
 * disk a commit or a checkpoint there took 170–300 ms now and then (bench:queue-undo), a stall of the
 * UI whatever the chunk's size. Interrupted, it leaves whole chunks, as on any thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openConnection } from '../../../db/connection';
import { WriteTurn } from '../write-turn';
import type { BulkResult, BulkWriteData, FromBulkWriter } from './bulk-write-protocol';
import type { ChunkOptions } from './chunks';
import { JobQueue } from './job-queue';

const port = parentPort;
if (!port) throw new Error('bulk-write-worker must run in a worker thread');
const send = (message: FromBulkWriter) => port.postMessage(message);
const data = workerData as BulkWriteData;

async function run(jobs: JobQueue): Promise<BulkResult> {
  const now = () => Date.now() + data.clockOffsetMs;
  const turn = data.writeTurn ? new WriteTurn(data.writeTurn) : null;
  const options: ChunkOptions = {
    onChunk: (progress) => send({ type: 'chunk', progress }),
    // Chunks follow each other closely here: a write waiting on the main thread goes first (write-turn.ts).
    aroundChunk: turn ? (chunk) => turn.inChunk(chunk) : undefined,
  };
  const { write } = data;
  switch (write.op) {
    case 'queueHeldBack':
      return jobs.queueHeldBack(write.companyId, write.batchId, now, options);
    case 'queueMatching':
      return jobs.queueMatching(write.companyId, write.where, write.params, now, options);
    case 'undoBatch':
      return jobs.undoBatch(write.batchId, { ...options, onRemoved: (leads) => send({ type: 'removed', leads }) });
    case 'retryFailed':
      return jobs.retryFailed(write.scope, now, options);
    case 'cancelBatch':
      return jobs.cancelBatch(write.batchId, now, options);
  }
}

async function main(): Promise<void> {
  const db = openConnection(data.dbFile);
  try {
    send({ type: 'done', result: await run(new JobQueue(db)) });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error), code: typeof code === 'string' ? code : null });
  } finally {
    db.close();
    port?.close();
  }
}

void main();
