/**
 * The sync loop of one process (it runs inside the worker thread): one lane per company, lease
 * renewal, orphan recovery, offline probing, progress and "idle" detection. It assumes it holds the
 * runner lock (taken by the main thread before the worker starts).
 */
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fullJitterMs } from '../lib/backoff';
import { CompanyLane, type DndAnswer, type LaneState } from './company-lane';
import { Connectivity, type ConnectivitySnapshot } from './connectivity';
import { classifyError } from './ghl-transport';
import { Throughput } from './throughput';
import type { SyncConfig } from './config';
import type { JobQueue } from '../core/jobs/job-queue';
import type { SyncStore } from './sync-store';
import type { ContactMatch, TransportCallOptions, TransportFactory } from './transport';
import type { CreateLedger } from './create-once';
import { storageCause } from '../core/storage-errors';
import type { StorageTroubleCause } from '../../shared/ipc/sync';

export type RunnerState = 'idle' | 'running' | 'paused' | 'offline' | 'stopped';

export interface RunnerProgress {
  state: RunnerState;
  synced: number;
  failed: number;
  dnd: number;
  pending: number;
  leadsPerMinute: number;
  companies: Array<{ companyId: number; state: LaneState; pending: number; requestsUsedToday: number | null }>;
  /** Writes to the database fail (a full disk, a lock held past busy_timeout…): nothing can go meanwhile. */
  storageTrouble: { cause: StorageTroubleCause; since: number } | null;
}

export interface RunnerHost {
  getToken(companyId: number): Promise<string | null>;
  onProgress(progress: RunnerProgress): void;
  onConnectivity(snapshot: ConnectivitySnapshot): void;
  /** Nothing runnable is left for the selected companies (queued, retrying or running). */
  onIdle(progress: RunnerProgress): void;
  /** Something unexpected (a locked database for longer than busy_timeout…); the loop goes on. */
  onWarning(message: string): void;
}

export interface RunnerOptions {
  jobs: JobQueue;
  store: SyncStore;
  /** Enrolment intents and results (create once in GHL). */
  ledger: CreateLedger;
  config: SyncConfig;
  owner: string;
  createTransport: TransportFactory;
  host: RunnerHost;
  /** Only these companies; all when null. */
  companyIds: readonly number[] | null;
  /** The clock every decision by date and hour follows (the sending windows, the daily cap); the system's by default. */
  now?: () => number;
}

const noop = (): void => {};
/** How often an asker waiting its turn to ask another company's GHL looks whether it was stopped meanwhile. */
const ASK_TURN_POLL_MS = 100;

/**
 * The longest a runner with only scheduled leads sleeps without looking again: a clock moved by the
 * user (or a DST change the pacing rules already handle) is noticed within this.
 */
export const SCHEDULED_SLEEP_CAP_MS = 60_000;

export const CONNECTIVITY_META_KEY = 'sync.connectivity';

/**
 * How long a storage failure is still news without another one: a lock held past busy_timeout fails a write only
 * after 10 s, and a pass may make several such writes before the next failure is noted (seen 20–40 s apart); a full
 * disk fails every poll. Once nothing has failed for this long, or a lead's outcome was written, the trouble is over.
 */
export const STORAGE_TROUBLE_HOLD_MS = 60_000;

export class SyncRunner {
  private readonly lanes = new Map<number, CompanyLane>();
  /** Lanes of companies outside this run, only to ask their GHL about a shared customer (laneToAsk). */
  private readonly askOnlyLanes = new Map<number, CompanyLane>();
  /** The ask about a shared customer in flight at each company (askElsewhere), which the next one waits for. */
  private readonly askingElsewhere = new Map<number, Promise<void>>();
  private readonly connectivity: Connectivity;
  private readonly throughput = new Throughput();
  private readonly counts = { synced: 0, failed: 0, dnd: 0 };
  private isPaused = false;
  private isStopping = false;
  /** Aborted by stop(): ends the waits of calls not sent yet (CompanyLaneDeps.stopped). */
  private readonly stopped = (() => {
    const controller = new AbortController();
    // Every wait of every lane listens to it (the rate limiter's, three workers a company): more than Node's 10 is
    // no leak, and its warning went to `rlm sync`'s output.
    setMaxListeners(0, controller.signal);
    return controller;
  })();
  private wasIdle = false;
  private storageTrouble: { cause: StorageTroubleCause; since: number; lastAt: number } | null = null;
  private wake: (() => void) | null = null;
  private loopDone: Promise<void> | null = null;
  /** Something may have changed since the last pass (a poke: a resume, a new key, new leads, the network back). */
  private wasPoked = false;
  private readonly now: () => number;

  constructor(private readonly options: RunnerOptions) {
    this.now = options.now ?? Date.now;
    const saved = readConnectivity(options.store.getMeta(CONNECTIVITY_META_KEY));
    this.connectivity = new Connectivity(
      options.config.offlineAfterFailures,
      (snapshot) => {
        this.saveConnectivity();
        options.host.onConnectivity(snapshot);
        if (!snapshot.state.startsWith('off')) this.poke();
        // As for a pause: nothing more starts while offline, so the claims no request has started for go back to the
        // queue now. They read "Sending — being sent right now" beside "Offline" until the requests still retrying ended.
        else for (const lane of this.lanes.values()) lane.giveBackUnstarted();
      },
      saved?.lastSuccessAt ?? null,
    );
  }

  start(): void {
    const { jobs, owner } = this.options;
    jobs.requeueOrphans(owner, this.now());
    this.loopDone = this.loop();
  }

  pause(): void {
    this.isPaused = true;
    for (const lane of this.lanes.values()) lane.giveBackUnstarted();
    this.report();
  }

  resume(): void {
    this.isPaused = false;
    this.poke();
  }

  /**
   * Stops claiming, lets in-flight requests end, gives unstarted jobs back. A call still waiting for its turn (GHL's
   * Retry-After, the rate limiter) is dropped unsent: a 429 asking to wait two minutes kept `rlm sync --timeout 5`
   * running 20 s, until the thread was terminated.
   */
  async stop(): Promise<void> {
    this.isStopping = true;
    this.stopped.abort();
    this.poke();
    await this.loopDone;
    await Promise.all([...this.lanes.values()].map((lane) => waitUntil(() => !lane.isBusy)));
    this.saveConnectivity();
  }

  /** Wakes the loop now (a resume, a new key, the network came back). */
  poke(): void {
    this.wasPoked = true;
    this.wake?.();
  }

  /** A saved or removed key: drop the cached transport (it holds the old key) and look again now. */
  keyChanged(companyId: number): void {
    // The leads held because this company's GHL could not be asked about their customer: asked again now.
    try {
      this.options.jobs.releaseAllHeldFor(companyId, this.now());
    } catch (error) {
      this.noteFailure(error);
    }
    this.lanes.get(companyId)?.dropTransport();
    this.askOnlyLanes.get(companyId)?.dropTransport();
    this.poke();
  }

  progress(): RunnerProgress {
    // A read that fails (a damaged database) must not keep the report, and its trouble, from going out.
    let pendingBy = new Map<number, number>();
    try {
      pendingBy = this.options.jobs.pendingByCompany();
    } catch (error) {
      this.noteFailure(error);
    }
    const companies = [...this.lanes.values()].map((lane) => ({
      companyId: lane.company.id,
      state: lane.state(),
      pending: pendingBy.get(lane.company.id) ?? 0,
      requestsUsedToday: lane.requestsUsedToday(),
    }));
    const trouble = this.storageTrouble;
    const isTroubleCurrent = trouble !== null && this.now() - trouble.lastAt <= STORAGE_TROUBLE_HOLD_MS;
    return {
      state: this.state(companies.map((c) => c.state)),
      ...this.counts,
      pending: companies.reduce((sum, c) => sum + c.pending, 0),
      leadsPerMinute: this.throughput.perMinute(),
      companies,
      storageTrouble: isTroubleCurrent ? { cause: trouble.cause, since: trouble.since } : null,
    };
  }

  /**
   * A failure of the database's storage (storage-errors.ts) in the loop or a lane's round: every round fails the
   * same way until it is fixed, and the loop only logged it: the dashboard said "Sending" and `rlm sync --until-idle`
   * waited for ever over a full disk (a review). Said from now on, until a lead's outcome is written, a pass takes the
   * write lock again (db-busy) or STORAGE_TROUBLE_HOLD_MS pass without a failure.
   * Whether the error is news to log: any other error, or a storage failure starting.
   */
  private noteFailure(error: unknown): boolean {
    const cause = storageCause(error);
    if (!cause) return true;
    const now = this.now();
    // Another cause of the same trouble (a failing disk answers with several codes) keeps its start: `rlm sync` gives up from it.
    const isNews = this.storageTrouble === null || now - this.storageTrouble.lastAt > STORAGE_TROUBLE_HOLD_MS;
    this.storageTrouble = isNews ? { cause, since: now, lastAt: now } : { cause, since: this.storageTrouble!.since, lastAt: now };
    return isNews;
  }

  private state(laneStates: LaneState[]): RunnerState {
    if (this.isStopping) return 'stopped';
    if (this.isPaused) return 'paused';
    if (this.connectivity.isOffline) return 'offline';
    return laneStates.includes('running') ? 'running' : 'idle';
  }

  private async loop(): Promise<void> {
    const { config, jobs } = this.options;
    let lastProgress = 0;
    let lastRenew = this.now();
    let probeAttempt = 0;
    let nextProbeAt = 0;
    // Set while nothing can go now and only scheduled leads wait: the loop then sleeps until the next
    // send time, a poke, a commit by another connection (an import, an edit, a pause, another
    // process) or SCHEDULED_SLEEP_CAP_MS, instead of claiming every pollMs.
    let quietUntil: number | null = null;
    let quietDataVersion = 0;
    while (!this.isStopping) {
      try {
        const now = this.now();
        if (quietUntil !== null && !this.wasPoked && now < quietUntil && this.options.store.dataVersion() === quietDataVersion) {
          await this.nap(config.pollMs);
          continue;
        }
        quietUntil = null;
        this.wasPoked = false;
        // Read before anything else of this pass: a commit after it wakes the next quiet sleep.
        const dataVersion = this.options.store.dataVersion();
        this.refreshCompanies(now);
        if (now - lastRenew >= config.leaseRenewMs) {
          jobs.renewLeases(this.options.owner, now, config.leaseMs);
          jobs.requeueExpired(now);
          lastRenew = now;
        }
        let isQuiet = false;
        if (now - lastProgress >= config.progressMs) {
          lastProgress = now;
          this.report();
          // Idle (nothing can go now) with every lane's last round over: sleep to the next send time.
          isQuiet = this.wasIdle && !this.isPaused && !this.connectivity.isOffline && ![...this.lanes.values()].some((lane) => lane.isBusy);
          if (isQuiet) {
            // Nothing to send, but a lane may be due to ask GHL about its shared customers' DND (company-lane.ts):
            // that alone, without a round's claims. The quiet sleep is at most SCHEDULED_SLEEP_CAP_MS, so it goes on time.
            for (const lane of this.lanes.values()) if ((lane.isEligible || lane.sendsOnlyOptOuts) && lane.isDndWatchDue()) void lane.watchRound();
            // Awake for the next look too: one GHL did not answer is tried again then (a STOP learnt late is texted meanwhile).
            // (Only looks still ahead: one due now was started above, or cannot run, as without a key.)
            const nextLooks = [...this.lanes.values()].filter((lane) => lane.isEligible || lane.sendsOnlyOptOuts).map((lane) => lane.nextDndWatchAt).filter((at) => at > now);
            quietUntil = Math.min(now + SCHEDULED_SLEEP_CAP_MS, this.nextSendAt(now) ?? Infinity, ...nextLooks);
            quietDataVersion = dataVersion;
          }
        }
        if (this.connectivity.isOffline) {
          if (now >= nextProbeAt) {
            probeAttempt += 1;
            await this.probe();
            nextProbeAt = this.now() + fullJitterMs(probeAttempt, config.probeBaseMs, config.probeCapMs) + config.probeBaseMs / 2;
          }
        } else {
          probeAttempt = 0;
          nextProbeAt = 0;
          // round() never throws and always frees its lane (a database error ends the round, not the lane).
          // A company the office paused, or every company while it paused all sending, sends only its opt-outs' DND
          // (CompanyLane.optOutRound).
          if (!isQuiet) {
            for (const lane of this.lanes.values()) {
              if (lane.isBusy) continue;
              if (!this.isPaused && lane.isEligible) void lane.round();
              else if (lane.sendsOnlyOptOuts) void lane.optOutRound();
            }
          }
        }
        // This pass took the write lock (refreshCompanies' UPDATE): a lock another program held is gone. A full disk
        // lets an UPDATE that changes nothing through, so its trouble waits for a lead's outcome to be written.
        if (this.storageTrouble?.cause === 'db-busy') this.storageTrouble = null;
      } catch (error) {
        // Said once when it starts, not at every pass: a full disk failed each poll, a log line a second.
        if (this.noteFailure(error)) this.warn(error);
        // A pass that failed early (its first write refused) reports all the same: the trouble is the news, and the
        // report came after that write.
        if (this.storageTrouble && this.now() - lastProgress >= config.progressMs) {
          lastProgress = this.now();
          try {
            this.report();
          } catch {
            // Its own write (the connectivity it keeps) failed too, after the progress went: the next pass tries again.
          }
        }
      }
      await this.nap(this.connectivity.isOffline ? Math.min(config.pollMs, Math.max(10, nextProbeAt - this.now())) : config.pollMs);
    }
    this.report();
  }

  /**
   * The first time something may go by itself: a scheduled lead of a runnable company (its window, day
   * or the cap's next day), a lead held for another company's GHL tried again, or the end of a company's GHL
   * daily-limit pause.
   */
  private nextSendAt(now: number): number | null {
    let next: number | null = null;
    const consider = (at: number | null) => {
      if (at !== null && (next === null || at < next)) next = at;
    };
    for (const lane of this.runnableLanes()) {
      if (lane.isEnrolHeld) continue;
      consider(this.options.jobs.gate.nextOpening(lane.company.id, now));
      consider(this.options.jobs.gate.nextHeldRetry(lane.company.id, now));
    }
    for (const lane of this.lanes.values()) if (lane.company.pausedReason === 'daily-limit') consider(lane.company.pausedUntil);
    return next;
  }

  private warn(error: unknown): void {
    this.options.host.onWarning(error instanceof Error ? error.message : String(error));
  }

  private report(): void {
    const progress = this.progress();
    this.options.host.onProgress(progress);
    // The state changes are announced at once (above); a newer "last successful sync" time with
    // each progress report, or the dashboard would keep showing the first one.
    if (this.saveConnectivity()) this.options.host.onConnectivity(this.connectivity.snapshot());
    const isIdle = this.isIdleNow();
    if (isIdle && !this.wasIdle) this.options.host.onIdle(progress);
    this.wasIdle = isIdle;
  }

  /**
   * Idle: nothing can go now. Claimed jobs stay 'running' in the table until they finish, and a re-send
   * waiting for its retry counts as work; a lead waiting for its window, day or the cap (scheduled) does
   * not. A company without a key counts as stuck, not busy: `rlm sync --until-idle` must not wait for it.
   */
  private isIdleNow(): boolean {
    const now = this.now();
    return ![...this.lanes.values()].some((lane) => {
      // Paused for GHL's reasons: nothing; by the office: its opt-outs (ClaimScope).
      const scope = lane.claimScope;
      return scope !== null && !lane.isWaitingForKey && this.options.jobs.gate.hasWorkNow(lane.company.id, now, { scope });
    });
  }

  private runnableLanes(): CompanyLane[] {
    return [...this.lanes.values()].filter((lane) => lane.isEligible && !lane.isWaitingForKey);
  }

  private refreshCompanies(now: number): void {
    const { store, companyIds } = this.options;
    store.clearExpiredDailyPauses(now);
    const seen = new Set<number>();
    const companies = store.companies();
    for (const company of companies) {
      if (companyIds && !companyIds.includes(company.id)) continue;
      seen.add(company.id);
      const lane = this.lanes.get(company.id);
      if (!lane) {
        this.lanes.set(company.id, this.newLane(company));
        continue;
      }
      follow(lane, company);
      // Paused (by the office, or GHL's limit) since the last look: what it claimed and did not start goes back.
      if (company.pausedReason !== null) lane.giveBackUnstarted();
    }
    for (const id of [...this.lanes.keys()]) if (!seen.has(id) && !this.lanes.get(id)?.isBusy) this.lanes.delete(id);
    // The lanes that only ask (laneToAsk) follow their company too (a cleared auth pause, a new address or location), or go with it.
    const byId = new Map(companies.map((company) => [company.id, company]));
    for (const [id, lane] of this.askOnlyLanes) {
      const company = byId.get(id);
      if (company === undefined || this.lanes.has(id)) this.askOnlyLanes.delete(id);
      else follow(lane, company);
    }
  }

  /**
   * Another company's GHL asked whether a shared customer is on DND there (CompanyLane.isClearElsewhere); null: not
   * asked. While a lead is held for that company (held-elsewhere.ts: it could not be asked lately), it is not asked
   * again: one call per askElsewhereAgainMs, not one per lead, in this process or any other. Answered, its held leads
   * go at once. One ask at a time per company: three leads claimed together asked a GHL that does not answer three
   * times over; an asker stopped (paused) while it waits its turn stops waiting.
   */
  private async askElsewhere(companyId: number, leadId: number, contactId: string, call: TransportCallOptions, lookup: ContactMatch): Promise<DndAnswer> {
    for (let pending = this.askingElsewhere.get(companyId); pending !== undefined; pending = this.askingElsewhere.get(companyId)) {
      await Promise.race([pending, sleep(ASK_TURN_POLL_MS)]);
      if (call.shouldContinue?.() === false) return 'unasked';
    }
    const jobs = this.options.jobs;
    // Not asked again while its leads are held for it: answered as that hold was.
    const remembered = jobs.heldElsewhereBecause(companyId, this.now());
    if (remembered !== null) return remembered;
    const asking = (async () => (await this.laneToAsk(companyId)?.askContactDnd(leadId, contactId, call, lookup)) ?? 'unasked')();
    // The next asker waits for this one to end, whatever it ends with (a database error is this asker's to handle).
    this.askingElsewhere.set(companyId, asking.then(noop, noop));
    try {
      const answer = await asking;
      // Answered about this contact, or about another while it failed on this one: the company can be asked, and the
      // leads held because it could not be go now (not those held for a contact it refuses or fails on: held-elsewhere.ts).
      if (typeof answer === 'boolean' || answer === 'failed' || answer === 'refused') jobs.releaseHeldFor(companyId, this.now());
      return answer;
    } finally {
      this.askingElsewhere.delete(companyId);
    }
  }

  /**
   * The lane that asks a company's GHL about a shared customer's DND (CompanyLane.isClearElsewhere). A company this
   * run does not send for (`rlm sync --company`) gets one of its own, which never runs a round.
   */
  private laneToAsk(companyId: number): CompanyLane | null {
    const lane = this.lanes.get(companyId) ?? this.askOnlyLanes.get(companyId);
    if (lane) return lane;
    const company = this.options.store.companies().find((candidate) => candidate.id === companyId);
    if (!company) return null;
    const created = this.newLane(company);
    this.askOnlyLanes.set(companyId, created);
    return created;
  }

  private newLane(company: ReturnType<SyncStore['companies']>[number]): CompanyLane {
    return new CompanyLane(company, {
      jobs: this.options.jobs,
      store: this.options.store,
      ledger: this.options.ledger,
      warn: (message) => this.options.host.onWarning(message),
      onRoundError: (error) => this.noteFailure(error),
      config: this.options.config,
      owner: this.options.owner,
      connectivity: this.connectivity,
      createTransport: this.options.createTransport,
      stopped: this.stopped.signal,
      getToken: (id) => this.options.host.getToken(id),
      isRunnerPaused: () => this.isPaused,
      isRunnerStopping: () => this.isStopping || this.connectivity.isOffline,
      askContactDndElsewhere: (companyId, leadId, contactId, call, lookup) => this.askElsewhere(companyId, leadId, contactId, call, lookup),
      now: this.now,
      onFinished: (outcome, count) => {
        // A lead's outcome was written: the database takes writes again.
        this.storageTrouble = null;
        // A lead waiting for a person's check counts with the failed ones (the dashboard lists it by its reason).
        this.counts[outcome === 'unconfirmed' ? 'failed' : outcome] += count;
        if (outcome !== 'failed') this.throughput.add(count);
        if (outcome === 'synced') this.options.store.touchLastSync(company.id, this.now());
      },
    });
  }

  /**
   * One cheap authenticated call through a lane that has a key; any HTTP answer means we are back. Through the lane whose
   * calls failed for the network last: another company's address may answer when GHL does not (the demo's sandbox
   * company, served on this computer), and found answering it took the connection for back, so the failing company's
   * next failures counted as its calls' own and its leads failed after their attempts in what was an outage.
   */
  private async probe(): Promise<void> {
    let probing: CompanyLane | null = null;
    for (const lane of this.lanes.values()) {
      if (lane.probeTransport() !== null && (probing === null || lane.networkFailedAt > probing.networkFailedAt)) probing = lane;
    }
    const transport = probing?.probeTransport() ?? null;
    if (!transport) return this.connectivity.reachable();
    try {
      await transport.probe();
      this.connectivity.succeeded();
    } catch (error) {
      // A probe dropped before it left (the sync stopped while it waited for its turn) proves nothing either way.
      const failure = classifyError(error);
      if (failure.kind !== 'offline' && !failure.isSuperseded) this.connectivity.reachable();
    }
  }

  private async nap(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = null;
  }

  private lastSavedConnectivity = '';

  /** Persisted so `rlm status` and the app can show it while another process runs sync. Written only on change; says whether it changed. */
  private saveConnectivity(): boolean {
    const value = JSON.stringify(this.connectivity.snapshot());
    if (value === this.lastSavedConnectivity) return false;
    this.options.store.setMeta(CONNECTIVITY_META_KEY, value);
    this.lastSavedConnectivity = value;
    return true;
  }
}

export function readConnectivity(raw: string | null): ConnectivitySnapshot | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<ConnectivitySnapshot>;
    const state = parsed.state === 'online' || parsed.state === 'offline' ? parsed.state : 'unknown';
    return { state, lastSuccessAt: typeof parsed.lastSuccessAt === 'number' ? parsed.lastSuccessAt : null };
  } catch {
    return null;
  }
}

async function waitUntil(check: () => boolean, stepMs = 20): Promise<void> {
  while (!check()) await sleep(stepMs);
}

/** A lane takes its company's new row; a new key, address or location is fetched again at its next call. */
function follow(lane: CompanyLane, company: ReturnType<SyncStore['companies']>[number]): void {
  // An auth pause cleared by a new key: fetch the key again on the next round.
  if (lane.company.pausedReason === 'auth' && company.pausedReason !== 'auth') lane.dropTransport();
  if (lane.company.baseUrl !== company.baseUrl || lane.company.locationId !== company.locationId) lane.dropTransport();
  if (company.pausedReason !== 'user') lane.liftOptOutHold();
  lane.company = company;
}
