/**
 * Entry of the search index worker thread: keeps the FTS5 search index caught up on its own SQLite
 * connection, so neither an index write nor an FTS5 merge step (which SQLite cannot cut smaller,
 * 150–200 ms at a million leads) runs on the main thread. The main thread only says "leads changed"
 * and may wait for "caught up". Stopping or crashing mid-chunk loses nothing: a chunk is one
 * transaction, and the watermark and `lead_search_dirty` say what is left.
 * Built as the entry `search-index-worker` (out/main/ by electron-vite, out/node/ by scripts/build-node.ts); see core/workers/worker-location.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openConnection } from '../../../db/connection';
import { WriteTurn } from '../write-turn';
import { SearchIndexLoop } from './search-index-loop';
import type { FromSearchIndexer, SearchIndexStartData, ToSearchIndexer } from './search-index-protocol';

/** While idle, how often the worker looks for leads nobody woke it for (written by another process). */
const POLL_MS = 2_000;

const port = parentPort;
if (!port) throw new Error('search-index-worker must run in a worker thread');
const send = (message: FromSearchIndexer) => port.postMessage(message);

const data = workerData as SearchIndexStartData;
const db = openConnection(data.dbFile);
// This thread copies its own pages back after each chunk (LeadSearchIndexer.checkpoint), outside its
// transactions; the automatic checkpoint would run inside the commit call, at a size it does not choose.
db.pragma('wal_autocheckpoint = 0');
/** The latest wake received: a 'caught-up' covers every change committed before it. */
let lastWakeSeq = 0;
const turn = data.writeTurn ? new WriteTurn(data.writeTurn) : null;

const loop = new SearchIndexLoop(
  db,
  {
    onCaughtUp: (stats) => send({ type: 'caught-up', seq: lastWakeSeq, stats }),
    onError: (error) => send({ type: 'warning', message: error instanceof Error ? error.message : String(error) }),
  },
  POLL_MS,
  // A chunk's commit holds the write lock for as long as an FTS5 merge writes (75–390 ms measured on a
  // slow disk): a save waiting for it must wait in the main thread's event loop, not asleep in SQLite.
  turn ? (chunk) => turn.inChunk(chunk) : undefined,
);

port.on('message', (message: ToSearchIndexer) => {
  switch (message.type) {
    case 'wake':
      lastWakeSeq = Math.max(lastWakeSeq, message.seq);
      return loop.wake();
    case 'pause':
      return loop.pause();
    case 'resume':
      return loop.resume();
    case 'stop':
      // Between chunks (this thread runs one thing at a time), so no transaction is open here.
      loop.stop();
      db.close();
      send({ type: 'stopped', stats: loop.snapshot() });
      port.close();
  }
});

// Leads left from an earlier run (the app stopped mid-catch-up, a CLI import) are indexed at once.
loop.wake();
