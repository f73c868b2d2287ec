import type { SyncPauseReason } from '../../../shared/sync-pause';

/** A company's pause as the dashboard and `sync:status` judge blocks by it (electron/sync/blocked.ts). */
export interface CompanyPause {
  companyId: number;
  name: string;
  pausedReason: SyncPauseReason | null;
  pausedUntil: number | null;
  pausedAt: number | null;
  lastSyncAt: number | null;
  /** While paused for it: the workflow GHL no longer has, by the name it had when chosen (else its id). */
  missingWorkflow: string | null;
}

/** A CompanyPause from the companies table: one list of columns for the dashboard and `sync:status` (sync-queries.ts). */
export const COMPANY_PAUSE_COLUMNS = `id AS companyId, name, sync_paused_reason AS pausedReason, sync_paused_until AS pausedUntil, sync_paused_at AS pausedAt,
  last_sync_at AS lastSyncAt, CASE WHEN sync_paused_reason = 'workflow-missing' THEN coalesce(workflow_name, workflow_id) END AS missingWorkflow`;
