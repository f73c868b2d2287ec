import type { LeadStatus } from '../../../shared/lead';

/** What a lead writer is told about the leads it writes: the same for every lead of one call or import. */
export type OnDuplicate = 'skip' | 'update';

export interface LeadWriterOptions {
  companyId: number;
  batchId: number | null;
  onDuplicate: OnDuplicate;
  /** false: leads are stored as 'new' and get no sync job. */
  queueSync: boolean;
  tag: string | null;
}

/** The status a newly written lead starts in: do-not-contact wins; otherwise queued unless held back. */
export function statusForNewLead(doNotContact: boolean, queueSync: boolean): LeadStatus {
  if (doNotContact) return 'do-not-contact';
  return queueSync ? 'queued' : 'new';
}
