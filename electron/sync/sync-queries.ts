/**
 * Main-thread reads on the queue (status, attempts) and the user's pause. They run on the app's
 * connection; the worker sees the changes on its next pass. Job writes (retry, cancel) are the
 * JobQueue's (electron/core/jobs/).
 */
import type Database from 'better-sqlite3';
import type { OptOutHold } from './blocked';
import { DND_HOLD_SQL, utcDayStart } from '../core/jobs/job-queue';
import { HeldElsewhere, type HeldForOthers } from '../core/jobs/held-elsewhere';
import { leadStatuses, jobStates } from '../../db/schema';
import type { SyncAttempt, SyncCounts } from '../../shared/ipc/sync';
import { COMPANY_PAUSE_COLUMNS, type CompanyPause } from '../core/dashboard/company-pause';
import { inRangeSql } from '../core/jobs/queued-without-jobs';

type CountRow = { companyId: number; key: string; n: number };

export interface CompanyCounts extends SyncCounts, CompanyPause {}

const emptyCounts = (): SyncCounts => ({
  leads: Object.fromEntries(leadStatuses.map((s) => [s, 0])) as SyncCounts['leads'],
  jobs: Object.fromEntries(jobStates.map((s) => [s, 0])) as SyncCounts['jobs'],
});

function add(target: SyncCounts, group: 'leads' | 'jobs', key: string, n: number): void {
  const bucket: Record<string, number> = target[group];
  if (key in bucket) bucket[key] = (bucket[key] ?? 0) + n;
}

export class SyncQueries {
  constructor(private readonly db: Database.Database) {}

  /** Each company's leads held until another company's GHL can be asked about the same customer (blocked.ts). */
  heldForOthers(): Map<number, HeldForOthers> {
    return (this.held ??= new HeldElsewhere(this.db)).heldForOthers();
  }

  private held: HeldElsewhere | null = null;

  /**
   * The companies whose opt-outs GHL holds: a do-not-contact lead's DND job waits with GHL's refusal of the key or its
   * daily limit as its last error. Under the office's pause that refusal is not the company's pause reason (the pause
   * is), and nothing said the opt-outs were not reaching GHL (company-lane.ts optOutsHeldUntil; blocked.ts says it now).
   * Through the partial index of 'free' jobs (a DND is one): a few rows, not every queued job. A daily limit met before
   * today (UTC, when GHL's limit resets unless it said otherwise) holds nothing any more.
   */
  heldOptOuts(now = Date.now()): Map<number, OptOutHold> {
    const rows = this.db
      .prepare<{ dayStart: number }, { companyId: number; hold: OptOutHold }>(
        `SELECT j.company_id AS companyId, max(${DND_HOLD_SQL}) AS hold
         FROM sync_jobs j JOIN leads l ON l.id = j.lead_id
         WHERE j.state = 'queued' AND j.send_gate = 'free' AND l.do_not_contact = 1 AND ${DND_HOLD_SQL} IS NOT NULL
         GROUP BY j.company_id`,
      )
      .all({ dayStart: utcDayStart(now) });
    return new Map(rows.map((row) => [row.companyId, row.hold]));
  }

  /**
   * Counts by lead status and job state, per company and in total: the leads from the trigger-kept
   * lead_status_counts (a few rows), the jobs by a covering-index scan (~55 ms at a million jobs; the
   * app's pages do not ask for them, `rlm status` and `sync:status` do).
   */
  counts(companyId?: number): { total: SyncCounts; companies: CompanyCounts[] } {
    const where = companyId === undefined ? '' : 'WHERE company_id = @companyId';
    const params: { companyId: number } = { companyId: companyId ?? 0 };
    const leadRows = this.db.prepare<{ companyId: number }, CountRow>(`SELECT company_id AS companyId, status AS key, n FROM lead_status_counts ${where}`).all(params);
    const jobRows = this.db.prepare<{ companyId: number }, CountRow>(`SELECT company_id AS companyId, state AS key, count(*) AS n FROM sync_jobs ${where} GROUP BY company_id, state`).all(params);
    // An import's queued leads whose jobs the sync has yet to write (queued-without-jobs.ts) are queued jobs to come: a
    // company with no key read "nothing waiting" after an import of 100k leads, and `rlm sync` went idle with a part.
    const unwrittenRows = this.db
      .prepare<{ companyId: number }, CountRow>(
        `SELECT q.company_id AS companyId, 'queued' AS key, count(*) AS n
         FROM queued_without_jobs q JOIN leads l ON ${inRangeSql('l', 'q')}
         WHERE l.status = 'queued' AND NOT EXISTS (SELECT 1 FROM sync_jobs j WHERE j.lead_id = l.id)${companyId === undefined ? '' : ' AND q.company_id = @companyId'}
         GROUP BY q.company_id`,
      )
      .all(params);
    const companies = this.db
      .prepare<{ companyId: number }, Omit<CompanyCounts, keyof SyncCounts>>(
        `SELECT ${COMPANY_PAUSE_COLUMNS}
         FROM companies ${companyId === undefined ? '' : 'WHERE id = @companyId'} ORDER BY name`,
      )
      .all(params)
      .map((c): CompanyCounts => ({ ...c, ...emptyCounts() }));
    const byId = new Map(companies.map((c) => [c.companyId, c]));
    const total = emptyCounts();
    for (const row of leadRows) {
      add(total, 'leads', row.key, row.n);
      const c = byId.get(row.companyId);
      if (c) add(c, 'leads', row.key, row.n);
    }
    for (const row of [...jobRows, ...unwrittenRows]) {
      add(total, 'jobs', row.key, row.n);
      const c = byId.get(row.companyId);
      if (c) add(c, 'jobs', row.key, row.n);
    }
    return { total, companies };
  }

  /**
   * The leads whose sending failed since `since` (a run's start), GHL's unconfirmed enrolments among
   * them, with the reasons most of them share: a run that sent nothing because every lead failed must
   * not read as "everything went" (rlm sync). Failed jobs through the claim index, per company.
   */
  failuresSince(since: number, companyId?: number): { failed: number; reasons: Array<{ message: string; leads: number }> } {
    const rows = this.db
      .prepare<{ since: number; companyId: number; all: number }, { message: string; leads: number }>(
        `SELECT coalesce(j.last_error_message, 'Unknown reason') AS message, count(*) AS leads
         FROM companies c JOIN sync_jobs j ON j.company_id = c.id AND j.state = 'failed'
         WHERE (@all = 1 OR c.id = @companyId) AND j.updated_at >= @since
         GROUP BY message ORDER BY leads DESC, message`,
      )
      .all({ since, companyId: companyId ?? 0, all: companyId === undefined ? 1 : 0 });
    return { failed: rows.reduce((sum, row) => sum + row.leads, 0), reasons: rows.slice(0, 5) };
  }

  /** How many leads reached GHL (synced) at or after `since`: what one `rlm sync` run sent, beside the totals of all runs. */
  syncedSince(since: number, companyId?: number): number {
    return this.db
      .prepare<{ since: number; companyId: number; all: number }, number>(
        `SELECT count(*) FROM leads WHERE status = 'synced' AND synced_at >= @since AND (@all = 1 OR company_id = @companyId)`,
      )
      .pluck()
      .get({ since, companyId: companyId ?? 0, all: companyId === undefined ? 1 : 0 })!;
  }

  setCompanyPaused(companyId: number, isPaused: boolean): void {
    const now = Date.now();
    if (isPaused) {
      // Over any pause of the sync's too (a refused key, GHL's limit, a missing workflow): the office's pause must
      // hold until the office lifts it, and theirs lift by themselves (a new key, the next day). A company has one
      // reason, so theirs is forgotten: after Resume the next call to GHL finds it again, if it still holds.
      this.db.prepare(`UPDATE companies SET sync_paused_reason = 'user', sync_paused_until = NULL, updated_at = ? WHERE id = ?`).run(now, companyId);
    } else {
      // Resume lifts a user pause; an auth pause needs a new key and a daily-limit pause needs the next day.
      this.db.prepare(`UPDATE companies SET sync_paused_reason = NULL, updated_at = ? WHERE id = ? AND sync_paused_reason = 'user'`).run(now, companyId);
    }
  }


  attempts(leadId: number, limit = 200): SyncAttempt[] {
    return this.db
      .prepare<[number, number], SyncAttempt>(
        `SELECT id, job_id AS jobId, operation, http_status AS httpStatus, error_code AS errorCode, message, trace_id AS traceId,
                duration_ms AS durationMs, at
         FROM sync_attempts WHERE lead_id = ? ORDER BY at DESC, id DESC LIMIT ?`,
      )
      .all(leadId, limit);
  }

  meta(key: string): string | null {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM app_meta WHERE key = ?').get(key)?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}
