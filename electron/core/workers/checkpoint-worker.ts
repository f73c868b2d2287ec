/**
 * Entry of the checkpoint thread: copies the WAL's pages back into the database file (a PASSIVE
 * checkpoint: it takes no write lock and waits for no reader) on a connection of its own, each time its
 * writer says it committed. The writer goes on with its next chunk meanwhile; on its own thread the copy
 * took ~15% of a 100k-row import (wal-checkpointer.ts).
 * Built as the entry `checkpoint-worker` (out/main/ by electron-vite, out/node/ by scripts/build-node.ts); see core/workers/worker-location.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openConnection } from '../../../db/connection';
import type { CheckpointStartData, FromCheckpointer, ToCheckpointer } from './checkpoint-protocol';

const port = parentPort;
if (!port) throw new Error('checkpoint-worker must run in a worker thread');
const send = (message: FromCheckpointer) => port.postMessage(message);
const db = openConnection((workerData as CheckpointStartData).databasePath);
// This connection never writes; were it to, its own commit must not start a checkpoint at a size it does not choose.
db.pragma('wal_autocheckpoint = 0');

/** The newest commit asked about and not yet copied: commits that arrive during a copy need one more, not one each. */
let wantedSeq = 0;
let scheduled: NodeJS.Immediate | null = null;

function checkpoint(): void {
  scheduled = null;
  const seq = wantedSeq;
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    // Busy (another connection was checkpointing: the search index thread, the app) reports -1 for both.
    const isKnown = result !== undefined && result.busy === 0 && result.log >= 0;
    send({ type: 'checkpointed', seq, walFrames: isKnown ? result.log : null });
  } catch {
    // As for SQLite's automatic checkpoint, a failure is no news: the WAL keeps the pages, and a full disk
    // fails the writer's next commit, which says so. The writer must not wait for an answer, though.
    send({ type: 'checkpointed', seq, walFrames: null });
  }
}

port.on('message', (message: ToCheckpointer) => {
  if (message.type === 'checkpoint') {
    wantedSeq = Math.max(wantedSeq, message.seq);
    // After the messages already queued: a burst of commits is copied once.
    scheduled ??= setImmediate(checkpoint);
    return;
  }
  // The last commit's pages first, so that a finished import leaves a short WAL.
  if (scheduled) {
    clearImmediate(scheduled);
    checkpoint();
  }
  db.close();
  port.close();
});
