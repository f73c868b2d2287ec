import type { MantineColor } from '@mantine/core';
import { leadStatuses, type LeadStatus } from '../../../../shared/lead';
import { leadStatusLabels } from '../../../../shared/lead-status-labels';
import type { SyncPauseReason } from '../../../../shared/sync-pause';

interface StatusMeta {
  label: string;
  color: MantineColor;
  /** What the status means to office staff, for tooltips and hints. */
  hint: string;
}

/**
 * One wording and colour per status, shared by the dashboard and the lead browser so they never
 * disagree; the labels are the export's (shared/lead-status-labels.ts), so screen and file agree too.
 */
export const statusMeta = {
  new: { label: leadStatusLabels.new, color: 'gray', hint: 'Saved here; goes to GHL when you press Send' },
  queued: { label: leadStatusLabels.queued, color: 'blue', hint: 'In line to be sent to GHL' },
  // A claim takes up to a hundred at once, sent one after another: "being sent right now" of 32 read as 32 at once (a review).
  syncing: { label: leadStatusLabels.syncing, color: 'cyan', hint: 'Taken up by the sender: going to GHL now, one after another' },
  // Not "enrolled": a lead sent again, or to a company without a tag or workflow, is in GHL only.
  synced: { label: leadStatusLabels.synced, color: 'green', hint: 'The contact is in GHL' },
  failed: { label: leadStatusLabels.failed, color: 'red', hint: 'GHL refused it, it could not be sent, or its campaign could not start' },
  // Whose word it was: GHL's. A lead marked here after it went gets do-not-disturb in GHL too, and is counted as
  // do-not-contact: "GHL has this contact on do-not-disturb" read as a count of every contact with DND there (a review).
  dnd: { label: leadStatusLabels.dnd, color: 'orange', hint: 'Opted out in GHL (a STOP reply), found when the app asked before a send: GHL may hold more' },
  // Not "never sent": a lead opted out after it went keeps its contact in GHL, with do-not-disturb turned on there.
  'do-not-contact': {
    label: leadStatusLabels['do-not-contact'],
    color: 'grape',
    hint: 'Opted out or marked here: nothing more is sent to GHL (a contact already there gets do-not-disturb)',
  },
} as const satisfies Record<LeadStatus, StatusMeta>;

/**
 * Why a company's key cannot be used: none is saved, the OS keychain will not give it (locked, not answering), or
 * GHL refused it (the company is paused until a new one is saved: its leads read "Waiting to send" meanwhile).
 */
export type KeyProblem = 'no-key' | 'keychain-locked' | 'key-refused';

/** The company's key problem, if any, from what companies:list says of it. */
export const keyProblemOf = (company: { hasApiKey: boolean; isKeyUnreadable: boolean; syncPausedReason?: SyncPauseReason | null }): KeyProblem | null =>
  company.hasApiKey ? (company.syncPausedReason === 'auth' ? 'key-refused' : null) : company.isKeyUnreadable ? 'keychain-locked' : 'no-key';

/**
 * The badge a lead shows: its status', except a waiting lead of a company whose key cannot be used, which nothing
 * sends ("Waiting to send · In line" said it would go). The list and the lead's panel both show this one. A locked
 * keychain is not a missing key: saving the key again would not help.
 */
export function shownStatus(status: LeadStatus, companyName: string, keyProblem: KeyProblem | null): StatusMeta {
  if (keyProblem === 'no-key' && status === 'queued') {
    return { label: 'No API key', color: 'orange', hint: `Waiting, but ${companyName} has no GHL API key: nothing is sent until it is added on the Companies page.` };
  }
  if (keyProblem === 'key-refused' && status === 'queued') {
    return { label: 'Key refused', color: 'orange', hint: `Waiting: GHL refused ${companyName}'s API key, so nothing is sent until a new key is saved on the Companies page.` };
  }
  if (keyProblem === 'keychain-locked' && status === 'queued') {
    return { label: 'Keychain locked', color: 'orange', hint: `Waiting: ${companyName}'s GHL API key cannot be read while the OS keychain is locked or not answering.` };
  }
  return statusMeta[status];
}

export const statusOptions = leadStatuses.map((status) => ({ value: status, label: statusMeta[status].label }));

export const isLeadStatus = (value: string | null | undefined): value is LeadStatus =>
  leadStatuses.some((status) => status === value);

/** Every status counted, even the ones main left out of a record (zero leads in that state). */
export function countsOf(counts: Partial<Record<LeadStatus, number>>): Record<LeadStatus, number> {
  return Object.fromEntries(leadStatuses.map((status) => [status, counts[status] ?? 0])) as Record<LeadStatus, number>;
}

export const totalOf = (counts: Partial<Record<LeadStatus, number>>): number =>
  Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
