/**
 * Main-thread side of sync: owns the runner lock, starts/pauses/resumes/stops the worker thread,
 * hands it API keys on request, relays progress and connectivity as events, and answers the
 * `sync:*` reads and actions from its own connection.
 */
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { AppError } from '../core/errors';
import { workerLocation } from '../core/workers/worker-location';
import type { EventBus } from '../core/events';
import type { Logger } from '../core/log';
import type { EventPayload } from '../../shared/ipc/events';
import type { RetryScope, StorageTrouble, SyncAttempt, SyncStatus } from '../../shared/ipc/sync';
import { sendingStorageMessage } from '../core/storage-errors';
import { resolveSyncConfig, type SyncConfig } from './config';
import type { ConnectivitySnapshot } from './connectivity';
import type { LaneState } from './company-lane';
import { CONNECTIVITY_META_KEY, readConnectivity, type RunnerProgress } from './runner';
import { acquireRunnerLock, isHolderLive, readLockHolder, type RunnerLock } from '../core/runner-lock';
import { JobQueue } from '../core/jobs/job-queue';
import { SyncQueries } from './sync-queries';
import { UnconfirmedEnrolments, type UnconfirmedAction } from './unconfirmed';
import type { FromWorker, ToWorker, WorkerStartData } from './worker-protocol';

/** How a runner ended that nobody stopped: its thread failed, or another process took the runner lock. */
export interface UnaskedStop {
  kind: 'failed' | 'taken-over';
  message: string;
}

export type ServiceState = 'stopped' | 'starting' | 'running' | 'idle' | 'paused' | 'offline';

export interface SyncServiceDeps {
  db: Database.Database;
  dbFile: string;
  events: EventBus;
  log: Logger;
  /** Reads a company's key from the keychain; the key only ever travels to the worker. */
  apiKey: (companyId: number) => Promise<string | null>;
  /** The clock the sending schedule follows (the system's by default; tests move it). */
  now?: () => number;
  /** How other processes name this one while it holds the runner lock (a start's own label wins). */
  processLabel?: string;
  /**
   * Tuning under every start's own (tests' and benchmarks' RLM_SYNC_TUNING): the app and the browser harness start
   * sending from the renderer, which names no tuning, and a test of them must not wait real GoHighLevel's retry pauses.
   */
  tuning?: Partial<SyncConfig>;
}

export interface StartOptions {
  companyIds?: number[];
  config?: Partial<SyncConfig>;
  /** How other processes name us when they find the lock taken. */
  processLabel?: string;
  /** The runner starts paused (the office's Pause all, remembered): it claims nothing until resumed. */
  startsPaused?: boolean;
}

/**
 * app_meta: '1' while the office's Pause all holds. The app's runner starts paused by it (startWhenFree): forgotten at a
 * restart, the dashboard's "No lead goes to GHL for any company until you resume" was untrue an hour later (a review).
 */
const PAUSED_ALL_KEY = 'sync_paused_all';

const defaultProcessLabel = () => (process.versions.electron ? 'the desktop app' : 'the command line (rlm sync)');

/** Lane states in which a company sends nothing until something changes (a person, a new day). */
const HELD_STATES: ReadonlySet<LaneState> = new Set(['paused', 'auth', 'daily-limit']);

/** The companies that went into a held state or out of one between two progress reports. */
function companiesWhoseHoldChanged(previous: RunnerProgress | null, progress: RunnerProgress): number[] {
  const wasHeld = new Map(previous?.companies.map((c) => [c.companyId, HELD_STATES.has(c.state)]) ?? []);
  return progress.companies.filter((c) => (wasHeld.get(c.companyId) ?? false) !== HELD_STATES.has(c.state)).map((c) => c.companyId);
}

export class SyncService {
  readonly queries: SyncQueries;
  /** Enrolments GHL did not confirm, waiting for a person. */
  readonly unconfirmed: UnconfirmedEnrolments;
  private readonly jobs: JobQueue;
  private worker: Worker | null = null;
  /** Workers that said they stopped: the terminate() that follows is not a crash. */
  private readonly stoppedCleanly = new WeakSet<Worker>();
  private lock: RunnerLock | null = null;
  private state: ServiceState = 'stopped';
  /** The companies this process's run sends for; null: every company (or none runs). */
  private runCompanyIds: number[] | null = null;
  private lastProgress: RunnerProgress | null = null;
  /** The last pause or resume sent to the worker (ToWorker): a report of an older one has an older state. */
  private controlSeq = 0;
  private connectivity: ConnectivitySnapshot | null = null;
  private readonly progressListeners = new Set<(progress: RunnerProgress) => void>();
  private readonly idleListeners = new Set<(progress: RunnerProgress) => void>();
  private stopping: Promise<void> | null = null;
  /**
   * Why the last runner ended when nobody asked it to (an error in its thread, another process taking
   * the lock): a caller waiting for it to finish must not read its end as "done" (rlm sync), and the
   * dashboard says it. Cleared by the next start.
   */
  private unaskedStop: UnaskedStop | null = null;
  /** The clock the sending schedule follows; the worker thread gets it as an offset when it starts. */
  readonly now: () => number;
  /** A start waiting for another program (an `rlm sync`) to let the runner lock go (startWhenFree). */
  private lockWait: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly deps: SyncServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.queries = new SyncQueries(deps.db);
    this.jobs = new JobQueue(deps.db);
    this.unconfirmed = new UnconfirmedEnrolments(deps.db);
  }

  resolveUnconfirmed(leadId: number, action: UnconfirmedAction): { leadId: number; action: UnconfirmedAction } {
    const result = this.unconfirmed.resolve(leadId, action);
    this.afterQueueChange();
    return result;
  }

  get runnerState(): ServiceState {
    return this.state;
  }

  /**
   * The app's start when it opens: another program may be sending (an `rlm sync` from a scheduled task), and then this
   * one starts once that one lets the runner lock go. The app asked once and, refused, sent nothing after that run ended
   * until someone pressed Start, while its plan promised the next send. A Stop (or another start) ends the wait.
   */
  startWhenFree(options: StartOptions = {}, retryMs = 2_000): { state: ServiceState } {
    this.cancelStartWhenFree();
    const isLocked = (error: unknown) => error instanceof AppError && error.code === 'locked';
    const startsPaused = options.startsPaused ?? this.queries.meta(PAUSED_ALL_KEY) === '1';
    try {
      return this.start({ ...options, startsPaused });
    } catch (error) {
      if (!isLocked(error)) throw error;
    }
    this.deps.log.info('Sync: another program is sending; this one starts once it is done');
    // The office paused sending in that program: this one starts paused too, not sending what nobody resumed (a review).
    let wasPaused = readLockHolder(this.deps.db)?.isPaused === true;
    const wait = setInterval(() => {
      try {
        this.start({ ...options, startsPaused: startsPaused || wasPaused });
        this.deps.events.emit('data:changed', { domain: 'sync', companyId: null });
      } catch (error) {
        if (isLocked(error)) {
          wasPaused = readLockHolder(this.deps.db)?.isPaused === true;
          return;
        }
        this.deps.log.warn('Sync: could not start once the other program was done', error);
      }
      this.cancelStartWhenFree();
    }, retryMs);
    // A wait must not keep a process alive that has nothing else to do.
    wait.unref();
    this.lockWait = wait;
    return { state: this.state };
  }

  /** Ends a start's wait for the lock (a Stop, another start, the app closing). */
  cancelStartWhenFree(): void {
    if (this.lockWait) clearInterval(this.lockWait);
    this.lockWait = null;
  }

  /** Starts the worker; a second start while running is a no-op. Throws AppError('locked') when another process syncs. */
  start(options: StartOptions = {}): { state: ServiceState } {
    if (this.worker) return { state: this.state };
    this.unaskedStop = null;
    // The last run's word (its storage trouble: a disk since freed) is not this run's.
    this.lastProgress = null;
    // Before the lock: finding the worker's code can fail (a source run before `npm run build`),
    // and must not leave this process holding the runner lock with no runner.
    const url = workerLocation('sync-worker');
    const processLabel = options.processLabel ?? this.deps.processLabel ?? defaultProcessLabel();
    const companyIds = options.companyIds && options.companyIds.length > 0 ? options.companyIds : null;
    const lock = acquireRunnerLock(this.deps.db, {
      processLabel,
      companyIds,
      onLost: () => {
        this.deps.log.warn('Sync: another runner took over the lock; this one stops so no lead is sent twice');
        const holder = readLockHolder(this.deps.db);
        // Named as the office knows it ("the command line (rlm sync)"); its pid meant nothing on the dashboard.
        const taker = holder ? `${holder.process.charAt(0).toUpperCase()}${holder.process.slice(1)} on this computer` : 'Another program';
        this.noteUnaskedStop('taken-over', `${taker} took over sending, so this one stopped: no lead is sent by two programs at once.`);
        void this.stop();
      },
    });
    const config = resolveSyncConfig({ ...this.deps.tuning, ...options.config });
    const workerData: WorkerStartData = {
      dbFile: this.deps.dbFile,
      owner: lock.owner,
      config,
      companyIds,
      clockOffsetMs: this.now() - Date.now(),
      startsPaused: options.startsPaused === true,
    };
    let worker: Worker;
    try {
      worker = new Worker(url, { workerData, name: 'rlm-sync' });
    } catch (error) {
      lock.release();
      throw error;
    }
    this.lock = lock;
    this.worker = worker;
    this.runCompanyIds = companyIds;
    this.state = options.startsPaused ? 'paused' : 'starting';
    if (options.startsPaused) {
      lock.setPaused(true);
      // Remembered again: a `rlm sync` that sent while this one waited for the lock cleared it.
      this.queries.setMeta(PAUSED_ALL_KEY, '1');
    } else if (companyIds === null) {
      // The last word holds at the next start: a runner started to send for every company (Start, `rlm sync`) ends a Pause
      // all remembered. Not one for some companies (`rlm sync --company A`): it ended the pause of every other (the diff's review).
      this.queries.setMeta(PAUSED_ALL_KEY, '');
    }
    // A new worker counts pauses and resumes from 0: the last one's count made each of its reports look old.
    this.controlSeq = 0;
    // A line per start and stop: support reads the log to know when sending ran and what it did.
    this.deps.log.info(`Sync started${workerData.companyIds ? ` for companies ${workerData.companyIds.join(', ')}` : ''} (${processLabel})`);
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    worker.on('error', (error) => {
      this.deps.log.error('Sync worker crashed', error);
      this.noteUnaskedStop('failed', `Sending stopped on an error: ${error.message}`);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      // terminate() after the worker reported 'stopped' exits with code 1 too: that is a clean stop, not a crash.
      if (code !== 0 && !this.stoppedCleanly.has(worker)) {
        this.deps.log.warn(`Sync worker exited with code ${code}`);
        // A stop that was asked for and timed out is terminated too: that one was wanted.
        if (!this.stopping) this.noteUnaskedStop('failed', `Sending stopped unexpectedly (its thread exited with code ${code}).`);
      }
      this.cleanup();
    });
    return { state: this.state };
  }

  /** Without a company: pauses the runner (in-flight requests finish). With one: a remembered per-company pause. */
  pause(companyId?: number): { state: ServiceState } {
    if (companyId === undefined) {
      // Sending runs in another program: this one has nothing to pause, and saying nothing left the office
      // believing the texts had stopped. (A company's own pause is stored, and every runner obeys it.)
      const heldBy = this.worker ? null : this.runnerStatus().runner.heldBy;
      if (heldBy) {
        throw new AppError(
          'locked',
          `Sending runs in ${heldBy.process} on this computer: pause or stop it there (\`rlm sync pause --company NAME\` pauses one company in every program).`,
        );
      }
      if (this.worker) {
        this.post({ type: 'pause', controlSeq: ++this.controlSeq });
        this.state = 'paused';
      }
      this.lock?.setPaused(true);
      this.queries.setMeta(PAUSED_ALL_KEY, '1');
    } else {
      this.queries.setCompanyPaused(companyId, true);
      this.post({ type: 'poke' });
    }
    this.deps.events.emit('data:changed', { domain: 'sync', companyId: companyId ?? null });
    return { state: this.state };
  }

  resume(companyId?: number): { state: ServiceState } {
    if (companyId === undefined) {
      if (this.worker) {
        this.post({ type: 'resume', controlSeq: ++this.controlSeq });
        if (this.state === 'paused') this.state = 'running';
      }
      this.lock?.setPaused(false);
      this.queries.setMeta(PAUSED_ALL_KEY, '');
    } else {
      this.queries.setCompanyPaused(companyId, false);
      this.post({ type: 'poke' });
    }
    this.deps.events.emit('data:changed', { domain: 'sync', companyId: companyId ?? null });
    return { state: this.state };
  }

  /** Graceful stop: the worker gives unstarted jobs back; it is terminated if it does not answer in time. */
  stop(timeoutMs = 15_000): Promise<void> {
    this.cancelStartWhenFree();
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    this.stopping ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate(), timeoutMs);
      worker.once('exit', () => {
        clearTimeout(timer);
        this.stopping = null;
        resolve();
      });
      this.post({ type: 'stop' });
    });
    return this.stopping;
  }

  /** Wakes the worker (a new key was saved, a batch was queued). */
  poke(): void {
    this.post({ type: 'poke' });
  }

  /**
   * A key saved or removed. The leads held because this company's GHL could not be asked about their customer
   * (held-elsewhere.ts) are asked again now, whether or not this process sends: `rlm company set-key` then `rlm sync`
   * went idle at once behind them and said "check its key" of the key just saved. By the sync thread when it runs here
   * (66,000 held leads took 0.7 s to let go: not on the app's main thread); else here (`rlm company set-key`, or the
   * app not sending), after the key was saved: a failure to let them go is said, not the save's.
   */
  keyChanged(companyId: number): void {
    this.post({ type: 'key-changed', companyId });
    if (this.worker) return;
    try {
      this.jobs.releaseAllHeldFor(companyId, this.now());
    } catch (error) {
      this.deps.log.warn(`The leads waiting for company ${companyId}'s GHL were not let go now (${error instanceof Error ? error.message : String(error)}); they are asked again within ten minutes`);
    }
  }

  onProgress(listener: (progress: RunnerProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Resolves 'idle' when nothing runnable is left, 'timeout' after timeoutMs, 'stopped' when the worker ends first. */
  waitForIdle(timeoutMs?: number): Promise<'idle' | 'timeout' | 'stopped'> {
    return new Promise((resolve) => {
      const done = (result: 'idle' | 'timeout' | 'stopped') => {
        clearTimeout(timer);
        this.idleListeners.delete(onIdle);
        this.worker?.off('exit', onExit);
        resolve(result);
      };
      const onIdle = () => done('idle');
      const onExit = () => done('stopped');
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => done('timeout'), timeoutMs);
      if (!this.worker) return done('stopped');
      this.idleListeners.add(onIdle);
      this.worker.once('exit', onExit);
    });
  }

  status(companyId?: number): SyncStatus {
    const { total, companies } = this.queries.counts(companyId);
    return { ...this.runnerStatus(), total, companies };
  }

  /**
   * The runner and connectivity parts of `status`, without its counts (a scan of every lead): for
   * callers that count from the aggregates themselves (the dashboard's overview).
   */
  runnerStatus(): Pick<SyncStatus, 'runner' | 'connectivity'> {
    const holder = readLockHolder(this.deps.db);
    const isOurs = holder !== null && holder.owner === this.lock?.owner;
    const otherHolder = holder && !isOurs && isHolderLive(holder, Date.now(), 30_000) ? holder : null;
    // This process's own sync thread's word while it runs (cleared when it ends); else what the program that sends
    // now, or sent last, stored.
    const connectivity = this.connectivity ?? readConnectivity(this.queries.meta(CONNECTIVITY_META_KEY)) ?? { state: 'unknown', lastSuccessAt: null };
    return {
      runner: {
        state: this.state,
        heldBy: otherHolder ? { pid: otherHolder.pid, process: otherHolder.process, isPaused: otherHolder.isPaused === true } : null,
        // Whose leads the running sync sends (this process's, else the holder's): `rlm sync --company A` sends no other.
        // The other holder's first: after a takeover this process's worker may live on for a while, and its scope is past.
        companyIds: otherHolder ? (otherHolder.companyIds ?? null) : this.worker ? this.runCompanyIds : null,
        stoppedBy: this.lastUnaskedStop?.message ?? null,
        storageTrouble: this.storageTrouble(),
      },
      // With no sync running nothing checks: the last one's word is old news either way (a killed `rlm sync` left
      // "online" for `rlm status` to repeat, and an outage it found read as current). Kept, as what it found then.
      connectivity: otherHolder || this.worker ? connectivity : { state: 'unknown', lastSuccessAt: connectivity.lastSuccessAt, lastState: connectivity.state },
    };
  }

  /**
   * GHL answered a call made outside the sync (a company's "Test connection", a key saved): "Last successful call to GHL"
   * said "never" beside "Connected to …" (a review). Stored where the last sync's word is kept, its state unchanged; a
   * sync of this process that runs keeps its own word (it calls GHL itself).
   */
  noteGhlAnswered(at: number): void {
    if (this.worker) return;
    const stored = readConnectivity(this.queries.meta(CONNECTIVITY_META_KEY)) ?? { state: 'unknown', lastSuccessAt: null };
    if (stored.lastSuccessAt !== null && stored.lastSuccessAt >= at) return;
    this.queries.setMeta(CONNECTIVITY_META_KEY, JSON.stringify({ ...stored, lastSuccessAt: at } satisfies ConnectivitySnapshot));
  }

  /** This process' sending cannot write to the database: since when, why and what to do (null while it can, or none runs). */
  private storageTrouble(): StorageTrouble | null {
    const trouble = this.worker ? this.lastProgress?.storageTrouble : null;
    if (!trouble) return null;
    return { ...trouble, message: sendingStorageMessage(trouble.cause, dirname(this.deps.dbFile)) };
  }

  /** In short chunks (see JobQueue.retryFailed): retry-all over many failures must not freeze the app. */
  async retryFailed(scope: RetryScope): Promise<{ requeued: number }> {
    const requeued = await this.jobs.retryFailed(scope);
    if (requeued > 0) this.afterQueueChange();
    return { requeued };
  }

  async cancelBatch(batchId: number): Promise<{ cancelled: number }> {
    const cancelled = await this.jobs.cancelBatch(batchId);
    if (cancelled > 0) this.afterQueueChange();
    return { cancelled };
  }

  attempts(leadId: number, limit?: number): SyncAttempt[] {
    return this.queries.attempts(leadId, limit);
  }

  private afterQueueChange(): void {
    this.poke();
    this.deps.events.emit('data:changed', { domain: 'sync', companyId: null });
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private onMessage(message: FromWorker): void {
    switch (message.type) {
      case 'progress':
        return this.onWorkerProgress(this.current(message.progress, message.controlSeq));
      case 'idle': {
        const progress = this.current(message.progress, message.controlSeq);
        this.onWorkerProgress(progress);
        for (const listener of [...this.idleListeners]) listener(progress);
        return;
      }
      case 'connectivity':
        this.connectivity = message.snapshot;
        this.deps.events.emit('connectivity', message.snapshot);
        return;
      case 'token-request':
        void this.answerToken(message.requestId, message.companyId);
        return;
      case 'warning':
        this.deps.log.warn(`Sync: ${message.message}`);
        return;
      case 'fatal':
        this.deps.log.error(`Sync worker failed: ${message.message}`);
        this.noteUnaskedStop('failed', `Sending stopped on an error: ${message.message}`);
        void this.worker?.terminate();
        return;
      case 'stopped':
        if (this.worker) this.stoppedCleanly.add(this.worker);
        void this.worker?.terminate();
        return;
    }
  }

  /** The first reason counts: a fatal error's terminate() then exits with a code too. */
  private noteUnaskedStop(kind: UnaskedStop['kind'], message: string): void {
    this.unaskedStop ??= { kind, message };
  }

  /** Why the last runner ended without being asked to; null while it runs, or when it was stopped on purpose. */
  get lastUnaskedStop(): UnaskedStop | null {
    return this.worker ? null : this.unaskedStop;
  }

  /**
   * A report the worker sent before it took the latest pause or resume: its counts are news, its state is not (it
   * said "paused" for a moment after Resume). The state this side set when it sent the pause or resume stands until
   * the worker reports after taking it.
   */
  private current(progress: RunnerProgress, controlSeq: number): RunnerProgress {
    if (controlSeq >= this.controlSeq || this.state === 'stopped' || this.state === 'starting') return progress;
    return { ...progress, state: this.state };
  }

  private onWorkerProgress(progress: RunnerProgress): void {
    const previous = this.lastProgress;
    this.lastProgress = progress;
    // Leads changed status (synced, failed, DND): pages that show lead counts refetch. Progress
    // arrives at most every progressMs, so this is throttled by construction.
    if (!previous || previous.synced !== progress.synced || previous.failed !== progress.failed || previous.dnd !== progress.dnd || previous.pending !== progress.pending) {
      this.deps.events.emit('data:changed', { domain: 'sync', companyId: null });
    }
    // A company the worker paused or let go by itself (its workflow gone from GHL, a refused key, GHL's
    // daily limit): no count above moves (its claimed leads go back to waiting) and the runner may stay
    // "idle", so without this the pages showed "Sending" and no word of the pause until a reload.
    for (const companyId of companiesWhoseHoldChanged(previous, progress)) this.deps.events.emit('data:changed', { domain: 'companies', companyId });
    // Sending starting or ceasing to fail its writes (a full disk) moves no count either: the card says it.
    if ((previous?.storageTrouble?.cause ?? null) !== (progress.storageTrouble?.cause ?? null)) this.deps.events.emit('data:changed', { domain: 'sync', companyId: null });
    if (progress.state !== 'stopped') this.state = progress.state;
    this.deps.events.emit('sync:progress', toProgressEvent(progress));
    for (const listener of this.progressListeners) listener(progress);
  }

  private async answerToken(requestId: number, companyId: number): Promise<void> {
    let token: string | null = null;
    try {
      token = await this.deps.apiKey(companyId);
    } catch (error) {
      // A locked keychain: the company pauses as "needs a key" and resumes once a key is saved again.
      this.deps.log.warn(`Sync: cannot read the key of company #${companyId}`, error instanceof AppError ? error.message : error);
    }
    this.post({ type: 'token', requestId, token });
  }

  private cleanup(): void {
    this.worker = null;
    this.runCompanyIds = null;
    this.state = 'stopped';
    // Its last word is stored (the runner saves it as it stops); kept here, it said "offline" while another program
    // (`rlm sync`) sent later, and an old "online" would hide an outage as well.
    this.connectivity = null;
    const last = this.lastProgress;
    this.deps.log.info(last ? `Sync stopped: ${last.synced} synced, ${last.failed} failed, ${last.pending} pending` : 'Sync stopped');
    try {
      this.lock?.release();
    } catch (error) {
      this.deps.log.warn('Sync: could not release the runner lock', error);
    }
    this.lock = null;
    if (this.lastProgress) this.deps.events.emit('sync:progress', toProgressEvent({ ...this.lastProgress, state: 'stopped' }));
    // With nothing sending, "Offline" no longer holds (runnerStatus says 'unknown'): the banner must not keep it.
    try {
      this.deps.events.emit('connectivity', this.runnerStatus().connectivity);
    } catch {
      // The database is closing with the app: no page is left to tell.
    }
  }
}

/** Only the fields the event declares: the progress object carries more (dnd) for the CLI. */
function toProgressEvent(progress: RunnerProgress): EventPayload<'sync:progress'> {
  return {
    state: progress.state,
    synced: progress.synced,
    failed: progress.failed,
    pending: progress.pending,
    leadsPerMinute: progress.leadsPerMinute,
    companies: progress.companies.map(({ companyId, state, pending, requestsUsedToday }) => ({ companyId, state, pending, requestsUsedToday })),
    storageTrouble: progress.storageTrouble?.cause ?? null,
  };
}
