/**
 * Main-thread side of the search index: starts the search index worker (search-index-worker.ts),
 * tells it when leads changed, and stops it when the app, CLI or harness closes. The main thread
 * never writes the index itself, so an FTS5 merge step never stalls it; it only reads the index
 * when it searches (lead-search.ts).
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { workerLocation } from '../workers/worker-location';
import type { WriteTurn } from '../write-turn';
import type { FromSearchIndexer, SearchIndexStartData, SearchIndexStats, ToSearchIndexer } from './search-index-protocol';

/**
 * The first wake starts the thread this much later: a short CLI command (`rlm lead add`) ends before
 * and never pays for a thread; the next long-running process catches up.
 */
const START_DELAY_MS = 1_000;
/** After a crash the thread starts again no sooner than this (a crash loop must not eat a core). */
const RESTART_AFTER_CRASH_MS = 30_000;
/** How long a stop waits for the current chunk to end before the thread is terminated. */
const STOP_TIMEOUT_MS = 5_000;

export interface SearchIndexThreadDeps {
  dbFile: string;
  log: Pick<Logger, 'warn' | 'error'>;
  /** The main thread's turns at the write lock: the index's chunks defer to its saves (core/write-turn.ts). */
  writeTurn?: WriteTurn;
}

interface Waiter {
  seq: number;
  resolve: (stats: SearchIndexStats) => void;
  reject: (error: Error) => void;
}

export class SearchIndexThread {
  private worker: Worker | null = null;
  private startTimer: NodeJS.Timeout | null = null;
  private isClosed = false;
  private hasCrashed = false;
  /** Callers inside pausedWhile (two backups may overlap): the worker resumes when the last one ends. */
  private pausedBy = 0;
  private seq = 0;
  private waiters: Waiter[] = [];
  private stopping: Promise<void> | null = null;
  /** Workers that said they stopped: their exit is not a crash. */
  private readonly stoppedCleanly = new WeakSet<Worker>();
  /** The worker's figures as of its last report (null before the first). */
  lastStats: SearchIndexStats | null = null;

  constructor(private readonly deps: SearchIndexThreadDeps) {}

  get isRunning(): boolean {
    return this.worker !== null;
  }

  /** Leads changed: the worker catches up (started a moment later if it is not running). */
  wake(): void {
    if (this.isClosed) return;
    if (this.worker) return this.post({ type: 'wake', seq: ++this.seq });
    this.startTimer ??= setTimeout(
      () => {
        this.startTimer = null;
        this.start();
      },
      this.hasCrashed ? RESTART_AFTER_CRASH_MS : START_DELAY_MS,
    );
    // Waiting to start must not keep a finished CLI command alive.
    this.startTimer.unref();
  }

  /**
   * Resolves once the worker has indexed every lead changed before this call (tests, benchmarks).
   * Starts the worker now if it is not running; rejects if the thread cannot start or dies first.
   */
  caughtUp(): Promise<SearchIndexStats> {
    if (this.isClosed) return Promise.reject(new AppError('internal', 'The search index has stopped.'));
    if (!this.worker) {
      if (this.startTimer) clearTimeout(this.startTimer);
      this.startTimer = null;
      if (!this.start()) return Promise.reject(new AppError('internal', 'The search index thread could not start (see the log).'));
    }
    const seq = ++this.seq;
    const done = new Promise<SearchIndexStats>((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
    // Someone waits on the worker's answer: it must keep this process alive until it comes.
    this.worker?.ref();
    this.post({ type: 'wake', seq });
    return done;
  }

  /** Runs `work` with the worker writing nothing: SQLite's online backup restarts whenever another connection writes. */
  async pausedWhile<T>(work: () => Promise<T>): Promise<T> {
    if (this.pausedBy++ === 0) this.post({ type: 'pause' });
    try {
      return await work();
    } finally {
      if (--this.pausedBy === 0) this.post({ type: 'resume' });
    }
  }

  /** Ends the thread after its current chunk (terminated if it does not answer in time); no restart after. */
  stop(timeoutMs = STOP_TIMEOUT_MS): Promise<void> {
    this.isClosed = true;
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = null;
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    this.stopping ??= new Promise<void>((resolve) => {
      // The caller awaits the exit: the thread must keep the process alive until then.
      worker.ref();
      const timer = setTimeout(() => void worker.terminate(), timeoutMs);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage({ type: 'stop' } satisfies ToSearchIndexer);
    });
    return this.stopping;
  }

  private start(): boolean {
    if (this.isClosed || this.worker) return this.worker !== null;
    let worker: Worker;
    try {
      const workerData: SearchIndexStartData = { dbFile: this.deps.dbFile, writeTurn: this.deps.writeTurn?.buffer ?? null };
      worker = new Worker(workerLocation('search-index-worker'), { workerData, name: 'rlm-search-index' });
    } catch (error) {
      // Search still works without the thread (leads not indexed are scanned), only slower.
      this.deps.log.warn('Search index: the indexing thread did not start; search scans the leads not indexed', error);
      return false;
    }
    this.worker = worker;
    // An idle indexer must not keep a CLI command or a test process alive.
    worker.unref();
    worker.on('message', (message: FromSearchIndexer) => this.onMessage(worker, message));
    worker.on('error', (error) => this.deps.log.error('Search index thread crashed', error));
    worker.on('exit', (code) => this.onExit(worker, code));
    if (this.pausedBy > 0) this.post({ type: 'pause' });
    return true;
  }

  private onMessage(worker: Worker, message: FromSearchIndexer): void {
    switch (message.type) {
      case 'caught-up': {
        this.lastStats = message.stats;
        const due = this.waiters.filter((w) => w.seq <= message.seq);
        this.waiters = this.waiters.filter((w) => w.seq > message.seq);
        if (this.waiters.length === 0 && !this.stopping) worker.unref();
        for (const waiter of due) waiter.resolve(message.stats);
        return;
      }
      case 'warning':
        return this.deps.log.warn(`Search index: will try again: ${message.message}`);
      case 'stopped':
        this.lastStats = message.stats;
        this.stoppedCleanly.add(worker);
    }
  }

  private onExit(worker: Worker, code: number): void {
    if (this.worker !== worker) return;
    this.worker = null;
    // Terminated or crashed inside a chunk: its count must not hold the main thread's writes back.
    if (!this.stoppedCleanly.has(worker)) this.deps.writeTurn?.forgetChunks();
    const isCrash = !this.stoppedCleanly.has(worker) && !this.isClosed;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new AppError('internal', `The search index thread stopped (exit code ${code}) before it caught up.`));
    if (!isCrash) return;
    // Nothing is lost (the watermark and lead_search_dirty say what is left): start again later.
    this.deps.log.warn(`Search index thread exited with code ${code}; it starts again in ${RESTART_AFTER_CRASH_MS / 1000} s`);
    this.hasCrashed = true;
    this.wake();
  }

  private post(message: ToSearchIndexer): void {
    this.worker?.postMessage(message);
  }
}
