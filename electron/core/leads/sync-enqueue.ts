import type Database from 'better-sqlite3';

/**
 * Sync job for a lead, written in the caller's transaction.
 *
 * One job row per lead: idempotency key `${companyId}:${leadId}:sync`. A lead that needs a new sync
 * (edited in the form, or filled by an import with onDuplicate 'update') gets that same row reset to
 * 'queued' (attempts, lease and error cleared) instead of a second `:sync:n` row, so the queue never
 * holds two pending syncs of one lead and a lead's history stays in one place (sync_attempts keeps
 * every HTTP attempt anyway). A job that is 'running' is reset too and its lease cleared: the runner
 * must complete jobs with `WHERE id = ? AND lease_owner = ?`, so the in-flight attempt (which sent the
 * old data) cannot mark the reset job succeeded, and the new data is sent on the next claim.
 */
export const syncJobKey = (companyId: number, leadId: number) => `${companyId}:${leadId}:sync`;
export const SYNC_ACTION = 'sync';

const UPSERT_JOB = `
  INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at)
  VALUES (?, ?, '${SYNC_ACTION}', ?, 'queued', 0, ?, ?, ?)
  ON CONFLICT (idempotency_key) DO UPDATE SET
    state = 'queued', attempts = 0, next_run_at = excluded.next_run_at, lease_owner = NULL, lease_expires_at = NULL,
    last_error_code = NULL, last_error_message = NULL, updated_at = excluded.updated_at`;

/**
 * A lead that becomes do-not-contact loses its unsent jobs, including one a runner has claimed:
 * clearing the lease makes the runner drop its in-memory copy before the next request (it checks
 * its claim before each one).
 */
const CANCEL_PENDING = `UPDATE sync_jobs SET state = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
  WHERE lead_id = ? AND state IN ('queued', 'failed', 'running')`;

export interface SyncQueueStatements {
  enqueue(companyId: number, leadId: number, now: number): void;
  cancelPending(leadId: number, now: number): void;
}

export function prepareSyncQueue(client: Database.Database): SyncQueueStatements {
  const upsert = client.prepare(UPSERT_JOB);
  const cancel = client.prepare(CANCEL_PENDING);
  return {
    enqueue(companyId, leadId, now) {
      upsert.run(companyId, leadId, syncJobKey(companyId, leadId), now, now, now);
    },
    cancelPending(leadId, now) {
      cancel.run(now, leadId);
    },
  };
}
