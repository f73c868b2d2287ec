/**
 * Why a company's sending is paused, as stored in `companies.sync_paused_reason` (one owner: the
 * database schema, the IPC schemas, the sync and the words on screen all read this list).
 * - `user`: paused on purpose (the dashboard's or the CLI's pause).
 * - `auth`: GHL refused the API key; a new key lifts it.
 * - `daily-limit`: GHL's daily request limit; lifts by itself at `sync_paused_until`.
 * - `workflow-missing`: GHL no longer has the campaign's workflow (deleted or unpublished after it was
 *   chosen); choosing a workflow (or the tag campaign) lifts it. Without the pause every waiting lead went
 *   to GHL and failed at its enrolment, one by one, until the whole campaign had failed.
 * No zod here: `rlm`'s human output loads it.
 */
export const syncPauseReasons = ['user', 'auth', 'daily-limit', 'workflow-missing'] as const;
export type SyncPauseReason = (typeof syncPauseReasons)[number];

const STORED = new Set<string>(syncPauseReasons);
export const isSyncPauseReason = (reason: string): reason is SyncPauseReason => STORED.has(reason);

/**
 * Why a company's waiting leads cannot go without someone doing something (electron/sync/blocked.ts
 * judges it; `rlm sync`'s exit code 3, `rlm status` and the dashboard show it): no key, a keychain that
 * did not answer, or one of the pauses above in the office's words; or `shared-customers-unasked`: leads of customers
 * who are another company's leads too, held until that company's GHL can be asked whether they opted out there (its
 * key missing or refused, its limit, GHL not answering), since a STOP there must hold here too.
 */
export const blockReasons = ['no-key', 'keychain-unavailable', 'key-refused', 'daily-limit', 'paused-by-user', 'workflow-missing', 'shared-customers-unasked'] as const;
export type BlockReason = (typeof blockReasons)[number];

/**
 * Why GHL cannot be called for a company at all, whether or not any of its leads waits: so not even an opt-out's
 * do-not-disturb can go there (the office's pause and a missing workflow hold leads, not opt-outs).
 */
export const cannotCallReasons = ['no-key', 'keychain-unavailable', 'key-refused', 'daily-limit'] as const satisfies readonly BlockReason[];
export type CannotCallReason = (typeof cannotCallReasons)[number];

/**
 * What GHL answered a waiting DND with, so that it holds the opt-out: the company's key refused, or its daily limit
 * reached (the job's last error). The lead's panel, the blocked line and the "Sending is paused" alert say it.
 */
export const optOutHolds = ['key-refused', 'daily-limit'] as const satisfies readonly CannotCallReason[];
export type OptOutHold = (typeof optOutHolds)[number];

/**
 * Whether a block passes without anyone doing anything: GHL's request limit lifts at its time, and another company's
 * GHL that did not answer about shared customers (or whose limit is used up) is asked again by itself. One rule for
 * `rlm sync`'s first line and the dashboard's card: `rlm sync` said "Stuck: … cannot go without you" over a block
 * line that said the lead goes by itself once GHL answers. Not leads held for contacts GHL refuses or fails the
 * question about alone (`heldOnContacts`): a person checks those.
 */
export const liftsByItself = (block: { reason: BlockReason; heldBecause?: CannotCallReason | null; heldOnContacts?: boolean }): boolean =>
  block.reason === 'daily-limit' ||
  (block.reason === 'shared-customers-unasked' && block.heldOnContacts !== true && ((block.heldBecause ?? null) === null || block.heldBecause === 'daily-limit'));
