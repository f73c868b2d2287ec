/**
 * The one owner of sync_jobs rows (issue #11 item 5): nothing else in the app inserts, updates or
 * deletes a job, or knows its key format and states (job-keys.ts). Like Signal Desktop's JobQueue,
 * callers hand it work to do inside their own transaction (enqueue, cancel), and it runs its own
 * short transactions for the sync worker (claim … complete) and chunked ones for long writes
 * (batch-jobs.ts).
 *
 * Every write is one transaction and the class keeps no state about jobs in memory (only a claim
 * counter), so a write that fails — SQLITE_BUSY after the busy timeout, say — changed nothing and
 * can simply be tried again or left to the leases to lapse.
 */
import type Database from 'better-sqlite3';
import type { LeadStatus } from '../../../shared/lead';
import type { ChunkOptions } from './chunks';
import { BatchJobs } from './batch-jobs';
import { bulkWriteThreadOf, runInThread } from './bulk-write-thread';
import type { ClaimedJob, JobRef, VersionedJobRef } from './claimed-job';
import { companyPrefix, SYNC_ACTION, syncJobKey, syncJobKeySql } from './job-keys';
import { prepareLeaseStatements, type ClaimedRaw, type LeaseStatements } from './lease-statements';
import { FormerContactNumbers } from './former-contact-numbers';
import { ClaimGate, type ClaimScope } from './claim-gate';
import { ghlContactKeys, OptOutEverywhere } from './opt-out-everywhere';
import { ghlPhoneAsE164 } from '../../lib/ghl-phone';
import { nextUtcMidnight } from '../../ghl/errors';
import { SharedCustomerWatch, type LeadElsewhere, type WatchedLead } from './shared-customer-watch';
import { HeldElsewhere, type HoldKind } from './held-elsewhere';
import { LEAD_COPY_COLUMNS, LEAD_COPY_REFRESH, leadCopyValues } from './lead-copy';
import { isJobUnwrittenSql, QueuedWithoutJobs, type QueuedByState } from './queued-without-jobs';
import { prepareContactPhonePlacement } from '../leads/contact-phone-placement';
import type { RetryScope } from '../../../shared/ipc/sync';
import type { UndoResult } from '../../../shared/ipc/imports';
import type { OptOutHold } from '../../../shared/sync-pause';

export type { ClaimedJob, JobRef, LeadForSync, SyncCustomValue, VersionedJobRef } from './claimed-job';
import type { SyncCustomValue } from './claimed-job';
export type { ChunkOptions, ChunkProgress } from './chunks';

/**
 * A reset of a lead's one job row to 'queued' (attempts, lease and error cleared). A job that is
 * 'running' is reset too and its lease cleared: the runner completes jobs with `WHERE id = ? AND
 * lease_owner = ?`, so the in-flight attempt (which sent the old data) cannot mark the reset job
 * succeeded, and the new data goes on the next claim. A job still queued or running keeps its time: its
 * place in line when due (moved to now, an edited lead went behind every lead queued since: under a
 * daily cap, days; a review), a retry's backoff when not (an edit must not move it forward), with its
 * place kept meanwhile (line_at). A held job goes now, at its place.
 */
/**
 * A lead an import queued whose job the sync has yet to write (queued-without-jobs.ts) has a place in line already: the
 * import's time, which its job keeps when an edit writes it first (as an edit keeps a waiting job's time). NULL for others.
 */
const QUEUED_AT_OF_UNWRITTEN_JOB = `CASE WHEN ${isJobUnwrittenSql('l')} THEN (SELECT queued_at FROM queued_without_jobs WHERE batch_id = l.batch_id) END`;

const UPSERT_JOB = `
  INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, ${LEAD_COPY_COLUMNS})
  SELECT @companyId, l.id, '${SYNC_ACTION}', @key, 'queued', 0, coalesce(${QUEUED_AT_OF_UNWRITTEN_JOB}, @now), @now, @now, ${leadCopyValues('l')} FROM leads l WHERE l.id = @leadId
  ON CONFLICT (idempotency_key) DO UPDATE SET
    ${LEAD_COPY_REFRESH},
    next_run_at = CASE WHEN sync_jobs.state IN ('queued', 'running') AND sync_jobs.held_for_company_id IS NULL THEN sync_jobs.next_run_at ELSE excluded.next_run_at END,
    -- A place in line kept while put off stays (an edit does not move it); one left from a job that ended is no place now.
    line_at = CASE WHEN sync_jobs.state IN ('queued', 'running') THEN sync_jobs.line_at END,
    state = 'queued', attempts = 0, lease_owner = NULL, lease_expires_at = NULL, held_for_company_id = NULL,
    last_error_code = NULL, last_error_message = NULL, updated_at = excluded.updated_at`;

/**
 * One job per queued lead of the company with an id above the given one: the leads an import just
 * inserted, since ids only grow (AUTOINCREMENT) and the caller's write transaction keeps other
 * writers out.
 */
const INSERT_RANGE = `
  INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, ${LEAD_COPY_COLUMNS})
  SELECT :company, l.id, '${SYNC_ACTION}', ${syncJobKeySql('l.id')}, 'queued', 0, :now, :now, :now, ${leadCopyValues('l')}
  FROM leads l WHERE l.id > :after AND l.company_id = :company AND l.status = 'queued'
  ON CONFLICT (idempotency_key) DO NOTHING`;

/**
 * A lead that becomes do-not-contact loses its unsent jobs, including one a runner has claimed:
 * clearing the lease makes the runner drop its in-memory copy before the next request (it checks
 * its claim before each one).
 */
const CANCEL_PENDING = `UPDATE sync_jobs SET state = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
  WHERE lead_id = ? AND state IN ('queued', 'failed', 'running')`;

/**
 * GHL has, or may have, the lead's contact and does not know of an opt-out yet (its DND would have made the
 * status 'dnd'): its contact id is known, or an upsert of it went without the answer being recorded.
 */
const MAY_BE_IN_GHL_WITHOUT_DND = `SELECT 1 AS one FROM leads l WHERE l.id = ? AND l.status <> 'dnd'
  AND (l.ghl_contact_id IS NOT NULL OR EXISTS (SELECT 1 FROM sync_jobs j WHERE j.lead_id = l.id AND j.upsert_sent_at IS NOT NULL))`;

/**
 * …then its one job goes once more, to turn on the contact's DND in GHL (a workflow there must not text
 * the customer either). Unpaced (lead-copy.ts: a do-not-contact lead's gate is 'free'); a claim in flight loses
 * its lease as above. Due since time began (next_run_at 0): claims take the oldest first (next_run_at, id), and a
 * backlog of re-sends queued earlier (an update import, enrolled leads placed again) held a STOP behind all of it
 * while GHL's workflow kept texting. A retry of it waits its backoff like any other.
 */
const SEND_DND = `UPDATE sync_jobs SET state = 'queued', attempts = 0, lease_owner = NULL, lease_expires_at = NULL, next_run_at = 0, line_at = NULL,
  last_error_code = NULL, last_error_message = NULL, updated_at = @now WHERE lead_id = @leadId`;

/** Whether a lead was ever given to the queue (any job row, even a cancelled one). */
const HAS_JOB = `SELECT 1 AS one FROM sync_jobs WHERE lead_id = ? LIMIT 1`;
const BATCH_HELD_BACK = `SELECT 1 AS one FROM import_batches WHERE id = ? AND queue_sync = 0`;

/**
 * Leads that opted out after they were sent, whose job that turns DND on in GHL has still to go (cancelPending),
 * or gave up (GHL refused it, or every try failed): a failed job of a do-not-contact lead is always that one,
 * since an opt-out cancels the jobs of a lead GHL cannot have.
 */
const dndNotInGhlOf = (scope: 'lead_id' | 'company_id') => `SELECT count(*) FILTER (WHERE j.state IN ('queued', 'running')) AS pending,
    count(*) FILTER (WHERE j.state = 'failed') AS failed,
    max(CASE WHEN j.state = 'queued' THEN ${DND_HOLD_SQL} END) AS heldBy
  FROM sync_jobs j JOIN leads l ON l.id = j.lead_id
  WHERE j.${scope} = @id AND l.do_not_contact = 1 AND j.state IN ('queued', 'running', 'failed')`;

/** The start of the UTC day `now` is in: GHL's daily limit resets then unless it said otherwise (its rate limiter alike). */
export const utcDayStart = (now: number): number => nextUtcMidnight(now).getTime() - 86_400_000;


/**
 * A waiting job's hold by GHL, as SQL over `sync_jobs j` with `@dayStart` (utcDayStart): 'key-refused', 'daily-limit'
 * (only one met since the day's reset), else NULL. 'key-refused' sorts last, so max() of several says it first. One
 * owner for the rule: the lead's panel (dndNotInGhl) and the dashboard's alerts (SyncQueries.heldOptOuts) read it.
 */
export const DND_HOLD_SQL = `(CASE WHEN j.last_error_code LIKE '%:auth' THEN 'key-refused'
  WHEN j.last_error_code LIKE '%:daily-limit' AND j.updated_at >= @dayStart THEN 'daily-limit' END)`;

const MESSAGE_MAX = 1_000;
const clip = (text: string | null): string | null => (text === null ? null : text.slice(0, MESSAGE_MAX));

/** The lead as an edit finds it, for {@link JobQueue.afterEdit}. */
export interface EditedLead {
  id: number;
  companyId: number;
  batchId: number | null;
  status: LeadStatus;
  enrolledAt: number | null;
}

/**
 * A lead the campaign has texted, sent to GHL again (an edit, Send again, a new time zone): only its record goes (its
 * job's gate is 'free', lead-copy.ts), nothing starts the campaign again. It stays "Sent to GHL" meanwhile: "Waiting
 * to send" told the office it would be texted again, and took it out of the dashboard's Sent count (a review). Its
 * panel says the update waits (JobQueue.isUpdatePending).
 */
export const isResentRecordOnly = (lead: Pick<EditedLead, 'status' | 'enrolledAt'>): boolean => lead.status === 'synced' && lead.enrolledAt !== null;

export class JobQueue {
  private leaseStatements: LeaseStatements | null = null;
  private leadStatements: ReturnType<typeof prepareLeadStatements> | null = null;
  private claimTx: ((companyId: number, leaseOwner: string, limit: number, now: number, leaseMs: number, scope: ClaimScope) => ClaimedJob[]) | null = null;
  private claimSeq = 0;
  private claimGate: ClaimGate | null = null;
  private everywhere: OptOutEverywhere | null = null;
  private watch: SharedCustomerWatch | null = null;
  private heldElsewhere: HeldElsewhere | null = null;
  private formerContactNumbers: FormerContactNumbers | null = null;
  private placeByContactPhone: ReturnType<typeof prepareContactPhonePlacement> | null = null;
  private queuedWithoutJobs: QueuedWithoutJobs | null = null;
  private writeQueuedTx: ((limit: number, now: number) => number) | null = null;
  readonly batches: BatchJobs;

  /** `companyZone`: the zone of a company whose own is not known yet (this machine's by default). */
  constructor(
    private readonly db: Database.Database,
    private readonly companyZone?: () => string,
  ) {
    this.batches = new BatchJobs(db);
  }

  /** The scheduler's rules on the claim (claim-gate.ts). */
  get gate(): ClaimGate {
    return (this.claimGate ??= new ClaimGate(this.db, this.companyZone));
  }

  // The sync worker's statements and the lead code's are prepared on first use: a LeadService edit
  // should not prepare the worker's twenty statements, nor the worker the lead code's.
  private get lease(): LeaseStatements {
    return (this.leaseStatements ??= prepareLeaseStatements(this.db));
  }

  private get lead(): ReturnType<typeof prepareLeadStatements> {
    return (this.leadStatements ??= prepareLeadStatements(this.db));
  }

  /**
   * How many of a lead's or a company's do-not-contact leads GHL has without DND: their job that turns it on
   * is still to go (`pending`: the sync does it) or gave up (`failed`: it waits for a retry). Deleting them
   * would take that job along, and GHL would keep the contact without DND for a workflow to text.
   */
  dndNotInGhl(scope: { leadId: number } | { companyId: number }, now = Date.now()): { pending: number; failed: number; heldBy: OptOutHold | null } {
    // A daily limit met before today (UTC) has reset: it holds nothing any more (SyncQueries.heldOptOuts alike).
    const dayStart = utcDayStart(now);
    const row = 'leadId' in scope ? this.lead.dndNotInGhlOfLead.get({ id: scope.leadId, dayStart }) : this.lead.dndNotInGhlOfCompany.get({ id: scope.companyId, dayStart });
    return { pending: row?.pending ?? 0, failed: row?.failed ?? 0, heldBy: row?.heldBy ?? null };
  }

  /**
   * A new key was saved: the company's waiting opt-outs (and re-sends: the 'free' jobs, through their partial index, not
   * every queued job) forget that GHL refused the old one (their last error).
   */
  forgetKeyRefusals(companyId: number, now: number): void {
    this.lead.forgetKeyRefusals.run({ companyId, now });
  }

  // ── In the caller's transaction ─────────────────────────────────────────────────────────────

  /** Queues (or re-queues) the lead's one sync job. Caller provides the transaction and sets the lead 'queued'. */
  enqueue(companyId: number, leadId: number, now: number): void {
    this.lead.upsert.run({ companyId, leadId, key: syncJobKey(companyId, leadId), now });
  }

  /**
   * An enrolled lead placed on another clock since it was sent (a placement rule fixed, migration 0050): GHL times the
   * campaign's later steps by its contact's `timezone`, so the contact goes once more with the new one. An upsert only:
   * the lead is enrolled, and an enrolled lead is never enrolled again. Only a lead whose sending is done ('synced'):
   * one still to go, or failed (its retry), sends the new zone anyway. Caller's transaction.
   */
  resendWithNewZone(companyId: number, leadId: number, now: number): void {
    if (this.lead.isSentAndEnrolled.get(leadId) !== undefined) this.enqueue(companyId, leadId, now);
  }

  /** One job for each 'queued' lead of the company with an id above `afterLeadId` (an import's chunk). Caller's transaction. */
  enqueueInserted(companyId: number, afterLeadId: number, now: number): void {
    this.lead.insertRange.run({ company: companyId, keyPrefix: companyPrefix(companyId), now, after: afterLeadId });
  }

  /**
   * The 'queued' leads of an import's chunk (the batch's leads above `afterLeadId`; `byState`, how many per unsure
   * state) get their jobs from the sync (queued-without-jobs.ts), with `now` as their place in line. Caller's transaction.
   */
  queueInserted(companyId: number, batchId: number, afterLeadId: number, byState: readonly QueuedByState[], now: number): void {
    this.withoutJobs.record(companyId, batchId, afterLeadId, byState, now);
  }

  /**
   * The sync writes the jobs of up to `limit` leads an import queued (queueInserted), oldest import first, in one short
   * write transaction; returns how many leads it went over (0: none left).
   */
  writeQueuedJobs(limit: number, now = Date.now()): number {
    this.writeQueuedTx ??= this.db.transaction((max: number, at: number) => this.withoutJobs.writeSome(max, at)).immediate;
    return this.writeQueuedTx(limit, now);
  }

  /** Whether an import queued leads whose jobs the sync has yet to write. */
  hasQueuedWithoutJobs(): boolean {
    return this.withoutJobs.hasAny();
  }

  private get withoutJobs(): QueuedWithoutJobs {
    return (this.queuedWithoutJobs ??= new QueuedWithoutJobs(this.db));
  }

  /**
   * The lead became do-not-contact: its unsent jobs are cancelled, or — when GHL has its contact, or may
   * have it (an upsert went without its answer) — its job goes once more to turn on DND there (company-lane.ts
   * finds the contact first when its id is not known). Caller's transaction.
   */
  cancelPending(leadId: number, now: number): void {
    if (this.lead.mayBeInGhlWithoutDnd.get(leadId)) this.lead.sendDnd.run({ leadId, now });
    else this.lead.cancel.run(now, leadId);
  }

  /** Every company's leads with one of these keys opted out too (opt-out-everywhere.ts). In the caller's transaction. */
  get optOutEverywhere(): OptOutEverywhere {
    return (this.everywhere ??= new OptOutEverywhere(this.db, (leadId, now) => this.cancelPending(leadId, now)));
  }

  /**
   * An edit of a lead (form, CLI, `setDoNotContact`), in the caller's transaction: cancels or
   * (re)queues its job and returns the status the lead must be written with.
   *  - do-not-contact: its unsent jobs are cancelled → 'do-not-contact'.
   *  - held back ('new': imported with "Queue now" off, or its batch's sync cancelled): stays 'new',
   *    no job. The edit is sent when the batch is (Import history → Send to GHL).
   *  - already given to the queue (queued, syncing, synced, failed, dnd): re-sent → 'queued'; a job
   *    still waiting keeps its time (see UPSERT_JOB). One the campaign has texted stays 'synced' (isResentRecordOnly).
   *  - do-not-contact lifted: goes where it would be had it never been marked — held back ('new') when
   *    it was never queued and came from an import with "Queue now" off, else queued.
   */
  afterEdit(lead: EditedLead, isDoNotContact: boolean, now: number): LeadStatus {
    if (isDoNotContact) {
      this.cancelPending(lead.id, now);
      return 'do-not-contact';
    }
    if (lead.status === 'new') return 'new';
    if (lead.status === 'do-not-contact' && this.wasHeldBack(lead)) return 'new';
    this.enqueue(lead.companyId, lead.id, now);
    return isResentRecordOnly(lead) ? 'synced' : 'queued';
  }

  /** A lead sent to GHL whose record goes there again (isResentRecordOnly): its job waits or is on its way. */
  isUpdatePending(leadId: number): boolean {
    return this.lead.updatePending.get(leadId) !== undefined;
  }

  private wasHeldBack(lead: EditedLead): boolean {
    if (this.lead.hasJob.get(lead.id) !== undefined) return false;
    return lead.batchId !== null && this.lead.batchHeldBack.get(lead.batchId) !== undefined;
  }

  // ── The sync worker (each call its own short transaction) ───────────────────────────────────

  /**
   * Claims up to `limit` jobs of a company that may go at `now`, oldest first; the lease is
   * `<owner>#<n>`. A lead never enrolled goes only in its window and within the company's daily cap
   * (claim-gate.ts); the choice and the claim are one write transaction, so two claims cannot both
   * take the last of the cap. `scope`: what the company's state lets go (ClaimGate.pick).
   */
  claim(companyId: number, owner: string, limit: number, now: number, leaseMs: number, scope: ClaimScope = 'all'): ClaimedJob[] {
    this.claimSeq += 1;
    this.claimTx ??= this.db.transaction((id: number, lease: string, max: number, at: number, ms: number, claimScope: ClaimScope): ClaimedJob[] => {
      this.lease.restoreDeferred.run({ now: at });
      const picked = this.pickSendable(id, max, at, claimScope);
      if (picked.length === 0) return [];
      const ids = this.lease.claim.all({ ids: JSON.stringify(picked), owner: lease, now: at, leaseUntil: at + ms }).map((r) => r.id);
      if (ids.length === 0) return [];
      const json = JSON.stringify(ids);
      this.lease.markLeadsSyncing.run(at, json);
      return this.lease.claimedLeads.all(json).map(toClaimedJob);
    }).immediate;
    return this.claimTx(companyId, `${owner}#${this.claimSeq}`, limit, now, leaseMs, scope);
  }

  /**
   * The gate's pick without the leads on the office-wide opt-out list: those become do-not-contact and
   * their jobs are cancelled here, in the claim's transaction, so no path that queued them (an edit,
   * another company's opt-out, a held-back batch sent later) can send them. Picks again when all it
   * picked was dropped, so a run of opted-out leads cannot make a busy company look idle.
   */
  private pickSendable(companyId: number, limit: number, now: number, scope: ClaimScope): number[] {
    for (;;) {
      const picked = this.gate.pick(companyId, limit, now, { scope });
      if (picked.length === 0) return picked;
      const optedOut = this.lease.pickedOptedOut.all(JSON.stringify(picked));
      if (optedOut.length === 0) return picked;
      for (const { leadId } of optedOut) {
        this.lease.markLeadOptedOut.run(now, leadId);
        this.cancelPending(leadId, now);
        // Its other phone or email is the same customer's: her leads elsewhere, enrolled before, are marked too.
        this.optOutEverywhere.spreadFromLead(leadId, now);
      }
      const dropped = new Set(optedOut.map((row) => row.jobId));
      const sendable = picked.filter((jobId) => !dropped.has(jobId));
      if (sendable.length > 0) return sendable;
    }
  }

  /**
   * Whether the lead of a running job may be enrolled at `now` (asked right before the enrolment and
   * before each attempt of it): a lead never enrolled only inside its place's window, which may have
   * closed since the claim — a claim's hundred leads take half a minute or more to send. The cap was
   * counted at the claim. A re-send of an enrolled lead texts nobody and is not paced.
   */
  mayEnrolNow(job: JobRef, now: number): boolean {
    const place = this.lease.placeOf.get(job.jobId);
    if (!place) return false;
    if (place.gate !== 'paced') return true;
    return this.gate.isOpenFor(place.companyId, { zone: place.zone, state: place.state }, now);
  }

  renewLeases(owner: string, now: number, leaseMs: number): number {
    return this.lease.renew.run(now + leaseMs, now, leasePattern(owner)).changes;
  }

  /**
   * Whether Stop sending or an undo took the job back (cancelled it) while it was claimed: not a lease that lapsed
   * and another claim of this or another runner that holds it now, which settles what is open itself.
   */
  isTakenBack(job: JobRef): boolean {
    return this.lease.isTakenBack.get(job.jobId) !== undefined;
  }

  /** Whether the claim still holds (the lead code may have reset the job meanwhile). */
  owns(job: JobRef): boolean {
    return this.lease.owns.get(job.jobId, job.leaseOwner) !== undefined;
  }

  /** Whether the claim still holds and the lead was not edited since it was claimed (asked before every attempt). */
  isCurrent(job: VersionedJobRef): boolean {
    return this.lease.isCurrent.get(job.jobId, job.leaseOwner, job.lead.version) !== undefined;
  }

  /**
   * The upsert happened: store the contact; a DND contact ends its job here (never enrolled). A lead marked
   * do-not-contact while this upsert was on its way lost its job then (GHL had no contact of it yet, so there
   * was no DND to send): now GHL has one, and its DND goes (cancelPending), or a "new contact" workflow there
   * could text the customer.
   */
  recordUpsert(
    job: JobRef & { companyId: number },
    contactId: string,
    isNew: boolean,
    isDnd: boolean,
    now: number,
    matched: { phone?: string | null | undefined; email?: string | null | undefined } = {},
    /** When the call went: a note of the lead's numbers made after it (a later claim's, the lease lapsed) is not its to forget. */
    sentAt = now,
  ): void {
    const s = this.lease;
    this.db.transaction(() => {
      const before = this.formerNumbers.before(job.leadId);
      const contactPhone = matched.phone ? ghlPhoneAsE164(matched.phone) : null;
      // The contact id is GHL's truth either way; the job and status only change while the claim is ours.
      s.upsertLead.run({ leadId: job.leadId, contactId, isNew: isNew ? 1 : 0, now, contactPhone });
      // A lead nothing placed is placed by the number GHL's contact keeps, the one the campaign texts (lead-placement.ts).
      (this.placeByContactPhone ??= prepareContactPhonePlacement(this.db))(job.leadId, matched.phone);
      if (isDnd) {
        // GHL's DND is the customer's word whoever holds the job now: a claim taken back meanwhile (Stop sending,
        // an undo) must not drop it, or the lead waits to be sent again and no other company hears of it.
        s.jobSucceeded.run(now, job.jobId, job.leaseOwner);
        s.leadDnd.run(now, now, job.leadId);
        this.cancelPending(job.leadId, now);
        this.optOutEverywhere.spreadFromLead(job.leadId, now);
        // The contact GHL matched may hold a phone or email the lead does not: the customer's too.
        this.optOutEverywhere.listGhlContact(ghlContactKeys(matched), job.companyId, job.leadId, now);
      } else if (!this.owns(job) && s.isDoNotContact.get(job.leadId)) this.cancelPending(job.leadId, now);
      // The lead's own contact on DND took its STOP at a number it may have held before (one the office corrected).
      this.formerNumbers.afterAnswer(job.leadId, before, { contactId, phone: contactPhone, isDnd, askedAt: sentAt }, (keys, reason) =>
        this.optOutEverywhere.listGhlContact(keys, job.companyId, job.leadId, now, reason),
      );
      if (before?.contactId !== contactId) this.formerNumbers.forget(job.leadId);
    }).immediate();
  }

  /**
   * Right before an update sends the lead's contact its number (former-contact-numbers.ts), in a commit of its own. True
   * when this noted it: only then may a refusal of the call take the note back (unnotePhoneSent).
   */
  notePhoneSent(leadId: number, phone: string, now: number): boolean {
    return this.db.transaction(() => this.formerNumbers.noteSent(leadId, phone, now)).immediate();
  }

  /** GHL refused the update whose number notePhoneSent noted: the contact did not take it. */
  unnotePhoneSent(leadId: number, phone: string): void {
    this.formerNumbers.unnoteSent(leadId, phone);
  }

  private get formerNumbers(): FormerContactNumbers {
    return (this.formerContactNumbers ??= new FormerContactNumbers(this.lease));
  }

  /** The lead's customer at other companies whose GHL contact was not asked about DND since `checkedBefore` (shared-customer-watch.ts). */
  unaskedElsewhere(leadId: number, checkedBefore: number): LeadElsewhere[] {
    return (this.watch ??= new SharedCustomerWatch(this.db)).unaskedElsewhere(leadId, checkedBefore);
  }

  /** Another GHL contact of the company's than `contactId` (shared-customer-watch.ts otherContact); null: none. */
  otherContactOf(companyId: number, contactId: string): { leadId: number; contactId: string } | null {
    return (this.watch ??= new SharedCustomerWatch(this.db)).otherContact(companyId, contactId);
  }

  /**
   * The claimed job waits for another company's GHL, which could not be asked about the same customer (held-elsewhere.ts):
   * until its other held leads' next try, or `askAgainMs` from now; no attempt used. `companies`: the names not answered.
   * Held for this one contact (GHL refused or failed the question about it) again and again, longer each time, up to
   * `longestMs` (held-elsewhere.ts hold).
   */
  holdForOtherCompany(job: ClaimedJob, otherCompanyId: number, companies: readonly string[], kind: HoldKind, askAgainMs: number, now: number, longestMs = askAgainMs): boolean {
    const held = this.held;
    return this.db.transaction(() => held.hold(job, otherCompanyId, companies, kind, askAgainMs, now, longestMs)).immediate();
  }

  /** Until when leads wait for that company's GHL, which could not be asked lately; null: ask it now. */
  heldElsewhereUntil(otherCompanyId: number, now: number): number | null {
    return this.held.heldUntil(otherCompanyId, now);
  }

  /** Why that company could not be asked lately (held-elsewhere.ts memoryOf); null: ask it now. */
  heldElsewhereBecause(otherCompanyId: number, now: number): 'unasked' | 'key-refused' | null {
    return this.held.memoryOf(otherCompanyId, now)?.kind ?? null;
  }

  /** That company's GHL answered: the leads held because it could not be asked go now (held-elsewhere.ts releaseAnswered). */
  releaseHeldFor(otherCompanyId: number, now: number): number {
    const held = this.held;
    return this.db.transaction(() => held.releaseAnswered(otherCompanyId, now)).immediate();
  }

  /** That company's key was saved or removed, or the company removed: every lead held for it goes now. */
  releaseAllHeldFor(otherCompanyId: number, now: number): number {
    const held = this.held;
    return this.db.transaction(() => held.releaseAll(otherCompanyId, now)).immediate();
  }

  private get held(): HeldElsewhere {
    return (this.heldElsewhere ??= new HeldElsewhere(this.db));
  }

  /** The leads of customers shared with another company whose GHL contact is due to be asked about DND (shared-customer-watch.ts). */
  dueDndChecks(companyId: number, checkedBefore: number, limit: number): WatchedLead[] {
    return (this.watch ??= new SharedCustomerWatch(this.db)).due(companyId, checkedBefore, limit);
  }

  /**
   * GHL answered whether the lead's contact is on do-not-disturb. On DND (the customer replied STOP there): the lead
   * becomes 'dnd', its waiting job is cancelled, and the opt-out spreads to every company (optOutEverywhere), from
   * the lead's keys and from the phone and email the contact holds: GHL matched an email-only lead to a contact
   * with her mobile, its workflow texted that mobile and she said STOP there, and another company's lead with that
   * mobile was texted (the same DND learnt from an upsert's answer lists them: recordUpsert).
   */
  recordContactDnd(leadId: number, contact: { contactId: string; isDnd: boolean; phone?: string | null; email?: string | null }, now: number, askedAt = now): void {
    const watch = (this.watch ??= new SharedCustomerWatch(this.db));
    this.db.transaction(() => {
      const beforeAnswer = this.formerNumbers.before(leadId);
      const contactPhone = contact.phone ? ghlPhoneAsE164(contact.phone) : null;
      watch.markChecked(leadId, now, contactPhone);
      const after = this.lease.contactPhoneOf.get(leadId);
      // The number a lead marked do-not-contact is texted at, learnt only now (a lead enrolled before it was kept): the
      // customer's leads with it elsewhere are hers too (the trigger of migration 0048 lists it).
      if (after?.phone && after.phone !== beforeAnswer?.contactPhone && after.isOptedOut) this.optOutEverywhere.spread([{ kind: 'phone', value: after.phone }], now, leadId);
      const lead = this.lease.leadCompany.get(leadId);
      if (contact.isDnd) {
        if (this.lease.markLeadGhlDnd.run(now, leadId).changes > 0) {
          this.cancelPending(leadId, now);
          this.optOutEverywhere.spreadFromLead(leadId, now);
        }
        if (lead) this.optOutEverywhere.listGhlContact(ghlContactKeys(contact), lead.companyId, leadId, now);
      }
      // As from an update's answer: on DND, the numbers the contact may have held before (recordUpsert).
      if (lead) {
        this.formerNumbers.afterAnswer(leadId, beforeAnswer, { contactId: contact.contactId, phone: contactPhone, isDnd: contact.isDnd, askedAt }, (keys, reason) =>
          this.optOutEverywhere.listGhlContact(keys, lead.companyId, leadId, now, reason),
        );
      }
    }).immediate();
  }

  /**
   * GHL matched the lead to a contact whose own phone or email is on the office-wide opt-out list (an email-only
   * lead, a contact that holds the customer's listed mobile): the lead is marked do-not-contact as the list marks
   * leads, and its job turns into the DND for that contact (cancelPending), instead of enrolling it — which would
   * text the listed number. True when so (and the claim was ours).
   */
  optOutByMatchedContact(job: JobRef, contact: { phone?: string | null | undefined; email?: string | null | undefined }, now: number): boolean {
    const keys = ghlContactKeys(contact).map((key) => key.value);
    if (keys.length === 0) return false;
    return this.db.transaction(() => {
      if (!this.owns(job) || !this.lease.listedAny.get(JSON.stringify(keys))) return false;
      this.lease.markLeadOptedOut.run(now, job.leadId);
      this.cancelPending(job.leadId, now);
      this.optOutEverywhere.spreadFromLead(job.leadId, now);
      return true;
    }).immediate();
  }

  /**
   * Returns how many of the jobs were still ours (the others were reset or cancelled meanwhile).
   * `enrolled`: GHL enrolled these leads in this attempt — `enrolled_at` is written for every one of
   * them, still ours or not, and `alsoInTx` (the caller's record of the result, e.g. the create-once
   * row) commits together with it.
   */
  completeSynced(jobs: readonly JobRef[], now: number, enrolled?: { alsoInTx: () => void; /** When the enrolment's call went, if not now. */ at?: number | undefined }): number {
    if (jobs.length === 0 && !enrolled) return 0;
    const s = this.lease;
    const enrolledAt = enrolled?.at ?? now;
    return this.db.transaction(() => {
      if (enrolled) {
        enrolled.alsoInTx();
        for (const job of jobs) s.leadEnrolled.run(enrolledAt, job.leadId);
      }
      let completed = 0;
      for (const job of jobs) {
        const isSucceeded =
          s.jobSucceeded.run(now, job.jobId, job.leaseOwner).changes > 0 || (enrolled !== undefined && s.takenBackJobSucceeded.run(now, job.jobId).changes > 0);
        if (isSucceeded) {
          s.leadSynced.run(now, enrolledAt, now, job.leadId);
          completed++;
        }
      }
      return completed;
    }).immediate();
  }

  /**
   * The leads are in the campaign through another lead of the same GHL contact (create-once.ts siblingEnrolment): synced,
   * enrolled when that lead's enrolment went (`enrolledAt`), and not counted again under the caps: no text went for them.
   * Counted, a customer added again after her lead was deleted took a second place in the day, and a file imported again
   * after a restore would spend days of the cap on texts never sent (a review). Only the jobs still ours.
   */
  completeThroughSibling(jobs: readonly JobRef[], now: number, enrolledAt: number): number {
    if (jobs.length === 0) return 0;
    const s = this.lease;
    return this.db.transaction(() => {
      let completed = 0;
      for (const job of jobs) {
        if (s.jobSucceeded.run(now, job.jobId, job.leaseOwner).changes === 0) continue;
        const wasEnrolled = s.isLeadEnrolled.get(job.leadId) !== undefined;
        // Only when the lead took the enrolment (not one marked do-not-contact meanwhile): else the log's latest row at
        // that instant is another lead's, its sibling's own (a review).
        const isSynced = s.leadSynced.run(now, enrolledAt, now, job.leadId).changes > 0;
        if (isSynced && !wasEnrolled) s.uncountEnrolment.run({ leadId: job.leadId, at: enrolledAt });
        completed++;
      }
      return completed;
    }).immediate();
  }

  /**
   * Written right before an upsert of a lead whose contact is not known (a commit of its own, so a crash
   * during the call leaves it): from then on GHL may have the contact, and an opt-out or undo treats it so.
   * False when the claim is gone (Stop sending, an undo): the upsert must not go.
   */
  markUpsertSent(job: JobRef, now: number): boolean {
    return this.lease.upsertSent.run({ id: job.jobId, lease: job.leaseOwner, now }).changes > 0;
  }

  /**
   * GHL refused the key of the upsert marked at `markedAt`: it did nothing, so the lead is not "maybe in GHL" for it
   * (undo kept such a lead and warned that GHL might go on texting it; an opt-out looked for its contact). A mark of an
   * earlier upsert that went without its answer stays (its own instant).
   */
  unmarkRefusedUpsert(job: JobRef, markedAt: number): void {
    this.lease.upsertRefused.run({ id: job.jobId, markedAt });
  }

  /**
   * The contact GHL matched to a do-not-contact lead whose upsert answer was lost: recorded as the lead's
   * (whoever holds the claim: it is GHL's fact), so the lead counts as in GHL from now on.
   */
  recordFoundContact(job: JobRef, contactId: string, now: number): void {
    this.lease.foundContact.run({ leadId: job.leadId, contactId, now });
  }

  /** GHL set the do-not-contact lead's DND (or has no such contact any more): the job is done, the lead says do-not-contact. */
  completeDnd(job: JobRef, now: number): boolean {
    const s = this.lease;
    return this.db.transaction(() => {
      if (s.jobSucceeded.run(now, job.jobId, job.leaseOwner).changes === 0) return false;
      s.leadDndSent.run(now, job.leadId);
      return true;
    }).immediate();
  }

  /** Gives jobs back without using an attempt (offline, auth, pause, shutdown). `code` marks the step reached. */
  release(jobs: readonly JobRef[], nextRunAt: number, now: number, code: string | null = null, message: string | null = null): void {
    if (jobs.length === 0) return;
    const s = this.lease;
    this.db.transaction(() => {
      for (const job of jobs) {
        if (s.release.run({ id: job.jobId, lease: job.leaseOwner, nextRunAt, code, message: clip(message), now }).changes > 0) s.leadQueued.run(now, job.leadId);
      }
    }).immediate();
  }

  /** A transient failure used an attempt: try again at `nextRunAt`. */
  retryLater(job: JobRef, attempts: number, nextRunAt: number, code: string, message: string, now: number): void {
    const s = this.lease;
    this.db.transaction(() => {
      if (s.retryLater.run({ id: job.jobId, lease: job.leaseOwner, attempts, nextRunAt, code, message: clip(message) ?? '', now }).changes > 0) {
        s.leadQueued.run(now, job.leadId);
      }
    }).immediate();
  }

  /** Returns whether the job was still ours to fail. `alsoInTx` commits with it whether or not it was. */
  fail(job: JobRef, attempts: number, code: string, message: string, now: number, alsoInTx?: () => void): boolean {
    const s = this.lease;
    return this.db.transaction(() => {
      alsoInTx?.();
      if (s.failJob.run({ id: job.jobId, lease: job.leaseOwner, attempts, code, message: clip(message) ?? '', now }).changes === 0) return false;
      s.leadFailed.run(clip(message) ?? '', now, job.leadId);
      return true;
    }).immediate();
  }

  /** A job that must not run (the lead became do-not-contact after it was queued). */
  cancel(job: JobRef, leadStatus: 'do-not-contact' | 'new', reason: string, now: number): void {
    const s = this.lease;
    this.db.transaction(() => {
      if (s.cancelJob.run(reason, now, job.jobId, job.leaseOwner).changes > 0) s.leadStatus.run(leadStatus, now, job.leadId);
    }).immediate();
  }

  /** Called once the runner lock is ours: every running job of someone else belongs to a dead runner. */
  requeueOrphans(owner: string, now: number): number {
    return this.requeue(() => this.lease.requeueOthers.all(now, leasePattern(owner)), now);
  }

  /** Safety net beside the lock: leases that nobody renewed. */
  requeueExpired(now: number): number {
    return this.requeue(() => this.lease.requeueExpired.all(now, now), now);
  }

  /**
   * Lane recovery: gives back every job a runner's lane (one company) holds, whatever the claim, with
   * no attempt used. For a lane that hit a database error and must start clean; if this write fails
   * too, the lane can drop its in-memory claims anyway and the leases lapse (requeueExpired).
   */
  releaseLane(owner: string, companyId: number, now: number): number {
    return this.requeue(() => this.lease.requeueLane.all(now, companyId, leasePattern(owner)), now);
  }

  private requeue(select: () => Array<{ leadId: number }>, now: number): number {
    return this.db.transaction(() => {
      const leadIds = select().map((r) => r.leadId);
      if (leadIds.length > 0) this.lease.leadsBackToQueued.run(now, JSON.stringify(leadIds));
      return leadIds.length;
    }).immediate();
  }

  pendingByCompany(): Map<number, number> {
    return new Map(this.lease.pendingByCompany.all().map((r) => [r.companyId, r.n]));
  }

  // ── Long writes over a batch or the whole queue, in chunks (batch-jobs.ts) ──────────────────

  countHeldBack(companyId: number, batchId: number): number {
    return this.batches.countHeldBack(companyId, batchId);
  }

  // On the backend's main connection these run in a thread of their own (bulk-write-thread.ts): none
  // of their commits or checkpoints may stall the UI. Elsewhere (tests, workers) on this thread.

  queueHeldBack(companyId: number, batchId: number, now: () => number = Date.now, options?: ChunkOptions): Promise<number> {
    const thread = bulkWriteThreadOf(this.db);
    if (thread) return runInThread(thread, { op: 'queueHeldBack', companyId, batchId }, now, options);
    return this.batches.queueHeldBack(companyId, batchId, now, options);
  }

  /** Queues the held-back leads of a company that match an audience (`where` on `leads l`); returns how many. */
  queueMatching(companyId: number, where: string, params: Record<string, unknown>, now: () => number = Date.now, options?: ChunkOptions): Promise<number> {
    const thread = bulkWriteThreadOf(this.db);
    if (thread) return runInThread(thread, { op: 'queueMatching', companyId, where, params }, now, options);
    return this.batches.queueMatching(companyId, where, params, now, options);
  }

  undoBatch(batchId: number, options?: Parameters<BatchJobs['undoBatch']>[1]): Promise<Omit<UndoResult, 'batchId'>> {
    const thread = bulkWriteThreadOf(this.db);
    if (thread) return runInThread(thread, { op: 'undoBatch', batchId }, Date.now, options);
    return this.batches.undoBatch(batchId, options);
  }

  retryFailed(scope: RetryScope, now: () => number = Date.now, options?: ChunkOptions): Promise<number> {
    const thread = bulkWriteThreadOf(this.db);
    if (thread) return runInThread(thread, { op: 'retryFailed', scope }, now, options);
    return this.batches.retryFailed(scope, now, options);
  }

  cancelBatch(batchId: number, now: () => number = Date.now, options?: ChunkOptions): Promise<number> {
    const thread = bulkWriteThreadOf(this.db);
    if (thread) return runInThread(thread, { op: 'cancelBatch', batchId }, now, options);
    return this.batches.cancelBatch(batchId, now, options);
  }
}

function prepareLeadStatements(db: Database.Database) {
  return {
    upsert: db.prepare<{ companyId: number; leadId: number; key: string; now: number }>(UPSERT_JOB),
    insertRange: db.prepare<{ company: number; keyPrefix: string; now: number; after: number }>(INSERT_RANGE),
    cancel: db.prepare<[number, number]>(CANCEL_PENDING),
    mayBeInGhlWithoutDnd: db.prepare<[number], { one: number }>(MAY_BE_IN_GHL_WITHOUT_DND),
    sendDnd: db.prepare<{ leadId: number; now: number }>(SEND_DND),
    hasJob: db.prepare<[number], { one: number }>(HAS_JOB),
    isSentAndEnrolled: db.prepare<[number], { one: number }>(
      `SELECT 1 AS one FROM leads WHERE id = ? AND status = 'synced' AND enrolled_at IS NOT NULL AND do_not_contact = 0`,
    ),
    updatePending: db.prepare<[number], { one: number }>(
      `SELECT 1 AS one FROM leads l JOIN sync_jobs j ON j.lead_id = l.id WHERE l.id = ? AND l.status = 'synced' AND j.state IN ('queued', 'running')`,
    ),
    batchHeldBack: db.prepare<[number], { one: number }>(BATCH_HELD_BACK),
    forgetKeyRefusals: db.prepare<{ companyId: number; now: number }>(
      // INDEXED BY: without statistics the planner took the claim index, every queued job of the company.
      `UPDATE sync_jobs INDEXED BY sync_jobs_free_idx SET last_error_code = NULL, last_error_message = NULL, updated_at = @now
       WHERE company_id = @companyId AND state = 'queued' AND send_gate = 'free' AND last_error_code LIKE '%:auth'`,
    ),
    dndNotInGhlOfLead: db.prepare<{ id: number; dayStart: number }, { pending: number; failed: number; heldBy: OptOutHold | null }>(dndNotInGhlOf('lead_id')),
    dndNotInGhlOfCompany: db.prepare<{ id: number; dayStart: number }, { pending: number; failed: number; heldBy: OptOutHold | null }>(dndNotInGhlOf('company_id')),
  };
}

/** LIKE pattern for every lease of a runner (`<owner>#<n>`), with LIKE's wildcards escaped. */
function leasePattern(owner: string): string {
  return `${owner.replace(/[\\%_]/g, (c) => `\\${c}`)}#%`;
}

function toClaimedJob(raw: ClaimedRaw): ClaimedJob {
  const { jobId, leaseOwner, leadId, companyId, attempts, lastErrorCode, doNotContact, enrolledAt, customValuesJson, ...lead } = raw;
  // Built by SQLite's json_group_array just above: an array of {id, name, value} strings.
  const customValues: SyncCustomValue[] = JSON.parse(customValuesJson);
  return {
    jobId, leaseOwner, leadId, companyId, attempts, lastErrorCode,
    lead: { ...lead, customValues, doNotContact: doNotContact === 1, wasEnrolled: enrolledAt !== null },
  };
}
