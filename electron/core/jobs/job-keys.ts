import type { jobStates } from '../../../db/schema';

/**
 * The names of the queue, known only to electron/core/jobs/: what a job does, its idempotency key,
 * its states. (A type-only import of the schema: the sync worker must not load drizzle.)
 *
 * One job row per lead: idempotency key `${companyId}:${leadId}:sync`. A lead that needs a new sync
 * gets that same row reset to 'queued' instead of a second row, so the queue never holds two pending
 * syncs of one lead and a lead's history stays in one place (sync_attempts keeps every HTTP attempt).
 */
export type JobState = (typeof jobStates)[number];

export const SYNC_ACTION = 'sync';

export const syncJobKey = (companyId: number, leadId: number): string => `${companyPrefix(companyId)}${leadId}:${SYNC_ACTION}`;

/**
 * The key as SQL, for set-based inserts: `:keyPrefix || <lead id expression> || ':sync'`, with the
 * prefix bound as TEXT from {@link companyPrefix} (a JS number binds as REAL, and `1.0 || ':'` is '1.0:').
 */
export const syncJobKeySql = (leadIdExpression: string): string => `:keyPrefix || ${leadIdExpression} || ':${SYNC_ACTION}'`;

export const companyPrefix = (companyId: number): string => `${companyId}:`;

/**
 * Transitions (the lead status that goes with each, in the same transaction):
 *   (none) → queued                enqueue: a queued lead, or an edit of a lead already sent; an import's
 *                                  queued leads: writeQueuedJobs, by the sync (queued-without-jobs.ts)
 *   queued → running               claim, with a lease `<runner>#<n>`         lead → syncing
 *   running → succeeded            complete (or a DND contact)                lead → synced / dnd
 *   running → queued               release (no attempt used) / retry later    lead → queued
 *   running → failed               fail (permanent, or out of attempts)       lead → failed
 *   running → queued               requeue: orphans of a dead runner, expired leases, a lane's release
 *   failed → queued                retry failed (user)                        lead → queued
 *   queued|failed|running → cancelled   lead made do-not-contact, batch cancel (queued only), job must not run
 *   any → (deleted)                undo of an import (cascade with the lead)
 */
export const LIVE_STATES = ['queued', 'running'] as const satisfies readonly JobState[];
