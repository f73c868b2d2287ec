import type { LeadStatus } from './lead';

/**
 * A lead's status in the office's words, for files people open (the Leads export) and commands
 * people type (`rlm export --status "Sent to GHL"`). The renderer's badges (statusMeta) can take
 * their labels from here so the screen and the file never disagree.
 */
export const leadStatusLabels = {
  new: 'New, not queued',
  queued: 'Waiting to send',
  syncing: 'Sending',
  synced: 'Sent to GHL',
  failed: 'Failed',
  dnd: 'Do-not-disturb in GHL',
  'do-not-contact': 'Do not contact',
} as const satisfies Record<LeadStatus, string>;
