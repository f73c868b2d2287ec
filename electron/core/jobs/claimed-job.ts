/** What a runner needs to sync one lead, read together with the claim. */
export interface ClaimedJob {
  jobId: number;
  /**
   * The claim's own lease id (`<runner owner>#<claim n>`). Every later write checks it, so a job the
   * lead code reset while it was in flight (edited lead) is never completed by the stale attempt.
   */
  leaseOwner: string;
  leadId: number;
  companyId: number;
  attempts: number;
  /** `<step>:<kind>` of the last failure; `enrol:*` with a known contact means the upsert already happened. */
  lastErrorCode: string | null;
  lead: LeadForSync;
}

export interface LeadForSync {
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  address1: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string;
  source: string | null;
  tag: string | null;
  /** The lead's own IANA zone (ZIP or phone), sent to GHL so its workflow waits use it; null: not known. */
  timeZone: string | null;
  /** The customer's company, from the old CRM. */
  companyName: string | null;
  /** The old CRM's tags ("; "-separated), to add in GHL beside the campaign tag. */
  crmTags: string | null;
  /** Its values for GHL custom fields, each with the field's name as last read from GHL (for error messages). */
  customValues: SyncCustomValue[];
  doNotContact: boolean;
  ghlContactId: string | null;
  /** Set once the lead was enrolled (tagged or added to the workflow); later syncs only update the contact. */
  wasEnrolled: boolean;
  /** The lead's version when claimed: requests carry it and are dropped before an attempt once it moved on. */
  version: number;
}

export interface SyncCustomValue {
  /** GHL's field id. */
  id: string;
  name: string;
  value: string;
}

/** The part of a claim every later write checks. */
export type JobRef = Pick<ClaimedJob, 'jobId' | 'leadId' | 'leaseOwner'>;

/** A claim and the lead version it read. */
export type VersionedJobRef = JobRef & { lead: Pick<LeadForSync, 'version'> };
