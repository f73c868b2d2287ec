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
  /**
   * A chunk's many-row insert runs with leads' insert triggers set aside and does their work itself (insert-triggers.ts):
   * the command line's choice. Unset, the triggers stay and count the chunk's leads but for their status (leadsCountedByWriter).
   */
  setsInsertTriggersAside?: boolean;
}

/** The status a newly written lead starts in: do-not-contact wins; otherwise queued unless held back. */
export function statusForNewLead(doNotContact: boolean, queueSync: boolean): LeadStatus {
  if (doNotContact) return 'do-not-contact';
  return queueSync ? 'queued' : 'new';
}
