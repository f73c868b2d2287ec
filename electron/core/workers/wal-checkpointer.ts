/**
 * Copies a writer's pages from the WAL back into the database file, after each of its commits: in a thread
 * of its own (checkpoint-worker.ts), so the writer starts its next chunk at once, or on the writer's own
 * thread. Copied by the import writer itself, the pages took ~0.4 s of a 2.5 s 100k-row import, on its
 * critical path; a thread of its own costs a window's event loop CPU instead (which one an import uses:
 * ImportCheckpoints, imports/worker-protocol.ts).
 *
 * Why copy after each chunk at all (rather than leave it to SQLite): the automatic checkpoint runs inside
 * whichever commit grows the WAL past 1,000 pages — an app save's too, on the main thread. Kept copied
 * back, the WAL leaves such a commit nothing to do.
 *
 * The WAL starts over from its beginning only at a transaction that begins when every page in it has been
 * copied back. A thread that copies while the writer writes may never be caught up at that moment (a
 * million-row import's chunks touch pages all over its indexes: its WAL grew to 854 MB that way), so past
 * CATCH_UP_ABOVE_BYTES, or when the copy falls behind, the writer waits for it before it begins, and the
 * WAL starts over.
 */
import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import type { CheckpointStartData, FromCheckpointer, ToCheckpointer } from './checkpoint-protocol';
import { workerLocation } from './worker-location';

/** 32 MB, half of journal_size_limit (db/connection.ts): 4,096 frames of 8 KiB pages, 8,192 of an older database's 4 KiB. */
export const CATCH_UP_ABOVE_BYTES = 32 * 1024 * 1024;
/** Commits the writer may make beyond the copy's last answer before it waits for the copy whatever the WAL's size. */
const MAX_COMMITS_AHEAD = 2;

export interface Checkpointer {
  /** The writer committed: its pages are copied back meanwhile. */
  afterCommit(): void;
  /**
   * Before the writer's next transaction: resolves at once, unless the WAL has grown past the bound, its size
   * is not known yet (before the thread's first answer) or the copy is more than MAX_COMMITS_AHEAD commits
   * behind; then once the copy has caught up.
   */
  beforeWrite(): Promise<void>;
  /** Copies what is left and ends the thread. */
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  catchUpAboveFrames?: number;
}

/**
 * The checkpoint thread when it can start; otherwise (or if it stops) the writer's own thread copies after
 * each commit: slower, never wrong.
 */
export function startCheckpointThread(client: Database.Database, databasePath: string, options: CheckpointerOptions = {}): Checkpointer {
  try {
    const pageBytes = client.pragma('page_size', { simple: true }) as number;
    return new ThreadCheckpointer(client, databasePath, options.catchUpAboveFrames ?? Math.floor(CATCH_UP_ABOVE_BYTES / pageBytes));
  } catch {
    return new InlineCheckpointer(client);
  }
}

/** The writer copies after each of its commits, on its own thread, outside its turn. */
export function checkpointBetweenChunks(client: Database.Database): Checkpointer {
  return new InlineCheckpointer(client);
}

/** PASSIVE: without the write lock and without waiting for readers. A failure is no news, as it is for the automatic one. */
function checkpointHere(client: Database.Database): void {
  try {
    client.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // The WAL keeps the pages; a full disk fails the next commit, which says so.
  }
}

class InlineCheckpointer implements Checkpointer {
  constructor(private readonly client: Database.Database) {}
  afterCommit(): void {
    checkpointHere(this.client);
  }
  async beforeWrite(): Promise<void> {}
  async stop(): Promise<void> {}
}

class ThreadCheckpointer implements Checkpointer {
  private readonly worker: Worker;
  private sentSeq = 0;
  private answeredSeq = 0;
  private walFrames = 0;
  private isGone = false;
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly client: Database.Database,
    databasePath: string,
    private readonly catchUpAboveFrames: number,
  ) {
    this.worker = new Worker(workerLocation('checkpoint-worker'), { workerData: { databasePath } satisfies CheckpointStartData });
    this.worker.on('message', (message: FromCheckpointer) => {
      this.answeredSeq = Math.max(this.answeredSeq, message.seq);
      // Not known (busy, failed): the last size stands, so that a copy that could not run does not lift the bound.
      if (message.walFrames !== null) this.walFrames = message.walFrames;
      this.wake();
    });
    const gone = () => {
      this.isGone = true;
      this.wake();
    };
    this.worker.on('error', gone);
    this.worker.on('exit', gone);
  }

  private wake(): void {
    for (const resolve of this.waiting) resolve();
    this.waiting.clear();
  }

  afterCommit(): void {
    // The thread is gone: this one copies, as between chunks.
    if (this.isGone) return checkpointHere(this.client);
    this.sentSeq += 1;
    this.worker.postMessage({ type: 'checkpoint', seq: this.sentSeq } satisfies ToCheckpointer);
  }

  async beforeWrite(): Promise<void> {
    const mustWait = () => {
      // A reader may keep a checkpoint from copying everything: the answer to the last commit is enough to go on.
      if (this.isGone || this.answeredSeq >= this.sentSeq) return false;
      // A copy that fell behind: its last reading of the WAL's size is old.
      if (this.sentSeq - this.answeredSeq > MAX_COMMITS_AHEAD) return true;
      // Until the thread first answers, the size is not known (a thread slow to start let it grow unseen).
      return this.answeredSeq === 0 || this.walFrames > this.catchUpAboveFrames;
    };
    while (mustWait()) await new Promise<void>((resolve) => this.waiting.add(resolve));
  }

  async stop(): Promise<void> {
    if (this.isGone) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ type: 'stop' } satisfies ToCheckpointer);
    await exited;
  }
}
