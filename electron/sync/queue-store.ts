/**
 * The durable sync queue on SQLite: prepared statements only, each state change one short commit.
 * A job's progress and the lead's GHL facts are written in the same transaction, so a crash at any
 * moment leaves the pair consistent and the job safe to run again.
 */
import type Database from 'better-sqlite3';

/** What a runner needs to sync one lead, read together with the claim. */
export interface ClaimedJob {
  jobId: number;
  /**
   * The claim's own lease id (`<runner owner>#<claim n>`). Every later write checks it, so a job the
   * lead code reset while it was in flight (edited lead) is never completed by the stale attempt.
   */
  leaseOwner: string;
  leadId: number;
  companyId: number;
  attempts: number;
  /** `<step>:<kind>` of the last failure; `enrol:*` with a known contact means the upsert already happened. */
  lastErrorCode: string | null;
  lead: LeadForSync;
}

export interface LeadForSync {
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  address1: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string;
  source: string | null;
  tag: string | null;
  doNotContact: boolean;
  ghlContactId: string | null;
  /** Set once the lead was enrolled (tagged or added to the workflow); later syncs only update the contact. */
  wasEnrolled: boolean;
}

export interface CompanyForSync {
  id: number;
  locationId: string;
  baseUrl: string;
  enrolMode: 'tag' | 'workflow';
  enrolTag: string | null;
  workflowId: string | null;
  pausedReason: 'user' | 'auth' | 'daily-limit' | null;
  pausedUntil: number | null;
}

export interface AttemptRow {
  jobId: number | null;
  leadId: number | null;
  companyId: number;
  operation: string;
  httpStatus: number | null;
  errorCode: string | null;
  message: string | null;
  traceId: string | null;
  durationMs: number;
  at: number;
}

type JobRef = Pick<ClaimedJob, 'jobId' | 'leadId' | 'leaseOwner'>;

/** The claimed job as the query returns it: one flat row, SQLite's 0/1 for booleans. */
type ClaimedRaw = Omit<ClaimedJob, 'lead'> & Omit<LeadForSync, 'doNotContact' | 'wasEnrolled'> & { doNotContact: number; enrolledAt: number | null };

const MESSAGE_MAX = 1_000;
const clip = (text: string | null): string | null => (text === null ? null : text.slice(0, MESSAGE_MAX));

export class QueueStore {
  private readonly claimStmt;
  private readonly claimedLeadsStmt;
  private readonly markLeadsSyncingStmt;
  private readonly renewStmt;
  private readonly ownsStmt;
  private claimSeq = 0;
  private readonly upsertLeadStmt;
  private readonly jobSucceededStmt;
  private readonly leadSyncedStmt;
  private readonly leadDndStmt;
  private readonly releaseStmt;
  private readonly leadQueuedStmt;
  private readonly retryLaterStmt;
  private readonly failJobStmt;
  private readonly leadFailedStmt;
  private readonly cancelJobStmt;
  private readonly leadStatusStmt;
  private readonly requeueOthersStmt;
  private readonly requeueExpiredStmt;
  private readonly leadsBackToQueuedStmt;
  private readonly pauseStmt;
  private readonly clearDailyPauseStmt;
  private readonly companiesStmt;
  private readonly runnableCountStmt;
  private readonly pendingByCompanyStmt;
  private readonly attemptStmt;
  private readonly lastSyncStmt;
  private readonly getMetaStmt;
  private readonly setMetaStmt;

  private readonly claimTx: (companyId: number, leaseOwner: string, limit: number, now: number, leaseMs: number) => ClaimedJob[];

  constructor(private readonly db: Database.Database) {
    // Oldest due first; the subquery uses sync_jobs_claim_idx (company_id, state, next_run_at).
    this.claimStmt = db.prepare<{ companyId: number; owner: string; limit: number; now: number; leaseUntil: number }, { id: number }>(
      `UPDATE sync_jobs SET state = 'running', lease_owner = @owner, lease_expires_at = @leaseUntil, updated_at = @now
       WHERE id IN (SELECT id FROM sync_jobs WHERE company_id = @companyId AND state = 'queued' AND next_run_at <= @now
                    ORDER BY next_run_at, id LIMIT @limit)
       RETURNING id`,
    );
    this.claimedLeadsStmt = db.prepare<[string], ClaimedRaw>(
      `SELECT j.id AS jobId, j.lease_owner AS leaseOwner, j.lead_id AS leadId, j.company_id AS companyId, j.attempts, j.last_error_code AS lastErrorCode,
              l.first_name AS firstName, l.last_name AS lastName, l.phone, l.email, l.address1, l.city, l.state,
              l.postal_code AS postalCode, l.country, l.source, l.tag, l.do_not_contact AS doNotContact, l.ghl_contact_id AS ghlContactId, l.enrolled_at AS enrolledAt
       FROM json_each(?) AS ids JOIN sync_jobs j ON j.id = ids.value JOIN leads l ON l.id = j.lead_id
       ORDER BY j.next_run_at, j.id`,
    );
    this.markLeadsSyncingStmt = db.prepare<[number, string]>(
      `UPDATE leads SET status = 'syncing', updated_at = ?
       WHERE id IN (SELECT lead_id FROM sync_jobs WHERE id IN (SELECT value FROM json_each(?))) AND status IN ('new', 'queued', 'failed')`,
    );
    this.renewStmt = db.prepare<[number, number, string]>(
      `UPDATE sync_jobs SET lease_expires_at = ?, updated_at = ? WHERE state = 'running' AND lease_owner LIKE ? ESCAPE '\\'`,
    );
    this.ownsStmt = db.prepare<[number, string], { one: number }>(`SELECT 1 AS one FROM sync_jobs WHERE id = ? AND state = 'running' AND lease_owner = ?`);
    // Keep the first "is new" answer: a redone upsert after a crash says new=false for the same contact.
    this.upsertLeadStmt = db.prepare<{ leadId: number; contactId: string; isNew: number; now: number }>(
      `UPDATE leads SET ghl_is_new = CASE WHEN ghl_contact_id = @contactId AND ghl_is_new IS NOT NULL THEN ghl_is_new ELSE @isNew END,
              ghl_contact_id = @contactId, updated_at = @now WHERE id = @leadId`,
    );
    this.jobSucceededStmt = db.prepare<[number, number, string]>(
      `UPDATE sync_jobs SET state = 'succeeded', lease_owner = NULL, lease_expires_at = NULL,
              last_error_code = NULL, last_error_message = NULL, updated_at = ? WHERE id = ? AND state = 'running' AND lease_owner = ?`,
    );
    this.leadSyncedStmt = db.prepare<[number, number, number, number]>(
      // Never over a do-not-contact mark set while the last request was in flight.
      `UPDATE leads SET status = 'synced', synced_at = ?, enrolled_at = coalesce(enrolled_at, ?), last_error = NULL, updated_at = ?
       WHERE id = ? AND do_not_contact = 0`,
    );
    this.leadDndStmt = db.prepare<[number, number, number]>(
      `UPDATE leads SET status = 'dnd', synced_at = ?, last_error = NULL, updated_at = ? WHERE id = ?`,
    );
    this.releaseStmt = db.prepare<{ id: number; lease: string; nextRunAt: number; code: string | null; message: string | null; now: number }>(
      `UPDATE sync_jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, next_run_at = @nextRunAt,
              last_error_code = COALESCE(@code, last_error_code), last_error_message = COALESCE(@message, last_error_message), updated_at = @now
       WHERE id = @id AND state = 'running' AND lease_owner = @lease`,
    );
    this.leadQueuedStmt = db.prepare<[number, number]>(
      `UPDATE leads SET status = 'queued', updated_at = ? WHERE id = ? AND status = 'syncing'`,
    );
    this.retryLaterStmt = db.prepare<{ id: number; lease: string; attempts: number; nextRunAt: number; code: string; message: string; now: number }>(
      `UPDATE sync_jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, attempts = @attempts, next_run_at = @nextRunAt,
              last_error_code = @code, last_error_message = @message, updated_at = @now
       WHERE id = @id AND state = 'running' AND lease_owner = @lease`,
    );
    this.failJobStmt = db.prepare<{ id: number; lease: string; attempts: number; code: string; message: string; now: number }>(
      `UPDATE sync_jobs SET state = 'failed', lease_owner = NULL, lease_expires_at = NULL, attempts = @attempts,
              last_error_code = @code, last_error_message = @message, updated_at = @now
       WHERE id = @id AND state = 'running' AND lease_owner = @lease`,
    );
    this.leadFailedStmt = db.prepare<[string, number, number]>(`UPDATE leads SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ?`);
    this.cancelJobStmt = db.prepare<[string, number, number, string]>(
      `UPDATE sync_jobs SET state = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, last_error_message = ?, updated_at = ?
       WHERE id = ? AND state = 'running' AND lease_owner = ?`,
    );
    this.leadStatusStmt = db.prepare<[string, number, number]>(`UPDATE leads SET status = ?, updated_at = ? WHERE id = ?`);
    // Only one runner per data dir (runner lock): a running job it does not own is an orphan of a dead runner.
    this.requeueOthersStmt = db.prepare<[number, string], { leadId: number }>(
      `UPDATE sync_jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
       WHERE state = 'running' AND (lease_owner IS NULL OR lease_owner NOT LIKE ? ESCAPE '\\') RETURNING lead_id AS leadId`,
    );
    this.requeueExpiredStmt = db.prepare<[number, number], { leadId: number }>(
      `UPDATE sync_jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
       WHERE state = 'running' AND lease_expires_at < ? RETURNING lead_id AS leadId`,
    );
    this.leadsBackToQueuedStmt = db.prepare<[number, string]>(
      `UPDATE leads SET status = 'queued', updated_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND status = 'syncing'`,
    );
    this.pauseStmt = db.prepare<{ id: number; reason: string; until: number | null; now: number }>(
      `UPDATE companies SET sync_paused_reason = @reason, sync_paused_until = @until, updated_at = @now WHERE id = @id`,
    );
    this.clearDailyPauseStmt = db.prepare<[number, number]>(
      `UPDATE companies SET sync_paused_reason = NULL, sync_paused_until = NULL, updated_at = ?
       WHERE sync_paused_reason = 'daily-limit' AND sync_paused_until IS NOT NULL AND sync_paused_until <= ?`,
    );
    this.companiesStmt = db.prepare<[], CompanyForSync>(
      `SELECT id, ghl_location_id AS locationId, ghl_base_url AS baseUrl, enrol_mode AS enrolMode, enrol_tag AS enrolTag,
              workflow_id AS workflowId, sync_paused_reason AS pausedReason, sync_paused_until AS pausedUntil
       FROM companies ORDER BY id`,
    );
    this.runnableCountStmt = db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM sync_jobs WHERE state IN ('queued', 'running') AND company_id IN (SELECT value FROM json_each(?))`,
    );
    this.pendingByCompanyStmt = db.prepare<[], { companyId: number; n: number }>(
      `SELECT company_id AS companyId, count(*) AS n FROM sync_jobs WHERE state IN ('queued', 'running') GROUP BY company_id`,
    );
    this.attemptStmt = db.prepare<AttemptRow>(
      `INSERT INTO sync_attempts (job_id, lead_id, company_id, operation, http_status, error_code, message, trace_id, duration_ms, at)
       VALUES (@jobId, @leadId, @companyId, @operation, @httpStatus, @errorCode, @message, @traceId, @durationMs, @at)`,
    );
    this.lastSyncStmt = db.prepare<[number, number]>(`UPDATE companies SET last_sync_at = ? WHERE id = ?`);
    this.getMetaStmt = db.prepare<[string], { value: string }>(`SELECT value FROM app_meta WHERE key = ?`);
    this.setMetaStmt = db.prepare<[string, string]>(
      `INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );

    this.claimTx = db.transaction((companyId: number, owner: string, limit: number, now: number, leaseMs: number): ClaimedJob[] => {
      const ids = this.claimStmt.all({ companyId, owner, limit, now, leaseUntil: now + leaseMs }).map((r) => r.id);
      if (ids.length === 0) return [];
      const json = JSON.stringify(ids);
      this.markLeadsSyncingStmt.run(now, json);
      return this.claimedLeadsStmt.all(json).map(toClaimedJob);
    }).immediate;
  }

  /** Claims up to `limit` due jobs of a company in one statement; the lease is `<owner>#<n>`. */
  claim(companyId: number, owner: string, limit: number, now: number, leaseMs: number): ClaimedJob[] {
    this.claimSeq += 1;
    return this.claimTx(companyId, `${owner}#${this.claimSeq}`, limit, now, leaseMs);
  }

  renewLeases(owner: string, now: number, leaseMs: number): number {
    return this.renewStmt.run(now + leaseMs, now, leasePattern(owner)).changes;
  }

  /** The upsert happened: store the contact; a DND contact ends its job here (never enrolled). */
  recordUpsert(job: JobRef, contactId: string, isNew: boolean, isDnd: boolean, now: number): void {
    this.db.transaction(() => {
      // The contact id is GHL's truth either way; the job and status only change while the claim is ours.
      this.upsertLeadStmt.run({ leadId: job.leadId, contactId, isNew: isNew ? 1 : 0, now });
      if (isDnd && this.jobSucceededStmt.run(now, job.jobId, job.leaseOwner).changes > 0) this.leadDndStmt.run(now, now, job.leadId);
    }).immediate();
  }

  /** Whether the claim still holds (the lead code may have reset the job meanwhile). */
  owns(job: JobRef): boolean {
    return this.ownsStmt.get(job.jobId, job.leaseOwner) !== undefined;
  }

  /** Returns how many of the jobs were still ours (the others were reset or cancelled meanwhile). */
  completeSynced(jobs: readonly JobRef[], now: number): number {
    if (jobs.length === 0) return 0;
    return this.db.transaction(() => {
      let completed = 0;
      for (const job of jobs) {
        if (this.jobSucceededStmt.run(now, job.jobId, job.leaseOwner).changes > 0) {
          this.leadSyncedStmt.run(now, now, now, job.leadId);
          completed++;
        }
      }
      return completed;
    }).immediate();
  }

  /** Gives jobs back without using an attempt (offline, auth, pause, shutdown). `code` marks the step reached. */
  release(jobs: readonly JobRef[], nextRunAt: number, now: number, code: string | null = null, message: string | null = null): void {
    if (jobs.length === 0) return;
    this.db.transaction(() => {
      for (const job of jobs) {
        if (this.releaseStmt.run({ id: job.jobId, lease: job.leaseOwner, nextRunAt, code, message: clip(message), now }).changes > 0) this.leadQueuedStmt.run(now, job.leadId);
      }
    }).immediate();
  }

  /** A transient failure used an attempt: try again at `nextRunAt`. */
  retryLater(job: JobRef, attempts: number, nextRunAt: number, code: string, message: string, now: number): void {
    this.db.transaction(() => {
      if (this.retryLaterStmt.run({ id: job.jobId, lease: job.leaseOwner, attempts, nextRunAt, code, message: clip(message) ?? '', now }).changes > 0) {
        this.leadQueuedStmt.run(now, job.leadId);
      }
    }).immediate();
  }

  /** Returns whether the job was still ours to fail. */
  fail(job: JobRef, attempts: number, code: string, message: string, now: number): boolean {
    return this.db.transaction(() => {
      if (this.failJobStmt.run({ id: job.jobId, lease: job.leaseOwner, attempts, code, message: clip(message) ?? '', now }).changes === 0) return false;
      this.leadFailedStmt.run(clip(message) ?? '', now, job.leadId);
      return true;
    }).immediate();
  }

  /** A job that must not run (the lead became do-not-contact after it was queued). */
  cancel(job: JobRef, leadStatus: 'do-not-contact' | 'new', reason: string, now: number): void {
    this.db.transaction(() => {
      if (this.cancelJobStmt.run(reason, now, job.jobId, job.leaseOwner).changes > 0) this.leadStatusStmt.run(leadStatus, now, job.leadId);
    }).immediate();
  }

  /** Called once the runner lock is ours: every running job of someone else belongs to a dead runner. */
  requeueOrphans(owner: string, now: number): number {
    return this.db.transaction(() => {
      const leadIds = this.requeueOthersStmt.all(now, leasePattern(owner)).map((r) => r.leadId);
      if (leadIds.length > 0) this.leadsBackToQueuedStmt.run(now, JSON.stringify(leadIds));
      return leadIds.length;
    }).immediate();
  }

  /** Safety net beside the lock: leases that nobody renewed. */
  requeueExpired(now: number): number {
    return this.db.transaction(() => {
      const leadIds = this.requeueExpiredStmt.all(now, now).map((r) => r.leadId);
      if (leadIds.length > 0) this.leadsBackToQueuedStmt.run(now, JSON.stringify(leadIds));
      return leadIds.length;
    }).immediate();
  }

  pauseCompany(companyId: number, reason: 'user' | 'auth' | 'daily-limit', until: number | null, now: number): void {
    this.pauseStmt.run({ id: companyId, reason, until, now });
  }

  clearExpiredDailyPauses(now: number): number {
    return this.clearDailyPauseStmt.run(now, now).changes;
  }

  companies(): CompanyForSync[] {
    return this.companiesStmt.all();
  }

  /** Jobs still to do (queued, waiting for a retry, or running) for these companies. */
  unfinishedCount(companyIds: readonly number[]): number {
    return this.runnableCountStmt.get(JSON.stringify(companyIds))?.n ?? 0;
  }

  pendingByCompany(): Map<number, number> {
    return new Map(this.pendingByCompanyStmt.all().map((r) => [r.companyId, r.n]));
  }

  recordAttempts(rows: readonly AttemptRow[]): void {
    if (rows.length === 0) return;
    this.db.transaction(() => {
      for (const row of rows) this.attemptStmt.run({ ...row, message: clip(row.message) });
    }).immediate();
  }

  touchLastSync(companyId: number, at: number): void {
    this.lastSyncStmt.run(at, companyId);
  }

  getMeta(key: string): string | null {
    return this.getMetaStmt.get(key)?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.setMetaStmt.run(key, value);
  }
}

/** LIKE pattern for every lease of a runner (`<owner>#<n>`), with LIKE's wildcards escaped. */
function leasePattern(owner: string): string {
  return `${owner.replace(/[\\%_]/g, (c) => `\\${c}`)}#%`;
}

function toClaimedJob(raw: ClaimedRaw): ClaimedJob {
  const { jobId, leaseOwner, leadId, companyId, attempts, lastErrorCode, doNotContact, enrolledAt, ...lead } = raw;
  return { jobId, leaseOwner, leadId, companyId, attempts, lastErrorCode, lead: { ...lead, doNotContact: doNotContact === 1, wasEnrolled: enrolledAt !== null } };
}
