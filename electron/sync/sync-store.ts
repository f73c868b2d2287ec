/**
 * What the sync worker reads and writes besides jobs (those belong to the JobQueue,
 * electron/core/jobs/): the companies and their pauses, the attempt log, app_meta facts.
 */
import type Database from 'better-sqlite3';
import type { NoteFacts } from './lead-note';
import type { SyncPauseReason } from '../../shared/sync-pause';

export interface CompanyForSync {
  id: number;
  locationId: string;
  baseUrl: string;
  enrolMode: 'tag' | 'workflow';
  enrolTag: string | null;
  workflowId: string | null;
  pausedReason: SyncPauseReason | null;
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

const MESSAGE_MAX = 1_000;
const clip = (text: string | null): string | null => (text === null ? null : text.slice(0, MESSAGE_MAX));

export class SyncStore {
  private readonly pauseStmt;
  private readonly clearDailyPauseStmt;
  private readonly pauseForWorkflowStmt;
  private readonly companiesStmt;
  private readonly attemptStmt;
  private readonly lastSyncStmt;
  private readonly getMetaStmt;
  private readonly setMetaStmt;
  private readonly noteFactsStmt;
  private readonly dataVersionStmt;
  private readonly keyChangedAtStmt;

  constructor(private readonly db: Database.Database) {
    this.pauseStmt = db.prepare<{ id: number; reason: string; until: number | null; now: number }>(
      // Never over the office's pause (a call in flight when it paused): a new key or the next day would lift it.
      `UPDATE companies SET sync_paused_reason = @reason, sync_paused_until = @until, updated_at = @now
       WHERE id = @id AND sync_paused_reason IS NOT 'user'`,
    );
    this.pauseForWorkflowStmt = db.prepare<{ id: number; workflowId: string; now: number }>(
      `UPDATE companies SET sync_paused_reason = 'workflow-missing', sync_paused_until = NULL, updated_at = @now
       WHERE id = @id AND enrol_mode = 'workflow' AND workflow_id = @workflowId AND sync_paused_reason IS NULL`,
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
    this.attemptStmt = db.prepare<AttemptRow>(
      `INSERT INTO sync_attempts (job_id, lead_id, company_id, operation, http_status, error_code, message, trace_id, duration_ms, at)
       VALUES (@jobId, @leadId, @companyId, @operation, @httpStatus, @errorCode, @message, @traceId, @durationMs, @at)`,
    );
    this.lastSyncStmt = db.prepare<[number, number]>(`UPDATE companies SET last_sync_at = ? WHERE id = ?`);
    this.getMetaStmt = db.prepare<[string], { value: string }>(`SELECT value FROM app_meta WHERE key = ?`);
    this.setMetaStmt = db.prepare<[string, string]>(
      `INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
    this.dataVersionStmt = db.prepare<[], { data_version: number }>('PRAGMA data_version');
    this.keyChangedAtStmt = db.prepare<[number], number | null>('SELECT key_changed_at FROM companies WHERE id = ?').pluck();
    this.noteFactsStmt = db.prepare<[number], NoteFacts>(
      `SELECT notes, crm_status AS crmStatus, job_type AS jobType, original_date AS originalDate, last_service_date AS lastServiceDate, phone_ext AS phoneExt FROM leads WHERE id = ?`,
    );
  }

  /**
   * When the company's key was last saved or removed, in any program (companies.key_changed_at); null: never since it was
   * made; undefined: the company is gone.
   */
  keyChangedAt(companyId: number): number | null | undefined {
    return this.keyChangedAtStmt.get(companyId);
  }

  /**
   * What the lead's GHL note says, read just before it is sent rather than with the claim: these
   * fields do not move the lead's version, so this is the way the note carries the latest text.
   */
  noteFacts(leadId: number): NoteFacts | null {
    return this.noteFactsStmt.get(leadId) ?? null;
  }

  /**
   * SQLite's count of commits by other connections (another thread's or process's: an import, an edit,
   * a pause): unchanged means nothing another writer did can have given this runner work.
   */
  dataVersion(): number {
    return this.dataVersionStmt.get()!.data_version;
  }

  /** Whether the pause was recorded: not over the office's own ('user'), which stays the company's reason. */
  pauseCompany(companyId: number, reason: SyncPauseReason, until: number | null, now: number): boolean {
    return this.pauseStmt.run({ id: companyId, reason, until, now }).changes > 0;
  }

  /**
   * Pauses the company because GHL no longer has `workflowId`, unless the campaign changed meanwhile (the
   * user chose another workflow, or the tag, while the lane was asking GHL) or another pause came first.
   * Returns whether it paused.
   */
  pauseForMissingWorkflow(companyId: number, workflowId: string, now: number): boolean {
    return this.pauseForWorkflowStmt.run({ id: companyId, workflowId, now }).changes > 0;
  }

  clearExpiredDailyPauses(now: number): number {
    return this.clearDailyPauseStmt.run(now, now).changes;
  }

  companies(): CompanyForSync[] {
    return this.companiesStmt.all();
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
