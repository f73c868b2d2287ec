import type Database from 'better-sqlite3';
import { leadStatuses, type LeadStatus } from '../../../shared/lead';
import type { SyncPauseReason } from '../../../shared/sync-pause';
import { createCallTroubleRead, type CallTrouble } from './call-trouble';
import { COMPANY_PAUSE_COLUMNS, type CompanyPause } from './company-pause';

type Counts = Record<LeadStatus, number>;
const emptyCounts = (): Counts => Object.fromEntries(leadStatuses.map((s) => [s, 0])) as Counts;

const HOUR = 3_600_000;

/**
 * Jobs on their way, per company: due now, waiting for a later time, being sent — of leads to send. A do-not-contact
 * lead's job passes its opt-out to GHL (its DND): counted apart as `optOuts`, not as a lead still to go. "Still to
 * go 3" and "3 leads waiting; they go out on their schedule" were said of three opt-outs waiting for the connection.
 */
export interface QueueCounts {
  due: number;
  scheduled: number;
  /** Opt-outs still to pass to GHL (queued or being sent). */
  optOuts: number;
  sending: number;
}
export const emptyQueue = (): QueueCounts => ({ due: 0, scheduled: 0, sending: 0, optOuts: 0 });

export interface HeldBackBatch {
  batchId: number | null;
  companyId: number;
  fileName: string | null;
  importedAt: number | null;
  isImporting: boolean;
  count: number;
}

/**
 * Held back: exactly the leads a Send button would queue, by the rule `imports:queue` applies
 * (queue-batch.ts: status 'new', not do-not-contact), counted per company and batch by triggers on
 * leads (held_back_counts, migration 0023): "import now, send later" can hold a million leads, and
 * counting them took ~550 ms of the main thread at every dashboard refresh.
 */
const HELD_BACK_SQL = `
  SELECT h.company_id AS companyId, nullif(h.batch_id, 0) AS batchId, b.file_name AS fileName, b.created_at AS importedAt,
         b.state = 'running' AS isImporting, h.n AS count
  FROM held_back_counts h
  JOIN companies c ON c.id = h.company_id
  LEFT JOIN import_batches b ON b.id = h.batch_id
  WHERE h.n > 0 AND (@companyId IS NULL OR h.company_id = @companyId)
  ORDER BY b.created_at DESC, h.batch_id DESC`;

/**
 * Per company, without reading the waiting jobs one by one: a reactivation queue is a million leads
 * that drip out over months, and this read runs on the main thread at every dashboard refresh (a scan
 * of the live jobs took 340 ms at a million). The queued jobs are the trigger-kept waiting counts
 * (queued or running, never enrolled: migration 0020) less those running, plus the enrolled leads'
 * re-sends (sync_jobs_free_idx); what is running or timed for later is read through the claim index:
 * few jobs (the ones in flight, the retries' backoff). CROSS JOIN keeps companies outside.
 */
const QUEUE_SQL = `
  SELECT c.id AS companyId,
         (SELECT coalesce(sum(w.n), 0) FROM waiting_job_counts w WHERE w.company_id = c.id)
           - (SELECT count(*) FROM sync_jobs j INDEXED BY sync_jobs_claim_idx
              WHERE j.company_id = c.id AND j.state = 'running' AND j.send_gate IN ('paced', 'unplaced')) AS pacedQueued,
         (SELECT count(*) FROM sync_jobs j INDEXED BY sync_jobs_free_idx
          WHERE j.company_id = c.id AND j.state = 'queued' AND j.send_gate = 'free') AS freeQueued,
         (SELECT count(*) FROM sync_jobs j INDEXED BY sync_jobs_claim_idx
          WHERE j.company_id = c.id AND j.state = 'queued' AND j.next_run_at > @now) AS scheduled,
         (SELECT count(*) FROM sync_jobs j INDEXED BY sync_jobs_claim_idx WHERE j.company_id = c.id AND j.state = 'running') AS sending,
         (SELECT coalesce(sum(n), 0) FROM lead_status_counts s WHERE s.company_id = c.id AND s.status IN ('do-not-contact', 'dnd')) AS optedOutLeads
  FROM companies c
  WHERE (@companyId IS NULL OR c.id = @companyId)`;

/**
 * A company's jobs of do-not-contact leads (their DND on its way to GHL): queued, of those timed for later, and in
 * flight. Both sides can be large (an update import's re-sends of enrolled leads are free-gate jobs too; an office's
 * opted-out leads can be many), so the smaller is read: from the free-gate jobs, or from the opted-out leads (a
 * do-not-contact lead's status is 'do-not-contact' or 'dnd': OPTED_OUT_STATUS_SQL). Joining every free job to its
 * lead took ~160 ms at 300k re-sends (a review).
 */
const OPT_OUT_JOBS_FROM_JOBS = `
  SELECT coalesce(sum(j.state = 'queued'), 0) AS queued, coalesce(sum(j.state = 'queued' AND j.next_run_at > @now), 0) AS later,
         coalesce(sum(j.state = 'running'), 0) AS sending
  FROM (SELECT id FROM sync_jobs INDEXED BY sync_jobs_free_idx WHERE company_id = @companyId AND state = 'queued' AND send_gate = 'free'
        UNION ALL
        SELECT id FROM sync_jobs INDEXED BY sync_jobs_claim_idx WHERE company_id = @companyId AND state = 'running') ids
  JOIN sync_jobs j ON j.id = ids.id JOIN leads l ON l.id = j.lead_id
  WHERE j.send_gate = 'free' AND l.do_not_contact = 1`;
const OPT_OUT_JOBS_FROM_LEADS = `
  SELECT coalesce(sum(j.state = 'queued'), 0) AS queued, coalesce(sum(j.state = 'queued' AND j.next_run_at > @now), 0) AS later,
         coalesce(sum(j.state = 'running'), 0) AS sending
  FROM leads l INDEXED BY leads_company_status_idx JOIN sync_jobs j INDEXED BY sync_jobs_lead_idx ON j.lead_id = l.id
  WHERE l.company_id = @companyId AND l.status IN ('do-not-contact', 'dnd') AND l.do_not_contact = 1
    AND j.state IN ('queued', 'running') AND j.send_gate = 'free'`;
type OptOutJobs = { queued: number; later: number; sending: number };

/** Reads the trigger-maintained aggregates: answers in well under a millisecond at any size. */
export class DashboardService {
  constructor(private readonly client: Database.Database) {}

  summary(companyId?: number, now = Date.now()) {
    const companyRows = this.client
      .prepare('SELECT id, name, sync_paused_reason AS syncPausedReason, last_sync_at AS lastSyncAt FROM companies WHERE (@companyId IS NULL OR id = @companyId) ORDER BY name')
      .all({ companyId: companyId ?? null }) as Array<{ id: number; name: string; syncPausedReason: SyncPauseReason | null; lastSyncAt: number | null }>;
    const countRows = this.client
      .prepare('SELECT company_id AS companyId, status, n FROM lead_status_counts WHERE (@companyId IS NULL OR company_id = @companyId)')
      .all({ companyId: companyId ?? null }) as Array<{ companyId: number; status: LeadStatus; n: number }>;
    const totals = emptyCounts();
    const perCompany = new Map<number, Counts>(companyRows.map((c) => [c.id, emptyCounts()]));
    for (const row of countRows) {
      if (!(row.status in totals)) continue;
      totals[row.status] += row.n;
      const counts = perCompany.get(row.companyId);
      if (counts) counts[row.status] += row.n;
    }
    const failedReasons = this.client
      .prepare(
        `SELECT reason, n AS count, company_id AS companyId FROM failed_reason_counts
         WHERE n > 0 AND (@companyId IS NULL OR company_id = @companyId) ORDER BY n DESC LIMIT 20`,
      )
      .all({ companyId: companyId ?? null }) as Array<{ reason: string; count: number; companyId: number }>;
    const startOfDay = new Date(now);
    startOfDay.setHours(0, 0, 0, 0);
    const syncedToday = (
      this.client
        .prepare('SELECT coalesce(sum(n), 0) AS n FROM synced_per_hour WHERE hour >= @since AND (@companyId IS NULL OR company_id = @companyId)')
        .get({ since: Math.floor(startOfDay.getTime() / HOUR) * HOUR, companyId: companyId ?? null }) as { n: number }
    ).n;
    return {
      totals,
      companies: companyRows.map((c) => ({ companyId: c.id, name: c.name, counts: perCompany.get(c.id)!, syncPausedReason: c.syncPausedReason, lastSyncAt: c.lastSyncAt })),
      failedReasons,
      syncedToday,
    };
  }

  /**
   * What the dashboard adds to the summary: the queue split by when it goes, and the held-back leads
   * per import. Call inside the caller's read transaction so it agrees with the rest of the page.
   */
  queueAndHeldBack(
    now: number,
    companyId?: number,
  ): { queue: Map<number, QueueCounts>; optOutsDue: Map<number, number>; heldBack: HeldBackBatch[]; pauses: CompanyPause[] } {
    const { queue, optOutsDue } = this.queue(now, companyId);
    const heldBack = (this.client.prepare(HELD_BACK_SQL).all({ companyId: companyId ?? null }) as Array<Omit<HeldBackBatch, 'isImporting'> & { isImporting: number | null }>).map(
      (row): HeldBackBatch => ({ ...row, isImporting: row.isImporting === 1 }),
    );
    const pauses = this.client
      .prepare(
        `SELECT ${COMPANY_PAUSE_COLUMNS} FROM companies WHERE (@companyId IS NULL OR id = @companyId) ORDER BY name`,
      )
      .all({ companyId: companyId ?? null }) as CompanyPause[];
    return { queue, optOutsDue, heldBack, pauses };
  }

  /**
   * Each company's jobs on their way, split by when they go, with its opt-outs (a do-not-contact lead's DND on its way to
   * GHL) apart from its leads: `rlm sync` and a block's "N waiting" counted those as leads.
   */
  queue(now: number, companyId?: number): { queue: Map<number, QueueCounts>; optOutsDue: Map<number, number> } {
    const queue = new Map<number, QueueCounts>();
    // The opt-outs that may go now (queued and due, or in flight): work for the runner, unlike one waiting out a retry's delay.
    const optOutsDue = new Map<number, number>();
    const queueRows = this.client.prepare(QUEUE_SQL).all({ now, companyId: companyId ?? null }) as Array<{
      companyId: number;
      pacedQueued: number;
      freeQueued: number;
      scheduled: number;
      sending: number;
      optedOutLeads: number;
    }>;
    for (const { companyId: id, pacedQueued, freeQueued, scheduled, sending, optedOutLeads } of queueRows) {
      const queued = pacedQueued + freeQueued;
      if (queued + sending === 0) continue;
      const optOuts =
        optedOutLeads === 0 ? { queued: 0, later: 0, sending: 0 } : (this.client.prepare(optedOutLeads < freeQueued + sending ? OPT_OUT_JOBS_FROM_LEADS : OPT_OUT_JOBS_FROM_JOBS).get({ companyId: id, now }) as OptOutJobs);
      queue.set(id, {
        due: queued - scheduled - (optOuts.queued - optOuts.later),
        scheduled: scheduled - optOuts.later,
        sending: sending - optOuts.sending,
        optOuts: optOuts.queued + optOuts.sending,
      });
      optOutsDue.set(id, optOuts.queued - optOuts.later + optOuts.sending);
    }
    return { queue, optOutsDue };
  }

  /** Kinds of GHL call failing for a company while it sends (call-trouble.ts): prepared on first use. */
  callTroubles(companies: ReadonlyArray<{ id: number; name: string }>, now: number): CallTrouble[] {
    this.readCallTroubles ??= createCallTroubleRead(this.client);
    return this.readCallTroubles(companies, now);
  }
  private readCallTroubles: ReturnType<typeof createCallTroubleRead> | null = null;

  /** How many companies exist, whatever the filter: none means a first start. */
  companyCount(): number {
    return (this.client.prepare('SELECT count(*) AS n FROM companies').get() as { n: number }).n;
  }

  /** Leads synced per hour or per local day since `since`, from the per-hour aggregate. */
  syncedSeries(granularity: 'hour' | 'day', since: number, companyId?: number): Array<{ at: number; n: number }> {
    const rows = this.client
      .prepare('SELECT hour, sum(n) AS n FROM synced_per_hour WHERE hour >= @since AND (@companyId IS NULL OR company_id = @companyId) GROUP BY hour ORDER BY hour')
      .all({ since: Math.floor(since / HOUR) * HOUR, companyId: companyId ?? null }) as Array<{ hour: number; n: number }>;
    if (granularity === 'hour') return rows.map((r) => ({ at: r.hour, n: r.n }));
    const days = new Map<number, number>();
    for (const row of rows) {
      const day = new Date(row.hour);
      day.setHours(0, 0, 0, 0);
      days.set(day.getTime(), (days.get(day.getTime()) ?? 0) + row.n);
    }
    return [...days].map(([at, n]) => ({ at, n }));
  }
}
