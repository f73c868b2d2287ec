/**
 * The import writer's pages are copied back by a thread of its own (wal-checkpointer.ts). The WAL starts
 * over only at a transaction that begins when all of it has been copied: a writer that never waited for the
 * copy grew it to 854 MB in a million-row import. Here the same happens at a small scale: chunks that touch
 * pages all over two indexes of random keys, written back to back.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureConnection } from '../../../db/connection';
import { startCheckpointThread, type Checkpointer } from '../../../electron/core/workers/wal-checkpointer';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const FRAME_BYTES = 4096 + 24;

async function writeChunks(): Promise<{ longestWalBytes: number; rows: number; copiedDatabaseBytes: number; writerCheckpoints: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rlm-wal-'));
  dirs.push(dir);
  const file = join(dir, 'leads.sqlite');
  const client = new Database(file);
  configureConnection(client);
  client.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT, v TEXT); CREATE INDEX t_k ON t (k); CREATE INDEX t_v ON t (v)');
  client.pragma('wal_autocheckpoint = 0');
  // Bigger than a chunk: copies overlap the next chunk's writes until the WAL passes it.
  const checkpointer: Checkpointer = startCheckpointThread(client, file, { catchUpAboveFrames: 2_000 });
  // The thread copies, not this connection (its fallback would copy here and pass the bound too).
  const pragma = vi.spyOn(client, 'pragma');
  const insert = client.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
  const chunk = client.transaction(() => {
    for (let i = 0; i < 3_000; i++) insert.run(Math.random().toString(36), Math.random().toString(36).repeat(3));
  });
  let longestWalBytes = 0;
  for (let i = 0; i < 30; i++) {
    // As the import's loop does between chunks: a turn of the event loop, where the thread's answers arrive.
    await nextTurn();
    await checkpointer.beforeWrite();
    chunk();
    checkpointer.afterCommit();
    longestWalBytes = Math.max(longestWalBytes, statSync(`${file}-wal`).size);
  }
  await checkpointer.stop();
  const writerCheckpoints = pragma.mock.calls.filter(([source]) => source.startsWith('wal_checkpoint')).length;
  const rows = (client.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  client.close();
  return { longestWalBytes, rows, copiedDatabaseBytes: statSync(file).size, writerCheckpoints };
}

describe('the checkpoint thread', () => {
  it('copies the pages back while the writer writes, and the WAL stays short: the writer waits for the copy once it has grown', async () => {
    const kept = await writeChunks();
    expect(kept.rows).toBe(90_000);
    expect(kept.writerCheckpoints).toBe(0);
    // Everything is in the database file once the thread has stopped.
    expect(kept.copiedDatabaseBytes).toBeGreaterThan(4_000_000);
    // A chunk here writes ~450–2,000 frames; past 2,000 (and until the thread first answers, or when the copy
    // falls behind) the next chunk waits, so the WAL holds the bound and a chunk or two: 4,600–6,000 frames
    // here. Without the wait (beforeWrite resolving at once) it grew chunk after chunk: 26,000–27,000 frames.
    expect(kept.longestWalBytes).toBeLessThan(9_000 * FRAME_BYTES);
  });
});
