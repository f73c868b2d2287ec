/**
 * One company (one GHL location): claims its due jobs and syncs them with a bounded number of
 * requests in flight. The location's rate limiter paces the requests; lanes of different companies
 * run side by side, each on its own budget.
 *
 * Per lead: upsert (stores the contact id in the same commit as the job's progress) → DND ends the
 * job → the lead's one note and its old CRM tags, each once (lead-record.ts) → tag mode: the contact joins a bulk tag batch (≈1 request per lead in total); workflow mode:
 * one enrol call. Every attempt starts with the idempotent upsert, a retried enrolment too: its answer
 * is GHL's word on DND now (a contact set DND between two attempts is never enrolled) and on the
 * contact's id (one deleted or merged meanwhile is found again by phone or email).
 *
 * Checked right before the enrolment and before each attempt of it, not only at the claim (a claim's
 * leads go out over half a minute or more): the lead is still the version claimed and still not
 * do-not-contact, and its window is still open (JobQueue.mayEnrolNow); a lead whose window closed
 * meanwhile goes back to the queue unspent and waits for the next one.
 *
 * Enrolment at most once (issue #12 item 2): every enrolment goes through create-once.ts — intent
 * committed before the call, result committed with the job's completion (enrolled_at whatever became
 * of the claim), an open intent resolved by asking GHL before anything is resent.
 * No stale write (item 3): every request carries the lead's version and is dropped before each
 * attempt once the lead was edited. No stuck company (item 1): a database error anywhere in a round
 * ends the round, not the lane — see round().
 */
import { GhlWaitEndedError, isGhlError, nextUtcMidnight } from '../ghl/errors';
import { fullJitterMs } from '../lib/backoff';
import { classifyError } from './ghl-transport';
import { mayHaveReachedGhl } from './reached-ghl';
import { ClaimGoneError, createOnce, EnrolledThroughSiblingError, resolveOpen, SettlingError, UNCONFIRMED_MESSAGE, type CreateKey, type CreateLedger, type OpenCreate, type SiblingEnrolment } from './create-once';
import { enrolTagFor, upsertBodyFor } from './lead-payload';
import { toUpdateBody } from '../ghl/upsert-body';
import { AnsweredMeanwhile } from './answered-meanwhile';
import { phoneNotKept } from './phone-kept';
import { explainCustomFieldRefusal } from './custom-field-refusal';
import { explainDuplicateRefusal, isDuplicateRefusal } from './duplicate-refusal';
import { LeadRecordSender, type RecordStep } from './lead-record';
import { askElsewhereAgainMs, type SyncConfig } from './config';
import type { Connectivity } from './connectivity';
import type { ClaimedJob, JobQueue } from '../core/jobs/job-queue';
import type { ClaimScope } from '../core/jobs/claim-gate';
import type { CompanyForSync, SyncStore } from './sync-store';
import type { AttemptTarget, ContactDnd, ContactMatch, SyncTransport, TransportCallOptions, TransportFactory, UpsertOutcome } from './transport';

/** Contacts asked about do-not-disturb per look (watchSharedCustomers): a few seconds of requests, every 10 minutes. */
const DND_CHECKS_PER_LOOK = 50;

export type LaneState = 'idle' | 'running' | 'paused' | 'offline' | 'auth' | 'daily-limit';
type Step = 'upsert' | 'enrol' | 'dnd' | RecordStep;
type HaltReason = 'auth' | 'daily-limit' | 'workflow-missing';

export interface LaneDeps {
  /** The job transitions (claim, complete, fail, release…). */
  jobs: JobQueue;
  /** Companies and their pauses. */
  store: SyncStore;
  /** Enrolment intents and results (create once in GHL). */
  ledger: CreateLedger;
  /** A round ended on an unexpected (local) error: the host is told, the lane starts again next round. */
  warn: (message: string) => void;
  /** A round stopped on this error (its leads went back to the queue): the runner tells a full disk from the rest. */
  onRoundError?: (error: unknown) => void;
  config: SyncConfig;
  owner: string;
  connectivity: Connectivity;
  createTransport: TransportFactory;
  /** Aborted when the runner stops: a call still waiting for its turn (a 429's Retry-After) is dropped unsent, not waited for. */
  stopped?: AbortSignal;
  getToken: (companyId: number) => Promise<string | null>;
  /** True while the office paused all sending (the runner's pause): no new work starts but opt-outs (optOutRound). */
  isRunnerPaused: () => boolean;
  /** True while the runner stops or the network is gone: nothing at all goes, opt-outs neither. */
  isRunnerStopping: () => boolean;
  onFinished: (outcome: 'synced' | 'failed' | 'dnd' | 'unconfirmed', count: number) => void;
  /**
   * Asks another company's GHL whether its contact of a shared customer is on do-not-disturb there, through that
   * company's lane (its key), and records the answer: true on DND, null when that company cannot ask (no key).
   */
  askContactDndElsewhere?: (companyId: number, leadId: number, contactId: string, call: TransportCallOptions, lookup: ContactMatch) => Promise<DndAnswer>;
  now?: () => number;
  random?: () => number;
}

interface PendingTag {
  job: ClaimedJob;
  contactId: string;
  tag: string;
}

/** How long an attempt waits when this lane still has a call in flight for the same lead (see process()). */
const IN_FLIGHT_RETRY_MS = 500;

/** GHL keeps a contact's tags lower-cased (and trimmed): a campaign tag typed "Roof-Reactivation" is there as "roof-reactivation". */
const hasTag = (tags: readonly string[], tag: string): boolean => {
  const wanted = tag.trim().toLowerCase();
  return tags.some((held) => held.trim().toLowerCase() === wanted);
};

/** The job's code when GHL could not confirm an enrolment: the lead waits for a person (never resent blindly). */
export const UNCONFIRMED_CODE = 'enrol:unconfirmed';

/** GHL enrolled these leads, but writing that down failed: written first thing next round, before any claim. */
interface SettledEnrolments {
  found: OpenCreate[];
  unconfirmed: OpenCreate | null;
  /** Open enrolments GHL proved never happened (cleared): enrolling now is a new text, under the caps. */
  absent: number;
}

interface UnsavedEnrolment {
  jobs: ClaimedJob[];
  keys: CreateKey[];
  sentAt: number | undefined;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * How long the office's pause holds its opt-outs back after GHL refused the key for one of them (the pause keeps the
 * company's reason, so no 'auth' pause is recorded to hold them): a new key lifts it at once (dropTransport).
 */
const OPT_OUT_HOLD_AFTER_AUTH_MS = 15 * 60_000;

/** Jobs remembered to be tagged alone, at most (a bulk call holds at most bulkTagBatch of them; memory stays small). */
const MAX_TAGGED_ALONE = 10_000;

/**
 * A GHL location's answer whether a customer's contact is on do-not-disturb there: yes or no (a contact it no longer
 * has: no); 'unasked' (no usable key, GHL not answering); 'key-refused' (GHL refused the key for the question: a 401);
 * 'refused' (GHL refused the question about this contact); 'failed' (GHL failed on the question about this contact,
 * while it answered about another).
 */
export type DndAnswer = boolean | 'unasked' | 'key-refused' | 'refused' | 'failed';

/** The holds in the order they are chosen for a lead several companies did not answer about: the company-wide first. */
const HOLD_ORDER = ['key-refused', 'unasked', 'refused', 'failed'] as const satisfies readonly Exclude<DndAnswer, boolean>[];

export class CompanyLane {
  private transport: SyncTransport | null = null;
  /** The company's key_changed_at when this client was made (ensureTransport). */
  private transportKeyChangedAt: number | null | undefined = undefined;
  private queue: ClaimedJob[] = [];
  private tagBuffer: PendingTag[] = [];
  private tagBufferSince = 0;
  private halt: HaltReason | null = null;
  private busy = false;
  /** A round ended on an error and could not give its claims back yet: done before the next claim. */
  private needsRelease = false;
  private unsaved: UnsavedEnrolment[] = [];
  private lastWorkAt = 0;
  /** When this lane last looked for shared customers to ask GHL about (0: not yet; the first round looks). */
  private lastDndWatchAt = 0;
  /**
   * Until when the office's pause sends no opt-out either: GHL refused the key, or its daily limit was reached, during an
   * opt-out round (optOutRound). Without it, each pass of the runner claimed the DND again and called GHL again.
   */
  private optOutsHeldUntil = 0;
  private readonly now: () => number;
  private readonly random: () => number;
  /** The lead's note and old tags (lead-record.ts). */
  private readonly record: LeadRecordSender;
  /** How long an intent may stand before its call is taken as answered or lost: three request timeouts (GHL finishes what it got). */
  private readonly settleMs: number;
  /** Whether GHL answered other calls while a failed one waited: then its failure is its own, not the network's. */
  private readonly answeredMeanwhile: AnsweredMeanwhile;
  /**
   * Jobs whose bulk tag call failed on its own (answered-meanwhile.ts): each is tagged in a call of its own from then
   * on, until one is answered. The batch cannot tell which contact GHL chokes on, and spends no attempt of its leads
   * for it; alone, that lead's call uses its attempts and ends, and the others go.
   */
  private readonly tagsAlone = new Set<number>();

  constructor(
    public company: CompanyForSync,
    private readonly deps: LaneDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    // A request can be answered no later than its timeout; three of them leave room for a held one to land.
    this.settleMs = 3 * deps.config.requestTimeoutMs;
    this.record = new LeadRecordSender({ ledger: deps.ledger, store: deps.store, now: this.now, settleMs: this.settleMs });
    // A call failing on its own loops: its timeouts (each failure counts toward offline), the probe's wait, again.
    const { requestTimeoutMs, clientAttempts, offlineAfterFailures, probeCapMs } = deps.config;
    this.answeredMeanwhile = new AnsweredMeanwhile(
      deps.connectivity,
      { recentMs: Math.max(1_000, requestTimeoutMs / 10), loopMs: 2 * (offlineAfterFailures * clientAttempts * requestTimeoutMs + probeCapMs) },
      this.now,
    );
  }

  get isBusy(): boolean {
    return this.busy;
  }

  private hasNoKey = false;

  /** No API key in the keychain: the lane looks again each round; meanwhile its jobs cannot go out. */
  get isWaitingForKey(): boolean {
    return this.hasNoKey;
  }

  /**
   * Whether the lane may run a round. A company paused because its workflow is gone from GHL still runs, for
   * what enrols nobody (isEnrolHeld): a lead that opted out must still get its DND in GHL, where any other
   * workflow could text it, however long the office takes to choose another workflow.
   */
  get isEligible(): boolean {
    return this.company.pausedReason === null || this.isEnrolHeld;
  }

  /** Enrolments wait (the workflow is gone from GHL); only jobs that enrol nobody are claimed. */
  get isEnrolHeld(): boolean {
    return this.company.pausedReason === 'workflow-missing';
  }

  /**
   * The office paused the company, or all sending: nothing of its campaign goes, but a customer who opted out still gets
   * DND in GHL (optOutRound), where a workflow GHL began before the pause goes on texting her. Not while GHL refuses the
   * key or its daily limit holds (optOutsHeldUntil).
   */
  get sendsOnlyOptOuts(): boolean {
    if (this.now() < this.optOutsHeldUntil) return false;
    if (this.company.pausedReason === 'user') return true;
    // The office paused all sending: the same, for a company that could send (not one GHL holds: a refused key, its limit).
    return this.isRunnerPaused() && (this.company.pausedReason === null || this.isEnrolHeld);
  }

  private isRunnerPaused(): boolean {
    return this.deps.isRunnerPaused();
  }

  /** The office paused this company or all sending, and these jobs are not all DNDs (which go all the same). */
  private isHeldByOffice(jobs: readonly ClaimedJob[]): boolean {
    return (this.company.pausedReason === 'user' || this.isRunnerPaused()) && jobs.some((job) => !job.lead.doNotContact);
  }

  /** Stopping, or offline: not even an opt-out goes. */
  private isRunnerStopping(): boolean {
    return this.deps.isRunnerStopping();
  }

  /** The whole runner must not start new work: paused, stopping or offline. */
  private isRunnerHalted(): boolean {
    return this.isRunnerPaused() || this.isRunnerStopping();
  }

  /** What the lane may claim now (ClaimGate.pick); null: nothing. */
  get claimScope(): ClaimScope | null {
    if (this.company.pausedReason === null) return 'all';
    if (this.isEnrolHeld) return 'free';
    return this.sendsOnlyOptOuts ? 'opted-out' : null;
  }

  state(): LaneState {
    if (this.company.pausedReason === 'user' || this.company.pausedReason === 'workflow-missing') return 'paused';
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

  /** When a call of this lane last failed for the network (0: never): the runner's probe asks the address that went away. */
  get networkFailedAt(): number {
    return this.lastNetworkFailure;
  }
  private lastNetworkFailure = 0;

  private networkFailed(): void {
    this.lastNetworkFailure = this.now();
    this.deps.connectivity.networkFailed();
  }

  /**
   * Runs until nothing is due (or the lane/runner must stop). Never throws, and always ends with the
   * lane free to run again: a database error anywhere (SQLITE_BUSY after the busy timeout, a full disk)
   * ends the round, is reported, and the lane gives back what it holds — or, when even that write fails,
   * keeps the release for the start of its next round (until then the runner renews the leases; if the
   * database stays locked the renewals fail too and the leases lapse).
   */
  async round(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.halt = null;
    try {
      this.settleLeftovers();
      if (!(await this.ensureTransport())) return;
      const workers = Array.from({ length: Math.max(1, this.deps.config.concurrencyPerCompany) }, () => this.work());
      // allSettled: one worker's failure must not end the round while the others are still sending.
      const outcomes = await Promise.allSettled(workers);
      for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
      if (this.shouldStop()) this.releaseBuffered();
      else await this.flushTags();
      this.releaseQueued();
      if (!this.shouldStop()) await this.watchSharedCustomers();
    } catch (error) {
      this.recover(error);
    } finally {
      this.busy = false;
    }
  }

  /** The DND look alone (a quiet runner: nothing to send). Never throws; the lane is free again after it. */
  async watchRound(): Promise<void> {
    if (this.busy || !this.startDndWatch()) return;
    this.busy = true;
    // A halt of the last round (its workflow gone, GHL's limit) is the company's pause now, if it still holds: left set,
    // it ended every look (lookAtSharedCustomers) while the runner was quiet and no round came to clear it.
    this.halt = null;
    try {
      if (await this.ensureTransport()) await this.lookAtSharedCustomers();
    } catch (error) {
      this.deps.warn(`${this.company.locationId}: asking GHL about shared customers' do-not-disturb stopped on an error (${errorText(error)})`);
    } finally {
      this.busy = false;
    }
  }

  /**
   * The round of a company the office paused (sendsOnlyOptOuts): the DND of its do-not-contact leads, one claim at a
   * time, and its look at shared customers' DND. Nothing else is claimed; what a round claimed before the pause went
   * back (giveBackUnstarted). The claims stay out of this.queue, which the pause empties. Never throws.
   */
  async optOutRound(): Promise<void> {
    if (this.busy || !this.sendsOnlyOptOuts) return;
    this.busy = true;
    this.halt = null;
    try {
      // Nothing to send and no look due (most passes): no claim's write lock, no key asked of the keychain. Inside the
      // try: a read that fails must not end the worker (the runner starts this round without awaiting it).
      const hasOptOuts = this.deps.jobs.gate.hasWorkNow(this.company.id, this.now(), { scope: 'opted-out' });
      if (!hasOptOuts && !this.isDndWatchDue()) return;
      this.settleLeftovers();
      if (!(await this.ensureTransport())) return;
      const { leaseMs } = this.deps.config;
      while (hasOptOuts && this.sendsOnlyOptOuts && this.transport && !this.isRunnerStopping()) {
        const [job] = this.deps.jobs.claim(this.company.id, this.deps.owner, 1, this.now(), leaseMs, 'opted-out');
        if (!job) break;
        this.lastWorkAt = this.now();
        // Claimed as do-not-contact; its lead lifted that since (an edit resets the job, so this is a belt): it waits for
        // the resume, and the round ends (claimed again at once, it would be released again, for ever).
        if (!job.lead.doNotContact) {
          this.deps.jobs.release([job], this.now(), this.now());
          break;
        }
        await this.process(job);
      }
      if (this.sendsOnlyOptOuts && !this.isRunnerStopping()) await this.watchSharedCustomers();
    } catch (error) {
      this.recover(error);
    } finally {
      this.busy = false;
    }
  }

  /**
   * A STOP reply reaches only the GHL location whose text it answered. Before a customer's first text from this
   * company, each other company whose GHL has her contact, and was not asked within dndWatchMs, is asked whether
   * she is on do-not-disturb there: that company's own look comes only every dndWatchMs (and not at all under
   * `rlm sync --company`), and a lead imported today went first, texting someone who had told the other company to
   * stop. On DND the opt-out spreads to this lead (JobQueue.recordContactDnd), whose job is then gone: false. A
   * company that cannot be asked (no usable key, its key refused, its limit, GHL not answering) holds the lead back
   * until it can be: her STOP there was unknown, and she was texted (a review). The job is held for that company
   * (held-elsewhere.ts) without using an attempt: its panel names whose GHL it waits for, the block line counts it
   * (`rlm sync` exits 3), and the claim gate does not count it as work meanwhile (`--until-idle` ends). While one is
   * held, that company is not asked again (SyncRunner.askElsewhere): once per askElsewhereAgainMs, not once per lead.
   * A database error is not swallowed: the round recovers and the job goes back to the queue, unsent.
   */
  private async isClearElsewhere(job: ClaimedJob): Promise<boolean> {
    const ask = this.deps.askContactDndElsewhere;
    if (!ask) return true;
    const call = { shouldContinue: () => !this.shouldStop() };
    const unanswered = new Map(HOLD_ORDER.map((kind) => [kind, new Map<number, string>()]));
    const keyAtAsk = new Map<number, number | null | undefined>();
    for (const other of this.deps.jobs.unaskedElsewhere(job.leadId, this.now() - this.deps.config.dndWatchMs)) {
      keyAtAsk.set(other.companyId, this.deps.store.keyChangedAt(other.companyId));
      const answer = await ask(other.companyId, other.leadId, other.contactId, call, { phone: other.phone, email: other.email });
      if (answer === true) break;
      if (answer !== false) unanswered.get(answer)?.set(other.companyId, other.companyName);
    }
    // Paused or stopped while GHL was asked: nothing more is sent for this lead now (not even its contact).
    if (this.shouldStop()) {
      if (this.deps.jobs.owns(job)) this.deps.jobs.release([job], this.now(), this.now());
      return false;
    }
    if (!this.isStillCurrent(job)) return false;
    const notAnswered = [...unanswered.values()].flatMap((companies) => [...companies.keys()]);
    if (notAnswered.length === 0) return true;
    // A key saved (or removed) meanwhile for a company not answered, in this program or another: its failure was of the
    // key before, and held the lead, and as that company's memory every lead shared with it, for askElsewhereAgainMs past
    // the key that lets them be asked. The lead goes back to be asked again now, with the key as it is.
    // A company removed is no one to wait for: the next claim no longer lists it.
    const isChangedOrGone = (companyId: number) => {
      const now = this.deps.store.keyChangedAt(companyId);
      return now === undefined || now !== keyAtAsk.get(companyId);
    };
    if (notAnswered.some(isChangedOrGone)) {
      if (this.deps.jobs.owns(job)) this.deps.jobs.release([job], this.now(), this.now());
      return false;
    }
    // Held for a company that could not be asked at all first: its hold is that company's memory (held-elsewhere.ts).
    const kind = HOLD_ORDER.find((candidate) => (unanswered.get(candidate)?.size ?? 0) > 0)!;
    const [waitedFor] = unanswered.get(kind)!.keys();
    const names = [...new Set([...unanswered.values()].flatMap((companies) => [...companies.values()]))];
    if (waitedFor !== undefined) this.deps.jobs.holdForOtherCompany(job, waitedFor, names, kind, askElsewhereAgainMs(this.deps.config), this.now(), this.deps.config.retryCapMs);
    return false;
  }

  /**
   * Another company's lane asks, before its lead of the same customer gets a first text (isClearElsewhere): is this
   * company's contact on DND? Also this lane's own look (watchSharedCustomers). The answer is recorded; a database
   * error is the asker's to handle. 'unasked': no key to ask with, or GHL did not answer (a 5xx, a timeout, its
   * limit, its key refused): not recorded, the next look asks again. (Recorded as "asked, not on DND" before, a STOP
   * there was learnt a day late, while the other companies went on texting her.) A key refused is read again at the next
   * ask: it may have been saved in another program. A contact GHL no longer has, nor (by `lookup`) one it was merged
   * into, counts as asked, not on DND (nobody is texted through it): asked again a day later, not at every look.
   * 'refused': GHL refused the question about this contact (a 4xx other than "not found"); not recorded either: as
   * "asked", the other companies texted her after one wait (a review). 'failed': GHL failed on it (a 5xx), and answered
   * about another of this company's contacts just after (askWitness); not recorded. 'key-refused': GHL
   * refused the key (a 401): as 'unasked', but said as a key to save, not a wait that passes by itself.
   */
  async askContactDnd(leadId: number, contactId: string, call?: TransportCallOptions, lookup?: ContactMatch): Promise<DndAnswer> {
    if (!(await this.ensureTransport()) || !this.transport) return 'unasked';
    let answer: ContactDnd | 'gone';
    // An update of the lead's contact may go while this waits: its number, noted after this, is not forgotten by this answer.
    const askedAt = this.now();
    try {
      answer = await this.transport.readContactDnd(contactId, call, lookup);
    } catch (error) {
      const failure = classifyError(error);
      // A 403 is of this contact (another location's, as elsewhere in GHL): GHL answered, about it alone.
      if (failure.kind === 'permanent' || (isGhlError(error) && error.status === 403)) return 'refused';
      if (this.onAskFailure(failure) === 'key-refused') return 'key-refused';
      if (failure.kind === 'transient' && failure.status !== null && failure.status >= 500) return this.askWitness(contactId, call);
      return 'unasked';
    }
    this.deps.connectivity.succeeded();
    if (answer === 'gone') {
      this.deps.jobs.recordContactDnd(leadId, { isDnd: false, contactId }, this.now());
      return false;
    }
    this.deps.jobs.recordContactDnd(leadId, { ...answer, contactId }, this.now(), askedAt);
    return answer.isDnd;
  }

  /**
   * GHL answered the question about a contact with a 5xx: whether it fails on that one contact ('failed'), which is known
   * by its answer about another of the company's contacts (any: a GET). Taken for GHL not answering, one contact GHL
   * fails on held every customer shared with this company behind her (held-elsewhere.ts), and ended every look at them.
   * No other contact to ask, or no answer about it either: GHL is failing ('unasked'; one more call per such failure, in
   * an outage), or refuses the key ('key-refused').
   */
  private async askWitness(contactId: string, call?: TransportCallOptions): Promise<'failed' | 'unasked' | 'key-refused'> {
    const witness = this.deps.jobs.otherContactOf(this.company.id, contactId);
    if (witness === null || !this.transport) return 'unasked';
    const askedAt = this.now();
    let answer: ContactDnd | 'gone';
    try {
      answer = await this.transport.readContactDnd(witness.contactId, call);
    } catch (error) {
      return this.onAskFailure(classifyError(error)) ?? 'unasked';
    }
    this.deps.connectivity.succeeded();
    // An answer like any: on DND, the witness's opt-out holds everywhere too. Not "gone": without looking for her by her
    // number (as every question does), that is no "not on DND" (a STOP on the contact hers was merged into).
    if (answer !== 'gone') this.deps.jobs.recordContactDnd(witness.leadId, { ...answer, contactId: witness.contactId }, this.now(), askedAt);
    return 'failed';
  }

  /**
   * What a failed question about a contact's DND does to the lane, as when sending: GHL's daily limit (the location's)
   * pauses the company until it resets. The key refused is read again at the next ask (saved meanwhile, here or in another
   * program); not paused for it: a key without the contacts' read scope still sends, and a new key saved while this
   * was in flight was left paused.
   */
  private onAskFailure(failure: ReturnType<typeof classifyError>): 'key-refused' | null {
    if (failure.kind === 'daily-limit') this.pause('daily-limit', failure.resetsAt ?? nextUtcMidnight(this.now()).getTime());
    if (failure.kind !== 'auth') return null;
    this.dropTransport();
    return 'key-refused';
  }

  isDndWatchDue(): boolean {
    return this.now() >= this.nextDndWatchAt;
  }

  /** When this lane's next look at its shared customers' DND is due (watchSharedCustomers). */
  get nextDndWatchAt(): number {
    return this.lastDndWatchAt + this.deps.config.dndWatchMs;
  }

  /**
   * Once every dndWatchMs, after the round's sending: asks GHL whether the contacts of customers who are leads of
   * another company too are on do-not-disturb (a STOP reply in this location), so the opt-out reaches those
   * companies (shared-customer-watch.ts). One request per contact, at most DND_CHECKS_PER_LOOK a look. A contact
   * GHL no longer has is asked again a day later; a failure ends the look (the next asks again), never the round.
   */
  private async watchSharedCustomers(): Promise<void> {
    if (this.startDndWatch()) await this.lookAtSharedCustomers();
  }

  /** Whether a look is due, and if so marks it begun: at once, so the runner's quiet sleep reads when the next is due. */
  private startDndWatch(): boolean {
    if (!this.isDndWatchDue() || this.deps.connectivity.isOffline) return false;
    this.lastDndWatchAt = this.now();
    return true;
  }

  private async lookAtSharedCustomers(): Promise<void> {
    const now = this.now();
    for (const { leadId, contactId, phone, email } of this.deps.jobs.dueDndChecks(this.company.id, now - this.deps.config.dndRecheckMs, DND_CHECKS_PER_LOOK)) {
      // Not stopped by the office's pause: what the look learns is an opt-out (claimScope 'opted-out').
      if (this.halt !== null || this.isRunnerStopping() || this.claimScope === null || !this.transport) return;
      // Not answered: the look ends (askContactDnd counted a contact GHL no longer has as asked). A contact GHL refuses
      // the question about is passed over, unrecorded: asked again at the next look, the others meanwhile.
      // Her contact merged away is looked for by her number: "gone" read as "not on DND" let the others text her.
      const answer = await this.askContactDnd(leadId, contactId, undefined, { phone, email });
      if (answer === 'unasked' || answer === 'key-refused') return;
    }
  }

  /** What an earlier round could not write: GHL's confirmed enrolments first, then its claims. */
  private settleLeftovers(): void {
    while (this.unsaved.length > 0) {
      const [first] = this.unsaved;
      if (!first) break;
      this.writeEnrolled(first.jobs, first.keys, first.sentAt);
      this.unsaved.shift();
    }
    if (this.needsRelease) {
      this.deps.jobs.releaseLane(this.deps.owner, this.company.id, this.now());
      this.needsRelease = false;
    }
  }

  private recover(error: unknown): void {
    this.deps.onRoundError?.(error);
    this.deps.warn(`${this.company.locationId}: the sync round stopped on an error (${errorText(error)}); its leads go back to the queue and it starts again`);
    // Nothing in memory is worth keeping but GHL's confirmed enrolments (this.unsaved): the claimed
    // jobs are released below, the buffered tags were not sent (their intents are not written yet).
    this.queue = [];
    this.tagBuffer = [];
    this.needsRelease = true;
    try {
      this.settleLeftovers();
    } catch {
      // Still failing: the next round tries again before it claims anything.
    }
  }

  private async ensureTransport(): Promise<boolean> {
    // A key saved or removed in another program since this client was made (`rlm company set-key` while the app sends):
    // nothing told this one (SyncRunner.keyChanged is this program's), and the client would go on with the key before.
    const keyChangedAt = this.deps.store.keyChangedAt(this.company.id);
    if (this.transport && keyChangedAt !== this.transportKeyChangedAt) this.dropTransport();
    if (this.transport) return true;
    this.transportKeyChangedAt = keyChangedAt;
    const token = await this.deps.getToken(this.company.id);
    // No key yet (a company just created, or a key removed): nothing is persisted, the lane just
    // waits and looks again next round. Persisting an 'auth' pause here could race with the user
    // saving the key in between and leave the company paused with a good key.
    this.hasNoKey = !token;
    if (!token) return false;
    this.transport = this.answeredMeanwhile.watch(
      this.deps.createTransport({ id: this.company.id, locationId: this.company.locationId, baseUrl: this.company.baseUrl }, token, {
        ...(this.deps.stopped ? { stopped: this.deps.stopped } : {}),
        onAnswer: () => this.deps.connectivity.answeredFirst(),
      }),
    );
    return true;
  }

  /**
   * The runner or this company was paused, or the network went: the claimed jobs no request has started for go back to the queue
   * now, not when the requests in flight end (seconds, minutes behind GHL's rate limit). Until then they
   * read "Sending — being sent right now" beside "Paused". The tag buffer's contacts go back too: no flush
   * starts while stopped (a flush under way took its entries out first). A write that fails leaves them
   * where they were, for the round's end to give back (not `recover`: it gives back the requests in flight too).
   */
  giveBackUnstarted(): void {
    if (!this.shouldStop()) return;
    const queued = this.queue.splice(0);
    try {
      if (queued.length > 0) this.deps.jobs.release(queued, this.now(), this.now());
    } catch {
      this.queue.unshift(...queued);
      return;
    }
    const buffered = this.tagBuffer.splice(0);
    try {
      if (buffered.length > 0) this.releaseEntries(buffered, 'enrol:deferred');
    } catch {
      this.tagBuffer.unshift(...buffered);
    }
  }

  /** A new key (or a key change) must be fetched again: forget the cached transport (and try the held opt-outs with it). */
  dropTransport(): void {
    this.transport = null;
    this.liftOptOutHold();
  }

  /** The office resumed the company: a later pause starts with its opt-outs free (GHL's refusal is found again if it holds). */
  liftOptOutHold(): void {
    this.optOutsHeldUntil = 0;
  }

  private shouldStop(): boolean {
    return this.halt !== null || (this.company.pausedReason !== null && !this.isEnrolHeld) || this.isRunnerHalted();
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
    const claimed = this.deps.jobs.claim(this.company.id, this.deps.owner, claimBatch, this.now(), leaseMs, this.isEnrolHeld ? 'free' : 'all');
    this.queue.push(...claimed);
    return this.queue.shift();
  }

  /**
   * After each await: the claim must still hold and the lead be the version claimed. An edit resets
   * the job (its lease goes), so usually there is nothing to do; a claim still held for an older version
   * is given back without using an attempt, and the new version goes on the next claim.
   */
  private isStillCurrent(job: ClaimedJob): boolean {
    if (this.deps.jobs.isCurrent(job)) return true;
    if (this.deps.jobs.owns(job)) this.deps.jobs.release([job], this.now(), this.now());
    return false;
  }

  /**
   * Asked by the GHL client before every attempt; a database error counts as "no" (nothing is sent on a
   * guess). An enrolment also needs every lead's window still open: a 429's pause can outlast it.
   */
  private callFor(jobs: ClaimedJob | readonly ClaimedJob[], isEnrolment = false): TransportCallOptions {
    const all = Array.isArray(jobs) ? jobs : [jobs as ClaimedJob];
    return {
      shouldContinue: () => {
        try {
          // An enrolment starts a text: a pause of the company (the office's, GHL's limit) stops it too,
          // however long the upsert or the rate limiter kept it.
          if (isEnrolment && (this.shouldStop() || this.isEnrolHeld)) return false;
          // The office's pause (of the company, or of all sending): nothing more goes for a lead (an upsert behind the rate
          // limiter or a 429's wait, its note after it), but a do-not-contact lead's DND (optOutRound). Dropped, the lead
          // goes back unspent.
          if (this.isHeldByOffice(all)) return false;
          return all.every((job) => this.deps.jobs.isCurrent(job) && (!isEnrolment || this.deps.jobs.mayEnrolNow(job, this.now())));
        } catch {
          return false;
        }
      },
    };
  }

  /**
   * A DND call's check before each request: only that the claim still holds. Its body (`dnd: true`) carries nothing of
   * the lead, so a newer version of it (the worker placing it again meanwhile) changes nothing it sends; checked as
   * callFor() does, a DND GHL had set was dropped as outdated and the job ran again, a second DND call. An edit that
   * matters (do-not-contact lifted, a new number) resets the job, and the claim with it (JobQueue.afterEdit).
   */
  private dndCallFor(job: ClaimedJob): TransportCallOptions {
    return {
      shouldContinue: () => {
        try {
          return this.deps.jobs.owns(job);
        } catch {
          return false;
        }
      },
    };
  }

  /** Leads whose window closed since the claim: back to the queue unspent, for the window's next opening (the claim gate). */
  private waitForWindow(jobs: readonly ClaimedJob[]): void {
    this.deps.jobs.release(jobs, this.now(), this.now(), 'enrol:deferred', 'Waiting for the sending window');
  }

  /**
   * One attempt per lead at a time in this lane. An edit restarts a lead's job while the old attempt may
   * still wait for GHL (a note's POST on its way); another worker takes the new version at once, and would
   * settle the open note by listing the contact's notes — missing the one in flight, sending a second. The
   * new attempt goes back to the queue for a moment instead; by then the call in flight has ended and its
   * record says what GHL has.
   */
  private readonly leadsInFlight = new Set<number>();

  private async process(job: ClaimedJob): Promise<void> {
    if (this.leadsInFlight.has(job.leadId)) return this.deps.jobs.release([job], this.now() + IN_FLIGHT_RETRY_MS, this.now());
    this.leadsInFlight.add(job.leadId);
    try {
      await this.attempt(job);
    } finally {
      this.leadsInFlight.delete(job.leadId);
    }
  }

  private async attempt(job: ClaimedJob): Promise<void> {
    const transport = this.transport;
    if (!transport) return this.deps.jobs.release([job], this.now(), this.now());
    // Claims wait in memory (up to a claim batch): the lead may have been edited, marked
    // do-not-contact or deleted since. Its job was then reset or cancelled, and this copy must not
    // be sent. Checked again before each request that follows an await.
    if (!this.deps.jobs.owns(job)) return;
    if (job.lead.doNotContact) {
      if (job.lead.ghlContactId !== null) return this.sendDndToKnownContact(job, transport, job.lead.ghlContactId);
      return this.findThenSendDnd(job, transport);
    }
    const target = { jobId: job.jobId, leadId: job.leadId };

    // An enrolment an earlier attempt left open (killed, answer lost, result not written) is settled
    // with GHL before anything else is sent for this lead. One GHL cannot confirm is never sent again
    // here: the contact is still updated (an edit must reach GHL), then the job waits for a person.
    let open: SettledEnrolments = { found: [], unconfirmed: null, absent: 0 };
    if (!job.lead.wasEnrolled) {
      const settled = await this.settleOpenEnrolments(job, transport);
      if (settled === null) return;
      open = settled;
    }
    // Stop sending or an undo took the job back while GHL was asked (batch-jobs.ts TAKEN_BACK takes back one whose
    // intent a killed run left): nothing more goes for it, but what GHL said is written. It read "held back" with its
    // intent open though GHL had tagged the lead, and an enrolment GHL cannot confirm stayed out of `rlm sync unconfirmed`.
    // Only then: a lease that lapsed meanwhile belongs to a claim that settles the intent itself (written here, its
    // intent read as settled there and the tag went again, failing the lead as "already had the tag").
    if (!this.deps.jobs.owns(job)) {
      if (this.deps.jobs.isTakenBack(job)) {
        if (open.found.length > 0) this.completeEnrolled([job], open.found, Math.min(...open.found.map((found) => found.sentAt)));
        else if (open.unconfirmed) this.failUnconfirmed(job, open.unconfirmed);
      }
      return;
    }
    // A retry of an enrolment whose answer was lost is claimed outside the caps (the claim gate counted it when it
    // went, and only for that day or hour). GHL never got it: enrolling now is a new text, so the job goes back to
    // the queue and waits for room under today's caps like any other (it took a fourth text where the cap was three).
    if (open.absent > 0 && open.found.length === 0 && open.unconfirmed === null) {
      return this.deps.jobs.release([job], this.now(), this.now(), 'enrol:deferred', 'Its earlier enrolment never reached GHL: it waits for room under the caps');
    }
    const { found } = open;
    const isEnrolled = job.lead.wasEnrolled || found.length > 0;

    if (!isEnrolled && !(await this.isClearElsewhere(job))) return;

    // From here GHL may have the contact even if no answer comes back (an opt-out then looks for it).
    // Written only while the claim holds: Stop sending or an undo may have taken the job back since the check above.
    const markedAt = this.now();
    if (job.lead.ghlContactId === null && !this.deps.jobs.markUpsertSent(job, markedAt)) return;
    let upserted;
    try {
      upserted = await this.writeContact(job, transport, target, markedAt);
    } catch (error) {
      // GHL refused the key: it did nothing with this call, unless an earlier try of it went unanswered (a 5xx first).
      if (job.lead.ghlContactId === null && classifyError(error).kind === 'auth' && !mayHaveReachedGhl(error)) this.deps.jobs.unmarkRefusedUpsert(job, markedAt);
      return this.handleFailure([job], 'upsert', explainCustomFieldRefusal(error, job.lead));
    }
    this.deps.connectivity.succeeded();
    this.deps.jobs.recordUpsert(job, upserted.contactId, upserted.isNew, upserted.isDnd, this.now(), upserted, markedAt);
    if (upserted.isDnd) {
      this.deps.onFinished('dnd', 1);
      return;
    }
    // The contact GHL matched holds a phone or email the customer opted out with (the lead may have only the other).
    if (this.deps.jobs.optOutByMatchedContact(job, upserted, this.now())) return;
    const contactId = upserted.contactId;
    // GHL matched the lead's email to a contact that keeps another number, or none, and dropped the lead's (its
    // upsert quirk #37: another contact has that number). Enrolled, that contact's number would be texted, one the
    // office never gave for this lead (an old landline, a reassigned number), or nobody would be. Nothing more goes.
    const phoneDropped = isEnrolled ? null : phoneNotKept(job.lead.phone, upserted.phone);
    if (phoneDropped !== null) {
      if (!this.isStillCurrent(job)) return;
      return this.failNow(job, 'enrol:phone-not-kept', phoneDropped);
    }

    // The rest of the old record (one note, the old CRM's tags) goes before the enrolment, so a
    // workflow that starts on the campaign tag finds it on the contact; each at most once per lead.
    if (!this.isStillCurrent(job)) return;
    const campaignTag = this.company.enrolMode === 'tag' ? enrolTagFor(job.lead, this.company.enrolTag) : null;
    const record = await this.record.send(job, contactId, transport, campaignTag, this.callFor(job));
    if (!record.isOk) return this.handleFailure([job], record.step, record.error);
    if (record.requests > 0) this.deps.connectivity.succeeded();

    if (open.unconfirmed) {
      if (this.isStillCurrent(job)) this.failUnconfirmed(job, open.unconfirmed);
      return;
    }

    // An edited lead that is already in the campaign: the contact is updated, never enrolled again
    // (a second workflow enrolment could text the customer twice).
    if (isEnrolled) {
      if (!this.isStillCurrent(job)) return;
      // Enrolled when its call went, not now: the consent record and the day's cap say when the text was set off.
      if (found.length > 0) this.completeEnrolled([job], found, Math.min(...found.map((open) => open.sentAt)));
      else this.complete([job]);
      return;
    }

    if (!this.isStillCurrent(job)) return;
    // Claimed before the pause (only jobs that enrol nobody are claimed during it): back to the queue unspent.
    if (this.isEnrolHeld) return this.deps.jobs.release([job], this.now(), this.now());
    if (!this.deps.jobs.mayEnrolNow(job, this.now())) return this.waitForWindow([job]);
    if (this.company.enrolMode === 'workflow') {
      const workflowId = this.company.workflowId;
      if (!workflowId) return this.failNow(job, 'enrol:permanent', 'No workflow is chosen for this company (Settings → Enrolment).');
      const key = { leadId: job.leadId, kind: 'enrol-workflow', target: workflowId, contactId } as const;
      const enrolTo = contactId;
      const sibling = this.deps.ledger.siblingEnrolment(key);
      if (sibling) return this.followSibling(job, sibling);
      let answer;
      try {
        answer = await createOnce(
          this.deps.ledger,
          key,
          (hooks) => transport.addToWorkflow(enrolTo, workflowId, target, { ...this.callFor(job, true), ...hooks }),
          (error) => classifyError(error).isOutcomeUnknown,
          this.now,
          () => transport.whenSendable(),
          () => this.deps.jobs.owns(job),
        );
      } catch (error) {
        // The other lead's enrolment began while this one waited for the rate limiter, or for a retry after a 429.
        if (error instanceof EnrolledThroughSiblingError) return this.followSibling(job, error.sibling);
        // Stop sending or an undo took the job back before the enrolment left: nothing was sent, nothing to record.
        if (error instanceof ClaimGoneError) return;
        throw error;
      }
      switch (answer.status) {
        case 'created':
          this.deps.connectivity.succeeded();
          return this.completeEnrolled([job], [key]);
        case 'unknown':
          if (classifyError(answer.error).kind === 'offline') this.networkFailed();
          else this.deps.connectivity.reachable();
          return this.failUnconfirmed(job, key);
        case 'not-created': {
          const isGone = await this.isWorkflowGone(workflowId, answer.error, transport, target);
          // The check was dropped unsent (the sync stopped while it waited): no verdict on the lead; it goes back unspent.
          if (isGone === 'unasked') return this.deps.jobs.release([job], this.now(), this.now());
          if (isGone) return this.pauseForMissingWorkflow(job, workflowId);
          return this.handleFailure([job], 'enrol', answer.error);
        }
      }
    }
    const tag = enrolTagFor(job.lead, this.company.enrolTag);
    // GHL's workflow starts when the tag is added; a contact that has it already (an earlier campaign, a tag put
    // on by hand) gains nothing from adding it again, and no text goes. It was counted enrolled all the same:
    // "in the campaign", a place in the day's cap, never texted. Unless this app's own other lead of the
    // contact tagged it (that lead's enrolment is this one's).
    if (upserted.tags?.some((had) => had.trim().toLowerCase() === tag.trim().toLowerCase())) {
      const sibling = this.deps.ledger.siblingEnrolment({ leadId: job.leadId, kind: 'enrol-tag', target: tag, contactId });
      // The contact shows the tag the other lead's call carried: that call landed (or the tag was there before it,
      // when adding it again would start nothing either). Its intent left unanswered is settled by this reading, as
      // its own lead's is (its retry reads the contact too): this lead is in the campaign through it.
      if (sibling) return this.followSibling(job, sibling.state === 'pending' ? { ...sibling, state: 'done' } : sibling);
      return this.failNow(
        job,
        'enrol:already-tagged',
        `The contact already had the tag "${tag}" in GoHighLevel before this app tagged it, so adding it again would start no workflow and send no text. Remove the tag from the contact in GHL, then retry this lead.`,
      );
    }
    // Without the tag, a lead of the same contact that was tagged (done) is in the campaign all the same: its workflow took
    // the tag off (as a step, or when it ended), or someone did. Adding it again would start the workflow again: the
    // customer typed in again after her lead was deleted got a second text (a review). A live lead's tag on its way
    // settles itself; a deleted lead's never will, and it may have landed: followed too (waits, or a person checks).
    const tagged = this.deps.ledger.siblingEnrolment({ leadId: job.leadId, kind: 'enrol-tag', target: tag, contactId });
    if (tagged && (tagged.state === 'done' || tagged.isRemoved)) return this.followSibling(job, tagged);
    if (this.tagBuffer.length === 0) this.tagBufferSince = this.now();
    this.tagBuffer.push({ job, contactId, tag });
  }

  /**
   * Another lead of the app is the same GHL contact (GHL matched both by email or phone), and that lead's
   * enrolment in this workflow is done, on its way, or unknown: this lead is never enrolled a second time.
   * Done: this lead is in the campaign through it (synced, enrolled when that one's enrolment went, not counted again
   * under the caps: no text went for it). On its way: back to the queue for a moment. Unknown (GHL did
   * not confirm it, or an intent older than the settling time): a person settles that lead first. The other lead
   * may be gone (deleted, or lost in a restore: the customer added again): its enrolment holds all the same.
   */
  private followSibling(job: ClaimedJob, sibling: SiblingEnrolment): void {
    if (!this.isStillCurrent(job)) return;
    const now = this.now();
    if (sibling.state === 'done') {
      const completed = this.deps.jobs.completeThroughSibling([job], now, sibling.sentAt);
      if (completed > 0) this.deps.onFinished('synced', completed);
      return;
    }
    const other = sibling.isRemoved ? `lead #${sibling.leadId}, deleted since,` : `lead #${sibling.leadId}`;
    if (sibling.state === 'pending' && now - sibling.sentAt < this.settleMs) {
      return this.deps.jobs.release([job], now + IN_FLIGHT_RETRY_MS, now, 'enrol:deferred', `Waiting for the enrolment of ${other} (the same GHL contact)`);
    }
    // Nobody can settle a deleted lead in the app: the contact in GHL tells whether its workflow started.
    if (sibling.isRemoved) {
      return this.failNow(
        job,
        'enrol:same-contact',
        `The same GHL contact as ${other} whose enrolment GHL did not confirm: it is never enrolled twice. Check the contact in GHL; if its campaign did not start there, start it in GHL.`,
      );
    }
    this.failNow(
      job,
      'enrol:same-contact',
      `The same GHL contact as lead #${sibling.leadId}, whose enrolment GHL did not confirm: settle lead #${sibling.leadId} first (confirm it or send it again), then retry this lead. It is never enrolled twice.`,
    );
  }

  /**
   * GHL refused an enrolment for good: is it the workflow (deleted or unpublished in GHL after it was
   * chosen) rather than this lead? Then every waiting lead would fail the same way. One read of the
   * location's workflows tells; when it cannot be read, the refusal is the lead's, as before.
   */
  private async isWorkflowGone(workflowId: string, refusal: unknown, transport: SyncTransport, target: AttemptTarget): Promise<boolean | 'unasked'> {
    if (classifyError(refusal).kind !== 'permanent') return false;
    try {
      return (await transport.workflowStatus(workflowId, target)) !== 'published';
    } catch (error) {
      return error instanceof GhlWaitEndedError ? 'unasked' : false;
    }
  }

  /**
   * The lead goes back to the queue unspent (its contact and note are in GHL already; the next try
   * enrols it once a workflow is chosen) and the company pauses until someone chooses one. The round
   * ends either way: a campaign changed meanwhile is read again before the next lead.
   */
  private pauseForMissingWorkflow(job: ClaimedJob, workflowId: string): void {
    const now = this.now();
    this.deps.jobs.release([job], now, now, 'enrol:workflow-missing', `GHL no longer has the workflow ${workflowId}: choose another for this company`);
    this.halt = 'workflow-missing';
    if (this.deps.store.pauseForMissingWorkflow(this.company.id, workflowId, now)) {
      this.company = { ...this.company, pausedReason: 'workflow-missing', pausedUntil: null };
      this.deps.warn(`${this.company.locationId}: GHL no longer has the campaign's workflow ${workflowId}; sending is paused until another is chosen`);
    }
  }

  /**
   * The lead's fields to GHL. A lead whose contact GHL has (its id known) is written by that id, so a number the office
   * corrected reaches that contact: an enrolled lead's is the one its campaign texts. An upsert matched the new number to
   * nothing and made a second contact, never enrolled (a lead is enrolled once), while the campaign went on texting the old
   * number, someone else's. Not only once enrolled: a lead whose contact and note were in GHL, its enrolment not done yet
   * (refused for a while, unconfirmed), got a second contact the same way, which took the enrolment without the note, and
   * undo deleted only that one (a simulator probe). A lead without a contact id, or whose contact GHL no longer has, is upserted.
   */
  private async writeContact(job: ClaimedJob, transport: SyncTransport, target: AttemptTarget, sentAt: number): Promise<UpsertOutcome> {
    const body = upsertBodyFor(this.company.locationId, job.lead);
    // The lead's own contact (the upsert when GHL no longer has it, or it is another location's: 403). A lead corrected
    // under an earlier version names the second contact that version's upsert made (never enrolled; the DND path reaches
    // both): writing the first instead failed such a lead at its next edit (the number is the second's) and told undo the
    // first was not the import's.
    const contactId = job.lead.ghlContactId;
    // A contact on DND stays the customer's word, whoever answered STOP to its old number: the update's answer makes the
    // lead DND, lists its new number and email and marks her leads elsewhere (README says how the office lifts it if the
    // STOP was someone else's). Not read first: a read-then-upsert left the customer's own STOP from her old phone without
    // her new number listed, and a lead with an email was matched to that contact by the upsert anyway (a review).
    if (contactId !== null) {
      // From here the contact may hold the lead's number, should the answer be lost: a STOP may come to it (a DND answered
      // later lists it, former-contact-numbers.ts).
      const sentPhone = job.lead.phone;
      // At the instant the answer forgets notes up to (recordUpsert's sentAt): this note is the answer's to clear.
      const isNoted = sentPhone !== null && this.deps.jobs.notePhoneSent(job.leadId, sentPhone, sentAt);
      let updated: UpsertOutcome | 'gone';
      try {
        updated = await transport.updateContact(contactId, toUpdateBody(body), target, this.callFor(job));
      } catch (error) {
        // The contact did not take the number: GHL refused it as another contact's (whoever noted it: an earlier try
        // whose answer was lost noted it too, and listed on a DND it would opt that other person out everywhere), or
        // refused this call before any work (a contact it lost). Which field GHL refused it does not say in a way the app
        // keeps: with an email sent too, it may be the email's, and the number an earlier try gave the contact stays noted.
        const isAnothersNumber = isDuplicateRefusal(error) && job.lead.email === null;
        if (sentPhone !== null && (isAnothersNumber || (isNoted && !mayHaveReachedGhl(error)))) this.takeBackPhoneNote(job.leadId, sentPhone);
        // Another location's contact (the company's location ID was corrected since): GHL refuses it for itself, and the
        // upsert writes the lead in this location, as it did before (not enrolled there: a lead is enrolled once). Taken
        // for a refused key, it paused the company at every edit of such a lead. A key GHL really refuses is refused
        // again by the upsert.
        if (!(isGhlError(error) && error.kind === 'auth' && error.status === 403)) throw explainDuplicateRefusal(error);
        updated = 'gone';
      }
      // GHL may leave the number out of its answer: the update gave the contact the number it sent (or refused it).
      if (updated !== 'gone') return { ...updated, phone: updated.phone ?? sentPhone };
    }
    return transport.upsertContact(body, target, this.callFor(job));
  }

  /** A failure to take the note back must not hide GHL's refusal, the news: the note only over-lists on a later DND. */
  private takeBackPhoneNote(leadId: number, phone: string): void {
    try {
      this.deps.jobs.unnotePhoneSent(leadId, phone);
    } catch (error) {
      this.deps.warn(`Could not take back the note of the number sent to lead #${leadId}'s contact: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * A lead marked do-not-contact after GHL got its contact (JobQueue.cancelPending): its DND goes on in
   * GHL, so no workflow there texts the customer. Nothing else is sent; only `dnd: true`, never false.
   * A contact GHL no longer has needs nothing.
   */
  private async sendDnd(job: ClaimedJob, transport: SyncTransport, contactId: string): Promise<void> {
    try {
      await transport.setDnd(contactId, { jobId: job.jobId, leadId: job.leadId }, this.dndCallFor(job));
    } catch (error) {
      return this.handleFailure([job], 'dnd', error);
    }
    this.deps.connectivity.succeeded();
    this.deps.jobs.completeDnd(job, this.now());
  }

  /**
   * DND on the lead's contact, and on every other contact of the customer's that a workflow may text: the one GHL
   * matches to the lead's number or email now, and those the lead was enrolled through. A phone-only lead whose
   * number the office corrected got a second contact from the upsert that followed (GHL matched nothing):
   *  - with that answer lost, the lead's contact id stayed the old one, and the new number stayed open to a workflow;
   *  - with it recorded, the id became the new contact's, and the old one, in the campaign since its enrolment (a
   *    lead is never enrolled again), kept texting the old number after the customer opted out.
   * One GET per opt-out (rare), creating nothing; a contact already on DND is set again harmlessly (idempotent).
   */
  private async sendDndToKnownContact(job: ClaimedJob, transport: SyncTransport, contactId: string): Promise<void> {
    const target = { jobId: job.jobId, leadId: job.leadId };
    const done = new Set([contactId]);
    try {
      // The lead's own contact first: nothing said of the customer's other contacts may keep it from its DND.
      await transport.setDnd(contactId, target, this.dndCallFor(job));
      if (job.lead.phone !== null || job.lead.email !== null) {
        const found = await transport.findContact({ phone: job.lead.phone, email: job.lead.email }, target, this.dndCallFor(job));
        if (found !== null && !done.has(found.contactId)) {
          done.add(found.contactId);
          if (!found.dnd) await transport.setDnd(found.contactId, target, this.dndCallFor(job));
        }
      }
    } catch (error) {
      return this.handleFailure([job], 'dnd', error);
    }
    for (const enrolled of this.deps.ledger.enrolledContacts(job.leadId)) {
      if (done.has(enrolled)) continue;
      done.add(enrolled);
      try {
        // One GHL no longer has reads as set (GhlClient.setDnd: 'already-gone').
        await transport.setDnd(enrolled, target, this.dndCallFor(job));
      } catch (error) {
        // A contact GHL refuses for itself (merged away; another location's, the company's location ID changed since):
        // the lead's own DND went, and this job is not failed, nor the company paused, for it. A network failure or a
        // refused key goes as any (the job is tried again, each DND is idempotent).
        if (isGhlError(error) && (error.kind === 'permanent' || (error.kind === 'auth' && error.status === 403))) continue;
        return this.handleFailure([job], 'dnd', error);
      }
    }
    this.deps.connectivity.succeeded();
    this.deps.jobs.completeDnd(job, this.now());
  }

  /**
   * A lead marked do-not-contact whose upsert may have reached GHL without its answer (JobQueue.cancelPending
   * keeps its job for this): GHL is asked for the contact it would have matched, creating nothing. Found, the
   * contact is recorded as the lead's and its DND goes on; not found, GHL never got the lead and nothing goes.
   */
  private async findThenSendDnd(job: ClaimedJob, transport: SyncTransport): Promise<void> {
    // Nothing to match it by (GHL would refuse the question): no upsert of it could have made a contact either.
    if (job.lead.phone === null && job.lead.email === null) {
      this.deps.jobs.cancel(job, 'do-not-contact', 'The lead is marked do-not-contact', this.now());
      return;
    }
    let found;
    try {
      found = await transport.findContact({ phone: job.lead.phone, email: job.lead.email }, { jobId: job.jobId, leadId: job.leadId }, this.dndCallFor(job));
    } catch (error) {
      return this.handleFailure([job], 'dnd', error);
    }
    this.deps.connectivity.succeeded();
    if (found === null) {
      this.deps.jobs.cancel(job, 'do-not-contact', 'The lead is marked do-not-contact (GoHighLevel has no contact for it)', this.now());
      return;
    }
    this.deps.jobs.recordFoundContact(job, found.contactId, this.now());
    if (!this.deps.jobs.owns(job)) return;
    if (found.dnd) {
      this.deps.jobs.completeDnd(job, this.now());
      return;
    }
    return this.sendDnd(job, transport, found.contactId);
  }

  /**
   * Resolves the lead's open enrolments by asking GHL: a tag is read on the contact; a workflow
   * enrolment cannot be read back (GHL's API has no "is this contact in the workflow"), so it waits
   * for a person (the job fails with UNCONFIRMED_CODE after its upsert). Returns the enrolments GHL
   * has (to be recorded with the job's completion) and the one waiting for a person, or null when the
   * job was handed back here (GHL could not be asked).
   */
  private async settleOpenEnrolments(job: ClaimedJob, transport: SyncTransport): Promise<SettledEnrolments | null> {
    const found: OpenCreate[] = [];
    let absent = 0;
    for (const open of this.deps.ledger.openEnrolments(job.leadId)) {
      let resolution;
      try {
        resolution =
          open.state === 'unconfirmed'
            ? 'unknowable'
            : await resolveOpen(open.kind === 'enrol-tag' ? async () => hasTag(await transport.getContactTags(open.contactId, { jobId: job.jobId, leadId: job.leadId }), open.target) : null);
      } catch (error) {
        // A contact GHL no longer has holds no tag: the enrolment goes again through the upsert.
        if (classifyError(error).kind === 'permanent') resolution = 'absent' as const;
        else {
          this.handleFailure([job], 'enrol', error);
          return null;
        }
      }
      if (resolution === 'found') found.push(open);
      else if (resolution === 'absent') {
        // Not on the contact yet, but sent moments ago: the call may still land (SettlingError).
        const settlesAt = open.sentAt + this.settleMs;
        if (this.now() < settlesAt) {
          this.handleFailure([job], 'enrol', new SettlingError('tag', settlesAt));
          return null;
        }
        this.deps.ledger.clear([open]);
        absent++;
      } else return { found, unconfirmed: open, absent };
    }
    return { found, unconfirmed: null, absent };
  }

  /**
   * Sends the buffered contacts' tags, one bulk call per tag. A contact GHL rejects retries its tag
   * step later (its id is fresh from this attempt's upsert). The call is dropped before any attempt
   * (a 429's retry too) once one of its leads was edited or marked do-not-contact, or its window
   * closed: all of them go back unspent and the others go with the next claim.
   */
  private async flushTags(): Promise<void> {
    const transport = this.transport;
    // Buffered contacts wait up to bulkTagMaxWaitMs: drop those whose claim is gone or whose lead changed
    // meanwhile, and give back those whose window closed.
    const buffered = this.tagBuffer.splice(0).filter((entry) => this.isStillCurrent(entry.job));
    const closed = buffered.filter((entry) => !this.deps.jobs.mayEnrolNow(entry.job, this.now()));
    this.waitForWindow(closed.map((entry) => entry.job));
    const pending = buffered.filter((entry) => !closed.includes(entry));
    if (pending.length === 0) return;
    if (!transport) return this.releaseEntries(pending, 'enrol:deferred');
    const byTag = new Map<string, PendingTag[]>();
    for (const entry of pending) byTag.set(entry.tag, [...(byTag.get(entry.tag) ?? []), entry]);
    const calls: Array<[string, PendingTag[]]> = [];
    for (const [tag, tagged] of byTag) {
      const together = tagged.filter((entry) => !this.tagsAlone.has(entry.job.jobId));
      if (together.length > 0) calls.push([tag, together]);
      for (const entry of tagged) if (this.tagsAlone.has(entry.job.jobId)) calls.push([tag, [entry]]);
    }
    for (const [tag, tagged] of calls) {
      if (this.shouldStop()) {
        this.releaseEntries(tagged, 'enrol:deferred');
        continue;
      }
      const keyOf = (e: PendingTag) => ({ leadId: e.job.leadId, kind: 'enrol-tag', target: tag, contactId: e.contactId }) as const;
      // The wait for the rate limiter comes before the intents, as an enrolment's does (create-once.ts): an intent
      // stands for "sent, maybe", and a kill during a wait of seconds left intents for a call never sent. The wait
      // holds no slot, so each attempt also restamps them as it leaves (onSend below): their time starts the settling
      // clock, and a call GHL still held was read as missing as much sooner as they were early.
      try {
        await transport.whenSendable();
      } catch (error) {
        this.handleFailure(
          tagged.map((e) => e.job),
          'enrol',
          error,
        );
        continue;
      }
      // Tag adds are idempotent (a second add of a tag the contact has does not fire the trigger
      // again), so GHL's refusal clears the intent. A call that may have reached GHL (no answer, a 5xx)
      // keeps it: GHL has likely tagged, so texted, them, and the caps count them until the retry reads
      // the contacts' tags (settleOpenEnrolments). The intent matters after a kill too.
      // Only the entries whose claim still holds, in the intents' transaction: Stop sending or an undo may have
      // taken some back since the check above, and those are not tagged (so not texted).
      const jobOf = new Map(tagged.map((entry) => [entry.job.leadId, entry.job]));
      const ours = new Set(this.deps.ledger.recordIntents(tagged.map(keyOf), this.now(), (key) => this.deps.jobs.owns(jobOf.get(key.leadId)!)).map((key) => key.leadId));
      const entries = tagged.filter((entry) => ours.has(entry.job.leadId));
      if (entries.length === 0) continue;
      const targets = entries.map((e) => ({ jobId: e.job.jobId, leadId: e.job.leadId }));
      let results;
      try {
        results = await transport.bulkAddTags(
          entries.map((e) => e.contactId),
          [tag],
          targets,
          {
            ...this.callFor(
              entries.map((e) => e.job),
              true,
            ),
            onSend: () => this.deps.ledger.sendingAll(entries.map(keyOf), this.now()),
          },
        );
      } catch (error) {
        if (!mayHaveReachedGhl(error)) this.deps.ledger.clear(entries.map(keyOf));
        this.handleFailure(
          entries.map((e) => e.job),
          'enrol',
          error,
        );
        continue;
      }
      {
        this.deps.connectivity.succeeded();
        for (const entry of entries) this.tagsAlone.delete(entry.job.jobId);
        const okIds = new Set(results.filter((r) => r.isOk).map((r) => r.contactId));
        const messages = new Map(results.map((r) => [r.contactId, r.message]));
        const ok = entries.filter((e) => okIds.has(e.contactId));
        this.deps.ledger.clear(entries.filter((e) => !okIds.has(e.contactId)).map(keyOf));
        this.completeEnrolled(
          ok.map((e) => e.job),
          ok.map(keyOf),
        );
        for (const entry of entries.filter((e) => !okIds.has(e.contactId))) {
          this.retryOrFail(entry.job, 'enrol:rejected', `GoHighLevel did not tag the contact: ${messages.get(entry.contactId) || 'no reason given'}`);
        }
      }
    }
  }

  private complete(jobs: ClaimedJob[]): void {
    if (jobs.length === 0) return;
    // Only the jobs still ours count: a lead edited or deleted meanwhile is not "synced" by this attempt.
    const completed = this.deps.jobs.completeSynced(jobs, this.now());
    if (completed > 0) this.deps.onFinished('synced', completed);
  }

  /**
   * GHL enrolled these leads: the create-once rows become 'done' and enrolled_at is written in the
   * transaction that completes the jobs still ours. If that write fails, GHL's answer is kept in
   * memory and written before the lane claims again (never a second call). `sentAt`: when the call went, for
   * an enrolment settled later (an open intent found done in GHL); else it went just now.
   */
  private completeEnrolled(jobs: ClaimedJob[], keys: CreateKey[], sentAt?: number): void {
    if (jobs.length === 0) return;
    try {
      this.writeEnrolled(jobs, keys, sentAt);
    } catch (error) {
      this.unsaved.push({ jobs, keys, sentAt });
      throw error;
    }
  }

  private writeEnrolled(jobs: ClaimedJob[], keys: readonly CreateKey[], sentAt?: number): void {
    const now = this.now();
    const completed = this.deps.jobs.completeSynced(jobs, now, { alsoInTx: () => keys.forEach((key) => this.deps.ledger.markDone(key, now)), at: sentAt });
    if (completed > 0) this.deps.onFinished('synced', completed);
  }

  /** GHL may have enrolled the lead and cannot say: a person checks (Leads → confirm or send again). */
  private failUnconfirmed(job: ClaimedJob, key: CreateKey): void {
    const now = this.now();
    if (this.deps.jobs.fail(job, job.attempts + 1, UNCONFIRMED_CODE, UNCONFIRMED_MESSAGE, now, () => this.deps.ledger.markUnconfirmed(key, now))) {
      this.deps.onFinished('unconfirmed', 1);
    }
  }

  private handleFailure(jobs: ClaimedJob[], step: Step, error: unknown): void {
    const failure = classifyError(error);
    const code = `${step}:${failure.kind}`;
    const now = this.now();
    // A note or tag sent moments ago may still land: the job waits for it, using no attempt (create-once.ts).
    if (error instanceof SettlingError) {
      this.deps.jobs.release(jobs, error.retryAt, now);
      return;
    }
    // Dropped before sending because the lead changed: no attempt used; the new version goes on the next claim.
    if (failure.isSuperseded) {
      this.deps.jobs.release(jobs, now, now);
      return;
    }
    switch (failure.kind) {
      case 'offline': {
        // The network works and this call fails on its own (answered-meanwhile.ts): it uses an attempt like any
        // failure, so that it ends, and is no sign of an outage. One lead's call only: in a bulk call, one contact
        // GHL chokes on would cost every lead batched with it an attempt.
        const [only] = jobs;
        if (jobs.length === 1 && only && this.answeredMeanwhile.judge(error, only.jobId).isOwn) {
          this.retryOrFail(only, code, `${failure.message}, while it answered other requests`);
          return;
        }
        // A bulk call's, or one that failed just before too: each lead goes alone next, at once and unspent, where a
        // call that fails on its own ends (one contact GHL chokes on spoils the batch that carries it, again and again).
        // Every job is judged (not .some), so that each remembers this failure for its next one.
        const verdicts = jobs.length > 1 ? jobs.map((job) => this.answeredMeanwhile.judge(error, job.jobId)) : [];
        const isOwn = verdicts.some((verdict) => verdict.isOwn);
        if (isOwn || verdicts.some((verdict) => verdict.isRepeat)) {
          if (this.tagsAlone.size >= MAX_TAGGED_ALONE) this.tagsAlone.clear();
          for (const job of jobs) this.tagsAlone.add(job.jobId);
        }
        if (isOwn) {
          this.deps.jobs.release(jobs, now, now, code, `${failure.message}, while it answered other requests: each lead is tagged alone next`);
          return;
        }
        // Network trouble uses no attempt; a short jittered delay lets other jobs go first.
        this.networkFailed();
        const delay = fullJitterMs(1, this.deps.config.probeBaseMs, this.deps.config.probeBaseMs, this.random);
        this.deps.jobs.release(jobs, now + delay, now, code, failure.message);
        return;
      }
      case 'auth':
        this.deps.connectivity.reachable();
        this.deps.jobs.release(jobs, now, now, code, failure.message);
        this.dropTransport();
        this.pause('auth', null);
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
        // Dropped by the office's pause after a try GHL answered with a 5xx (callFor; retry.ts ends with that answer): the
        // pause, not the lead, ended the call, so it goes back unspent (an attempt spent per pause failed leads for it).
        if (this.isHeldByOffice(jobs)) {
          this.deps.jobs.release(jobs, now, now, code, failure.message);
          return;
        }
        // A 429 proves GHL did nothing (errors.ts NOT_ACTED_ON): the lead waits for the limit to pass and uses no
        // attempt. A run of them (this app's other calls on the location, another app's) failed leads for good.
        if (failure.status === 429) {
          const delay = Math.max(failure.retryAfterMs ?? 0, fullJitterMs(1, this.deps.config.retryBaseMs, this.deps.config.retryCapMs, this.random));
          this.deps.jobs.release(jobs, now + delay, now, code, failure.message);
          return;
        }
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
    const isRecorded = this.deps.store.pauseCompany(this.company.id, reason, until, this.now());
    // The office paused the company (before this call, or while it was out): its pause stays the company's reason, and
    // this one holds the opt-outs it lets go (sendsOnlyOptOuts) until GHL takes the key (or a new one), or its limit resets.
    this.company = isRecorded ? { ...this.company, pausedReason: reason, pausedUntil: until } : { ...this.company, pausedReason: 'user', pausedUntil: null };
    if (!isRecorded) this.optOutsHeldUntil = until ?? this.now() + OPT_OUT_HOLD_AFTER_AUTH_MS;
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

  /** Contacts already upserted: released unspent, marked with the step they reached (their next attempt upserts again). */
  private releaseBuffered(): void {
    this.releaseEntries(this.tagBuffer.splice(0), 'enrol:deferred');
  }

  private releaseQueued(): void {
    this.deps.jobs.release(this.queue.splice(0), this.now(), this.now());
    this.releaseBuffered();
  }
}
