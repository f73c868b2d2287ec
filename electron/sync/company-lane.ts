/**
 * One company (one GHL location): claims its due jobs and syncs them with a bounded number of
 * requests in flight. The location's rate limiter paces the requests; lanes of different companies
 * run side by side, each on its own budget.
 *
 * Per lead: upsert (stores the contact id in the same commit as the job's progress) → DND ends the
 * job → tag mode: the contact joins a bulk tag batch (≈1 request per lead in total); workflow mode:
 * one enrol call. Restart safety: a job whose last error was in the enrol step skips the upsert;
 * any other job (including one that crashed between upsert and tag) redoes the idempotent upsert.
 */
import { nextUtcMidnight } from '../ghl/errors';
import { fullJitterMs } from '../lib/backoff';
import { classifyError } from './ghl-transport';
import { enrolTagFor, upsertBodyFor } from './lead-payload';
import type { SyncConfig } from './config';
import type { Connectivity } from './connectivity';
import type { ClaimedJob, JobQueue } from '../core/jobs/job-queue';
import type { CompanyForSync, SyncStore } from './sync-store';
import type { SyncTransport, TransportFactory } from './transport';

export type LaneState = 'idle' | 'running' | 'paused' | 'offline' | 'auth' | 'daily-limit';
type Step = 'upsert' | 'enrol';
type HaltReason = 'auth' | 'daily-limit';

export interface LaneDeps {
  /** The job transitions (claim, complete, fail, release…). */
  jobs: JobQueue;
  /** Companies and their pauses. */
  store: SyncStore;
  config: SyncConfig;
  owner: string;
  connectivity: Connectivity;
  createTransport: TransportFactory;
  getToken: (companyId: number) => Promise<string | null>;
  /** True while the whole runner must not start new work (paused, offline, stopping). */
  isRunnerHalted: () => boolean;
  onFinished: (outcome: 'synced' | 'failed' | 'dnd', count: number) => void;
  now?: () => number;
  random?: () => number;
}

interface PendingTag {
  job: ClaimedJob;
  contactId: string;
  tag: string;
  /** The id was stored by an earlier attempt (no upsert this time): GHL may have deleted or merged that contact since. */
  isStoredContact: boolean;
}

/**
 * GHL refused to enrol a contact id stored by an earlier attempt (the contact was deleted or merged
 * since). The job goes again from the upsert, which finds the contact by phone or email (or creates
 * it again: the lead is still queued in the app) and returns the id GHL has for it now. Same
 * attempt, once: with a fresh id a refusal takes the normal path. Any code not starting with
 * 'enrol:' makes process() upsert.
 */
const STALE_CONTACT_CODE = 'upsert:stale-contact';
const redoFromUpsert = (job: ClaimedJob): ClaimedJob => ({ ...job, lastErrorCode: STALE_CONTACT_CODE });

export class CompanyLane {
  private transport: SyncTransport | null = null;
  private queue: ClaimedJob[] = [];
  private tagBuffer: PendingTag[] = [];
  private tagBufferSince = 0;
  private halt: HaltReason | null = null;
  private busy = false;
  private lastWorkAt = 0;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(
    public company: CompanyForSync,
    private readonly deps: LaneDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
  }

  get isBusy(): boolean {
    return this.busy;
  }

  private hasNoKey = false;

  /** No API key in the keychain: the lane looks again each round; meanwhile its jobs cannot go out. */
  get isWaitingForKey(): boolean {
    return this.hasNoKey;
  }

  get isEligible(): boolean {
    return this.company.pausedReason === null;
  }

  state(): LaneState {
    if (this.company.pausedReason === 'user') return 'paused';
    if (this.company.pausedReason === 'auth' || this.hasNoKey) return 'auth';
    if (this.company.pausedReason === 'daily-limit') return 'daily-limit';
    if (this.deps.connectivity.isOffline) return 'offline';
    return this.now() - this.lastWorkAt < 2_000 ? 'running' : 'idle';
  }

  requestsUsedToday(): number | null {
    return this.transport?.requestsUsedToday() ?? null;
  }

  /** Probe for the connectivity monitor; null when this lane never had a key. */
  probeTransport(): SyncTransport | null {
    return this.transport;
  }

  /** Runs until nothing is due (or the lane/runner must stop). Never throws. */
  async round(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.halt = null;
    try {
      if (!(await this.ensureTransport())) return;
      const workers = Array.from({ length: Math.max(1, this.deps.config.concurrencyPerCompany) }, () => this.work());
      // allSettled: one worker's failure must not end the round while the others are still sending.
      const outcomes = await Promise.allSettled(workers);
      for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
      if (this.shouldStop()) this.releaseBuffered();
      else await this.flushTags();
    } finally {
      this.releaseQueued();
      this.busy = false;
    }
  }

  private async ensureTransport(): Promise<boolean> {
    if (this.transport) return true;
    const token = await this.deps.getToken(this.company.id);
    // No key yet (a company just created, or a key removed): nothing is persisted, the lane just
    // waits and looks again next round. Persisting an 'auth' pause here could race with the user
    // saving the key in between and leave the company paused with a good key.
    this.hasNoKey = !token;
    if (!token) return false;
    this.transport = this.deps.createTransport(
      { id: this.company.id, locationId: this.company.locationId, baseUrl: this.company.baseUrl },
      token,
    );
    return true;
  }

  /** A new key (or a key change) must be fetched again: forget the cached transport. */
  dropTransport(): void {
    this.transport = null;
  }

  private shouldStop(): boolean {
    return this.halt !== null || this.company.pausedReason !== null || this.deps.isRunnerHalted();
  }

  private async work(): Promise<void> {
    // Without a transport (the key was removed or changed mid-round) the round ends: claiming and
    // releasing in a loop would never yield to the thread's messages, the new key among them.
    while (!this.shouldStop() && this.transport) {
      const job = this.queue.shift() ?? this.claimMore();
      if (!job) return;
      this.lastWorkAt = this.now();
      await this.process(job);
      const isBufferFull = this.tagBuffer.length >= this.deps.config.bulkTagBatch;
      const isBufferOld = this.tagBuffer.length > 0 && this.now() - this.tagBufferSince >= this.deps.config.bulkTagMaxWaitMs;
      if ((isBufferFull || isBufferOld) && !this.shouldStop()) await this.flushTags();
    }
  }

  private claimMore(): ClaimedJob | undefined {
    const { claimBatch, leaseMs } = this.deps.config;
    const claimed = this.deps.jobs.claim(this.company.id, this.deps.owner, claimBatch, this.now(), leaseMs);
    this.queue.push(...claimed);
    return this.queue.shift();
  }

  private async process(job: ClaimedJob): Promise<void> {
    const transport = this.transport;
    if (!transport) return this.deps.jobs.release([job], this.now(), this.now());
    // Claims wait in memory (up to a claim batch): the lead may have been edited, marked
    // do-not-contact or deleted since. Its job was then reset or cancelled, and this copy must not
    // be sent. Checked again before each request that follows an await.
    if (!this.deps.jobs.owns(job)) return;
    if (job.lead.doNotContact) {
      this.deps.jobs.cancel(job, 'do-not-contact', 'The lead is marked do-not-contact', this.now());
      return;
    }
    const target = { jobId: job.jobId, leadId: job.leadId };
    let contactId = job.lead.ghlContactId;
    const isStoredContact = contactId !== null && (job.lastErrorCode?.startsWith('enrol:') ?? false);
    if (!isStoredContact || contactId === null) {
      try {
        const result = await transport.upsertContact(upsertBodyFor(this.company.locationId, job.lead), target);
        this.deps.connectivity.succeeded();
        this.deps.jobs.recordUpsert(job, result.contactId, result.isNew, result.isDnd, this.now());
        if (result.isDnd) {
          this.deps.onFinished('dnd', 1);
          return;
        }
        contactId = result.contactId;
      } catch (error) {
        return this.handleFailure([job], 'upsert', error);
      }
    }

    // An edited lead that is already in the campaign: the contact is updated, never enrolled again
    // (a second workflow enrolment could text the customer twice).
    if (job.lead.wasEnrolled) {
      if (this.deps.jobs.owns(job)) this.complete([job]);
      return;
    }

    if (this.company.enrolMode === 'workflow') {
      const workflowId = this.company.workflowId;
      if (!workflowId) return this.failNow(job, 'enrol:permanent', 'No workflow is chosen for this company (Settings → Enrolment).');
      if (!this.deps.jobs.owns(job)) return;
      try {
        await transport.addToWorkflow(contactId, workflowId, target);
        this.deps.connectivity.succeeded();
        this.complete([job]);
      } catch (error) {
        if (isStoredContact && classifyError(error).kind === 'permanent') {
          this.deps.connectivity.reachable();
          return this.process(redoFromUpsert(job));
        }
        this.handleFailure([job], 'enrol', error);
      }
      return;
    }
    if (!this.deps.jobs.owns(job)) return;
    if (this.tagBuffer.length === 0) this.tagBufferSince = this.now();
    this.tagBuffer.push({ job, contactId, tag: enrolTagFor(job.lead, this.company.enrolTag), isStoredContact });
  }

  /**
   * Sends the buffered contacts' tags, one bulk call per tag. A contact GHL rejects retries its tag
   * step alone when the id is fresh from this attempt's upsert; a stored id goes back to the front of
   * the queue to redo its upsert (released unspent if the round ends first).
   */
  private async flushTags(): Promise<void> {
    const transport = this.transport;
    // Buffered contacts wait up to bulkTagMaxWaitMs: drop those whose claim is gone meanwhile.
    const pending = this.tagBuffer.splice(0).filter((entry) => this.deps.jobs.owns(entry.job));
    if (pending.length === 0) return;
    if (!transport) return this.releaseEntries(pending, 'enrol:deferred');
    const byTag = new Map<string, PendingTag[]>();
    for (const entry of pending) byTag.set(entry.tag, [...(byTag.get(entry.tag) ?? []), entry]);
    for (const [tag, entries] of byTag) {
      if (this.shouldStop()) {
        this.releaseEntries(entries, 'enrol:deferred');
        continue;
      }
      const targets = entries.map((e) => ({ jobId: e.job.jobId, leadId: e.job.leadId }));
      try {
        const results = await transport.bulkAddTags(
          entries.map((e) => e.contactId),
          [tag],
          targets,
        );
        this.deps.connectivity.succeeded();
        const okIds = new Set(results.filter((r) => r.isOk).map((r) => r.contactId));
        const messages = new Map(results.map((r) => [r.contactId, r.message]));
        this.complete(entries.filter((e) => okIds.has(e.contactId)).map((e) => e.job));
        for (const entry of entries.filter((e) => !okIds.has(e.contactId))) {
          if (entry.isStoredContact) this.queue.unshift(redoFromUpsert(entry.job));
          else this.retryOrFail(entry.job, 'enrol:rejected', `GoHighLevel did not tag the contact: ${messages.get(entry.contactId) || 'no reason given'}`);
        }
      } catch (error) {
        this.handleFailure(
          entries.map((e) => e.job),
          'enrol',
          error,
        );
      }
    }
  }

  private complete(jobs: ClaimedJob[]): void {
    if (jobs.length === 0) return;
    // Only the jobs still ours count: a lead edited or deleted meanwhile is not "synced" by this attempt.
    const completed = this.deps.jobs.completeSynced(jobs, this.now());
    if (completed > 0) this.deps.onFinished('synced', completed);
  }

  private handleFailure(jobs: ClaimedJob[], step: Step, error: unknown): void {
    const failure = classifyError(error);
    const code = `${step}:${failure.kind}`;
    const now = this.now();
    switch (failure.kind) {
      case 'offline': {
        // Network trouble uses no attempt; a short jittered delay lets other jobs go first.
        this.deps.connectivity.networkFailed();
        const delay = fullJitterMs(1, this.deps.config.probeBaseMs, this.deps.config.probeBaseMs, this.random);
        this.deps.jobs.release(jobs, now + delay, now, code, failure.message);
        return;
      }
      case 'auth':
        this.deps.connectivity.reachable();
        this.deps.jobs.release(jobs, now, now, code, failure.message);
        this.pause('auth', null);
        this.dropTransport();
        return;
      case 'daily-limit':
        this.deps.connectivity.reachable();
        this.deps.jobs.release(jobs, now, now, code, failure.message);
        this.pause('daily-limit', failure.resetsAt ?? nextUtcMidnight(now).getTime());
        return;
      case 'permanent':
        this.deps.connectivity.reachable();
        for (const job of jobs) this.failNow(job, code, failure.message);
        return;
      case 'transient':
        this.deps.connectivity.reachable();
        for (const job of jobs) this.retryOrFail(job, code, failure.message);
        return;
    }
  }

  private retryOrFail(job: ClaimedJob, code: string, message: string): void {
    const attempts = job.attempts + 1;
    const now = this.now();
    if (attempts >= this.deps.config.maxAttempts) {
      if (this.deps.jobs.fail(job, attempts, code, `${message} (gave up after ${attempts} attempts)`, now)) this.deps.onFinished('failed', 1);
      return;
    }
    const delay = fullJitterMs(attempts, this.deps.config.retryBaseMs, this.deps.config.retryCapMs, this.random);
    this.deps.jobs.retryLater(job, attempts, now + delay, code, message, now);
  }

  private failNow(job: ClaimedJob, code: string, message: string): void {
    if (this.deps.jobs.fail(job, job.attempts + 1, code, message, this.now())) this.deps.onFinished('failed', 1);
  }

  private pause(reason: HaltReason, until: number | null): void {
    this.halt = reason;
    this.deps.store.pauseCompany(this.company.id, reason, until, this.now());
    this.company = { ...this.company, pausedReason: reason, pausedUntil: until };
  }

  private releaseEntries(entries: PendingTag[], code: string): void {
    this.deps.jobs.release(
      entries.map((e) => e.job),
      this.now(),
      this.now(),
      code,
      null,
    );
  }

  /** Contacts already upserted keep their progress: released with an enrol marker they skip the upsert. */
  private releaseBuffered(): void {
    this.releaseEntries(this.tagBuffer.splice(0), 'enrol:deferred');
  }

  private releaseQueued(): void {
    const left = this.queue.splice(0);
    // A job sent back to redo its upsert keeps that in its step code: released with the old
    // 'enrol:' code it would tag the stale id again on its next claim, round after round.
    const redo = left.filter((job) => job.lastErrorCode === STALE_CONTACT_CODE);
    this.deps.jobs.release(redo, this.now(), this.now(), STALE_CONTACT_CODE, null);
    this.deps.jobs.release(left.filter((job) => !redo.includes(job)), this.now(), this.now());
    this.releaseBuffered();
  }
}
