import type { MantineColor } from '@mantine/core';
import { leadStatuses, type LeadStatus } from '../../../../shared/lead';

interface StatusMeta {
  label: string;
  color: MantineColor;
  /** What the status means to office staff, for tooltips and hints. */
  hint: string;
}

/** One wording and colour per status, shared by the dashboard and the lead browser so they never disagree. */
export const statusMeta = {
  new: { label: 'New', color: 'gray', hint: 'Saved, not queued for GHL yet' },
  queued: { label: 'Queued', color: 'blue', hint: 'Waiting to be sent to GHL' },
  syncing: { label: 'Syncing', color: 'cyan', hint: 'Being sent right now' },
  synced: { label: 'Synced', color: 'green', hint: 'In GHL and enrolled' },
  failed: { label: 'Failed', color: 'red', hint: 'GHL refused it or it could not be sent' },
  dnd: { label: 'DND in GHL', color: 'orange', hint: 'GHL has this contact on do-not-disturb' },
  'do-not-contact': { label: 'Do not contact', color: 'grape', hint: 'Marked here; never sent' },
} as const satisfies Record<LeadStatus, StatusMeta>;

export const statusOptions = leadStatuses.map((status) => ({ value: status, label: statusMeta[status].label }));

export const isLeadStatus = (value: string | null | undefined): value is LeadStatus =>
  leadStatuses.some((status) => status === value);

/** Every status counted, even the ones main left out of a record (zero leads in that state). */
export function countsOf(counts: Partial<Record<LeadStatus, number>>): Record<LeadStatus, number> {
  return Object.fromEntries(leadStatuses.map((status) => [status, counts[status] ?? 0])) as Record<LeadStatus, number>;
}

export const totalOf = (counts: Partial<Record<LeadStatus, number>>): number =>
  Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
