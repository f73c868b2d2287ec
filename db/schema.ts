import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { optOutSources } from '../shared/optouts';
import { syncPauseReasons } from '../shared/sync-pause';

// Times are stored as integer milliseconds since the epoch (UTC): cheap to compare and index,
// and the renderer formats them in the user's local time zone.
const createdAt = () => integer('created_at').notNull();
const updatedAt = () => integer('updated_at').notNull();

/** One roofing company = one GoHighLevel location. Its API key lives in the OS keychain, never here. */
export const companies = sqliteTable('companies', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  ownerName: text('owner_name'),
  ownerPhone: text('owner_phone'),
  ownerEmail: text('owner_email'),
  ghlLocationId: text('ghl_location_id').notNull().unique(),
  ghlBaseUrl: text('ghl_base_url').notNull(),
  /** How a synced lead is handed to the reactivation campaign: a tag (Contact Tag trigger) or a workflow. */
  enrolMode: text('enrol_mode', { enum: ['tag', 'workflow'] }).notNull().default('tag'),
  enrolTag: text('enrol_tag'),
  workflowId: text('workflow_id'),
  /** The workflow's name in GHL when it was chosen: said once GHL no longer has it (its id meant nothing to the office). */
  workflowName: text('workflow_name'),
  /** Set when the sync queue must not run for this company (user pause, bad key, daily limit). */
  syncPausedReason: text('sync_paused_reason', { enum: syncPauseReasons }),
  syncPausedUntil: integer('sync_paused_until'),
  /** When the current pause began (kept by a trigger whenever sync_paused_reason changes), for "blocked since". */
  syncPausedAt: integer('sync_paused_at'),
  lastSyncAt: integer('last_sync_at'),
  /**
   * When its API key was last saved or removed (it lives in the keychain, not here), or its address or location changed,
   * in any program: a sync that made its GHL client, or asked its GHL, before then asks again with the key as it is
   * (company-lane.ts).
   */
  keyChangedAt: integer('key_changed_at'),
  /**
   * The sending schedule (issue #13; rules in electron/pacing/, shape in shared/schedule.ts): at most
   * daily_cap leads enrolled per company calendar day, on send_days ("mon,tue,…"), between the window's
   * start and end in each lead's own local time, never before start_date (company calendar).
   */
  dailyCap: integer('daily_cap').notNull().default(100),
  /** At most this many in any 60 minutes (a drip the office can answer); null = no hourly limit. */
  hourlyCap: integer('hourly_cap'),
  sendDays: text('send_days').notNull().default('mon,tue,wed,thu,fri,sat'),
  sendWindowStart: text('send_window_start').notNull().default('10:00'),
  sendWindowEnd: text('send_window_end').notNull().default('19:00'),
  /** IANA zone of the company's calendar; null until known (then this machine's zone is used). */
  timeZone: text('time_zone'),
  /** Who chose time_zone: GHL's location setting, this machine's zone, or the user (never overwritten by GHL). */
  timeZoneSource: text('time_zone_source', { enum: ['ghl', 'machine', 'user'] }).notNull().default('machine'),
  startDate: text('start_date'),
  /**
   * Days off ("2026-12-25,2027-01-01"): no lead starts on these calendar days, judged in each lead's own time as
   * send_days are (a holiday, the office closed). '' = none.
   */
  daysOff: text('days_off').notNull().default(''),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const leadStatuses = ['new', 'queued', 'syncing', 'synced', 'failed', 'dnd', 'do-not-contact'] as const;

export const importBatches = sqliteTable(
  'import_batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    tag: text('tag'),
    state: text('state', { enum: ['running', 'completed', 'cancelled', 'failed', 'undone'] }).notNull(),
    onDuplicate: text('on_duplicate', { enum: ['skip', 'update'] }).notNull().default('skip'),
    queueSync: integer('queue_sync', { mode: 'boolean' }).notNull().default(true),
    totalRows: integer('total_rows'),
    processedRows: integer('processed_rows').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    /** Rows whose phone or email is on the office-wide opt-out list: stored as do-not-contact (part of imported/updated/duplicates). */
    optedOut: integer('opted_out').notNull().default(0),
    /** Rows the file itself marks do-not-contact (counted by the import as it reads them; the list's are opted_out). */
    markedDoNotContact: integer('marked_do_not_contact').notNull().default(0),
    /** New leads without a usable phone, counted as each chunk commits (NULL: a batch imported before the count was kept). */
    noPhone: integer('no_phone'),
    /** Leads whose notes could not take all this file added ('update'): each says where it was cut (lead-writer.ts addToNotes). */
    notesCut: integer('notes_cut').notNull().default(0),
    rejectedFile: text('rejected_file'),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('import_batches_company_idx').on(t.companyId, t.createdAt)],
);

export const leads = sqliteTable(
  'leads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    batchId: integer('batch_id').references(() => importBatches.id, { onDelete: 'set null' }),
    /** The row of the imported file it came from, as a spreadsheet numbers it (header = 1); null when typed in. For the consent record. */
    sourceRow: integer('source_row'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    /** E.164, e.g. +15125550142; null when the lead only has an email. */
    phone: text('phone'),
    phoneRaw: text('phone_raw'),
    phoneExt: text('phone_ext'),
    email: text('email'),
    /** Lower-cased email, the duplicate key. */
    emailKey: text('email_key'),
    address1: text('address1'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
    country: text('country').notNull().default('US'),
    source: text('source'),
    notes: text('notes'),
    lastServiceDate: text('last_service_date'),
    consentNote: text('consent_note'),
    doNotContact: integer('do_not_contact', { mode: 'boolean' }).notNull().default(false),
    /**
     * The do-not-contact mark is the lead's own: a person marked it (or created it so), not the office-wide
     * opt-out list at a claim, an import or a list entry. Such a mark keeps its number on the list when another
     * lead's mark is lifted (migration 0031; edit-check.ts).
     */
    ownDoNotContact: integer('own_do_not_contact', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: leadStatuses }).notNull().default('new'),
    tag: text('tag'),
    ghlContactId: text('ghl_contact_id'),
    /**
     * The phone (E.164) the lead's GHL contact holds when the campaign texts it and it is not the lead's own: an
     * email-only lead GHL matched to a contact with a number (or an enrolled lead whose contact kept another). An opt-out
     * of it must reach this lead (opt-out-everywhere.ts). Written from each upsert's answer and each DND look
     * (shared-customer-watch.ts); null: none, or not known yet.
     */
    ghlContactPhone: text('ghl_contact_phone'),
    ghlIsNew: integer('ghl_is_new', { mode: 'boolean' }),
    lastError: text('last_error'),
    syncedAt: integer('synced_at'),
    /**
     * When GHL was last asked whether this lead's contact is on do-not-disturb (a STOP reply there), for a customer
     * who is a lead of another company too (shared-customer-watch.ts); null: never.
     */
    ghlDndCheckedAt: integer('ghl_dnd_checked_at'),
    /** When the lead was first tagged or added to the workflow; later syncs only update the contact. */
    enrolledAt: integer('enrolled_at'),
    /**
     * For the consent record, written with enrolled_at (lease-statements.ts) and never after: the zone
     * (the lead's, else its company's), the company's window ("10:00–19:00") and the lead's rule state
     * at that moment. Kept, not recomputed, because a lead that moves or a schedule that changes later
     * must not rewrite what applied when it was enrolled.
     */
    enrolledTimeZone: text('enrolled_time_zone'),
    enrolledWindow: text('enrolled_window'),
    enrolledRuleState: text('enrolled_rule_state'),
    /**
     * When the lead first reached 'synced'; set by the trigger that counts it in synced_per_hour
     * (migration 0006), so an edit's resync never counts the lead again.
     */
    firstSyncedAt: integer('first_synced_at'),
    /**
     * The lead's own time zone (IANA) from its ZIP, state or phone; null with source 'company': its company's; with
     * source 'unknown' (nothing places it) America/Chicago, the clock its hours are read on (pacing/legal-floor.ts).
     * Filled by the sync worker's placement pass (electron/sync/placement.ts); a trigger clears the
     * source when the address or phone changes, so it is placed again.
     */
    timeZone: text('time_zone'),
    timeZoneSource: text('time_zone_source', { enum: ['zip', 'state', 'phone', 'ghl-phone', 'company', 'unknown'] }),
    /** The US state whose sending rules apply (the row's, else the ZIP's, else the area code's). */
    ruleState: text('rule_state'),
    // The old CRM's record, from an import: sent to GHL (company name, tags) and kept for audiences
    // and the consent record (when the lead first came in, its old status and job type).
    companyName: text('company_name'),
    originalDate: text('original_date'),
    crmStatus: text('crm_status'),
    jobType: text('job_type'),
    /** Tags from the old CRM, "; "-separated, added in GHL beside the campaign tag (never replacing its tags). */
    crmTags: text('crm_tags'),
    /**
     * Bumped by a trigger (migration 0012) whenever a field sent to GHL changes, whichever code edits
     * the lead: a sync request carries the version it read, and is dropped before any attempt once the
     * lead moved on (updated_at is no version: the sync writes it too, and two edits can share a ms).
     */
    version: integer('version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('leads_company_phone_uq').on(t.companyId, t.phone).where(sql`phone IS NOT NULL`),
    uniqueIndex('leads_company_email_uq').on(t.companyId, t.emailKey).where(sql`email_key IS NOT NULL`),
    // The lead list and the export go newest first in id order (the order leads were added) whatever the
    // filter: company, status, both, batch or none. Each of these indexes ends with the rowid, so a page
    // is a walk that stops after 100 leads (migration 0022; sorting a million matches for each page took
    // 300–750 ms on the main thread). The queue's and undo's chunks walk the same indexes by id.
    index('leads_company_status_idx').on(t.companyId, t.status),
    index('leads_company_idx').on(t.companyId),
    index('leads_status_idx').on(t.status),
    index('leads_batch_idx').on(t.batchId),
    // Undo asks whether another lead uses the same GHL contact before deleting it there.
    index('leads_ghl_contact_idx').on(t.ghlContactId).where(sql`ghl_contact_id IS NOT NULL`),
    // An opt-out of a number finds the leads whose GHL contact holds it (few: email-only leads matched to one).
    index('leads_company_ghl_contact_phone_idx').on(t.companyId, t.ghlContactPhone).where(sql`ghl_contact_phone IS NOT NULL`),
    // Only unplaced leads are in it: the placement pass finds them without scanning placed ones.
    index('leads_unplaced_idx').on(t.id).where(sql`time_zone_source IS NULL`),
    // The audience choices on the Leads page group by these (GROUP BY over the index, not the table);
    // partial, so leads typed in (no old CRM record) cost nothing.
    index('leads_company_crm_status_idx').on(t.companyId, t.crmStatus).where(sql`crm_status IS NOT NULL`),
    index('leads_company_job_type_idx').on(t.companyId, t.jobType).where(sql`job_type IS NOT NULL`),
    index('leads_company_crm_tags_idx').on(t.companyId, t.crmTags).where(sql`crm_tags IS NOT NULL`),
    // The daily cap counts the leads first enrolled since the company's day began: a range of at most
    // a day's cap in this index, not a scan of the company's leads (electron/core/jobs/claim-gate.ts).
    index('leads_company_enrolled_idx').on(t.companyId, t.enrolledAt).where(sql`enrolled_at IS NOT NULL`),
  ],
);

/**
 * An import's queued leads whose sync jobs are still to be written (issue #11): the import writes its leads only, and
 * one row here per batch says which of them are queued (leads of the batch with after_id < id <= last_id, status
 * 'queued'); the sync writes their jobs when it places them (JobQueue.writeQueuedJobs), oldest first, with
 * `queued_at` as their place in line, as if the import had written them. A job row per lead was a quarter of the
 * import's writing time, for leads that wait days under a daily cap anyway.
 *
 * Until then they are counted in waiting_job_counts as their jobs would be before placing (the company's zone, the
 * unsure state their row names: lead-copy.ts unplacedStateValue), so the plan, the dashboard and an import's "N leads
 * queued" read them as before; the import adds its chunk's counts, and triggers (migration 0069) keep them exact
 * through what can happen to such a lead before the sync gets to it: a job written for it, a new status, a corrected
 * state, its removal.
 */
export const queuedWithoutJobs = sqliteTable('queued_without_jobs', {
  batchId: integer('batch_id')
    .primaryKey()
    .references(() => importBatches.id, { onDelete: 'cascade' }),
  companyId: integer('company_id')
    .notNull()
    .references(() => companies.id, { onDelete: 'cascade' }),
  /** Leads of the batch up to this id have their jobs (or were never queued). */
  afterId: integer('after_id').notNull(),
  lastId: integer('last_id').notNull(),
  queuedAt: integer('queued_at').notNull(),
});

/** Remembered column mappings, per company and set of headers, offered on the next import. */
export const columnMappings = sqliteTable(
  'column_mappings',
  {
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    headerKey: text('header_key').notNull(),
    mappingJson: text('mapping_json').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.headerKey] })],
);

export const jobStates = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

/**
 * What holds a job back besides its state and time (issue #13), copied from its lead so the claim reads
 * one index and never joins leads (electron/core/jobs/claim-gate.ts):
 *  - 'unplaced': the lead has no time zone yet (the sync worker places it first); never claimed.
 *  - 'paced': never enrolled: goes only while its place's window is open and the company has cap left.
 *  - 'free': already enrolled: a re-send is a contact update (no text), not paced.
 */
export const sendGates = ['unplaced', 'paced', 'free'] as const;

/**
 * The durable sync queue. A job is written in the same transaction as its lead (an import's new leads: by the sync,
 * when it places them, queuedWithoutJobs above); the unique
 * idempotency key (company + lead + action) makes a second enqueue of the same work a no-op.
 */
export const syncJobs = sqliteTable(
  'sync_jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    leadId: integer('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    state: text('state', { enum: jobStates }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextRunAt: integer('next_run_at').notNull(),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: integer('lease_expires_at'),
    lastErrorCode: text('last_error_code'),
    lastErrorMessage: text('last_error_message'),
    /**
     * Copies of the lead's placement (sendGates above; time_zone, NULL = the company's zone; rule_state),
     * written by the JobQueue's inserts and kept right by the trigger sync_jobs_follow_lead (migration
     * 0019) whenever the lead's placement or enrolled_at changes.
     */
    sendGate: text('send_gate', { enum: sendGates }).notNull().default('unplaced'),
    /**
     * Held until this other company's GHL, which has the same customer, can be asked whether she opted out there
     * (company-lane.ts isClearElsewhere); until `next_run_at`. Cleared when the job is claimed. No foreign key: a
     * company removed meanwhile leaves a hold that simply ends (its lead asks nobody then).
     */
    heldForCompanyId: integer('held_for_company_id'),
    /**
     * How many times in a row the job was held because that other company's GHL refused or failed the question about
     * this one contact (held-elsewhere.ts): each such hold lasts twice the one before, up to the retry cap, so a contact
     * broken in GHL is not asked about every 10 minutes for good. Back to 0 at any claim not from such a hold (an edit,
     * a key saved, an answer: lease-statements.ts claim), the one place the streak ends.
     */
    contactHolds: integer('contact_holds').notNull().default(0),
    /**
     * The job's place in line (its `next_run_at` before it was put off) while a try put it off: a 5xx retried after a
     * backoff, a lead given back for later (the network down, GHL's limit), a hold for another company's GHL. Meanwhile
     * `next_run_at` says when it may go again; once that time comes, the next claim gives it its place back (JobQueue
     * restoreDeferred), and NULL again. The gate serves the oldest `next_run_at` first: put off, a lead whose contact
     * GHL already had went behind every lead queued since, days under a daily cap. NULL: not put off.
     */
    lineAt: integer('line_at'),
    sendZone: text('send_zone'),
    sendState: text('send_state'),
    /**
     * A copy of the lead's import batch (NULL: typed in), written by the same inserts and kept right by
     * the trigger sync_jobs_follow_lead_batch (migration 0021): waiting_job_counts counts per batch with
     * it, so an import's "N leads queued" is a few rows' sum instead of a join over its leads.
     */
    batchId: integer('batch_id'),
    /**
     * When the lead's upsert first went to GHL while the app knew no contact of it (NULL: never), written
     * right before the call (company-lane.ts). With no ghl_contact_id after it, GHL may have the contact
     * without the app knowing (an answer lost, a crash mid-call): an opt-out then asks GHL for the contact to
     * set its DND, and undo keeps the lead (migration 0033).
     */
    upsertSentAt: integer('upsert_sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('sync_jobs_claim_idx').on(t.companyId, t.state, t.nextRunAt),
    index('sync_jobs_lead_idx').on(t.leadId),
    // The scheduler's claim: per company and zone, oldest first, only the waiting never-enrolled jobs.
    // An open zone's leads are found at once even behind a million of a closed zone's. The rule state last:
    // a closed state's leads are skipped, and a lead's place in its line counted (lead-turn.ts), from the index alone.
    index('sync_jobs_paced_idx').on(t.companyId, t.sendZone, t.nextRunAt, t.sendState).where(sql`state = 'queued' AND send_gate = 'paced'`),
    // Re-sends of enrolled leads, oldest first, without walking past the scheduled ones.
    index('sync_jobs_free_idx').on(t.companyId, t.nextRunAt).where(sql`state = 'queued' AND send_gate = 'free'`),
    // Jobs whose lead is not placed yet: work the runner must wait for (`rlm sync --until-idle` is not done).
    index('sync_jobs_unplaced_idx').on(t.companyId).where(sql`state = 'queued' AND send_gate = 'unplaced'`),
    // Leads held while another company's GHL, which has the same customer, cannot be asked about her opt-out there
    // (company-lane.ts isClearElsewhere): per company, for its block line (counted and named from the index alone) and
    // the runner's wake-up; per company waited for, whether it was found unaskable lately (held-elsewhere.ts) and the
    // release when its key is saved.
    // With the hold's code: whether GHL refused or failed the question about the contact alone (held-elsewhere.ts), read
    // from the index too.
    index('sync_jobs_held_elsewhere_idx').on(t.companyId, t.nextRunAt, t.heldForCompanyId, t.lastErrorCode).where(sql`state = 'queued' AND held_for_company_id IS NOT NULL`),
    // Jobs put off that keep their place in line (line_at): the claim finds those due again at once.
    index('sync_jobs_deferred_idx').on(t.nextRunAt).where(sql`line_at IS NOT NULL AND state = 'queued'`),
    index('sync_jobs_held_for_idx').on(t.heldForCompanyId, t.nextRunAt).where(sql`state = 'queued' AND held_for_company_id IS NOT NULL`),
  ],
);

/** Every HTTP attempt against GHL, for the lead detail panel and support. Never holds the token. */
export const syncAttempts = sqliteTable(
  'sync_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    jobId: integer('job_id'),
    leadId: integer('lead_id'),
    companyId: integer('company_id').notNull(),
    operation: text('operation').notNull(),
    httpStatus: integer('http_status'),
    errorCode: text('error_code'),
    message: text('message'),
    traceId: text('trace_id'),
    durationMs: integer('duration_ms').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('sync_attempts_lead_idx').on(t.leadId, t.at), index('sync_attempts_company_at_idx').on(t.companyId, t.at)],
);

/**
 * The office-wide opt-out list, shared by every company: phones (E.164) and emails (lower-cased). Fed
 * by triggers on leads (marked do-not-contact, or reported DND by GHL: migration 0011), by imported
 * lists and by hand. A removed entry is kept with its reason (removed_at set) so the office can show
 * who took a number off the list and why; adding it again clears the removal.
 */
export const optOuts = sqliteTable(
  'opt_outs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['phone', 'email'] }).notNull(),
    /** E.164 phone or lower-cased email: one namespace (a phone starts with +, an email has an @). */
    value: text('value').notNull(),
    source: text('source', { enum: optOutSources }).notNull(),
    reason: text('reason'),
    /** The company whose lead put it here (lead-dnc, ghl-dnd); null for lists and hand entries. */
    companyId: integer('company_id').references(() => companies.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    removedAt: integer('removed_at'),
    removedReason: text('removed_reason'),
  },
  (t) => [uniqueIndex('opt_outs_value_uq').on(t.value), index('opt_outs_created_idx').on(t.removedAt, t.createdAt)],
);

// 'crm-tags': the old CRM's tags, recorded once GHL added them (no intent: a repeat is harmless).
export const ghlCreateKinds = ['enrol-workflow', 'enrol-tag', 'note', 'crm-tags'] as const;
export const ghlCreateStates = ['pending', 'done', 'unconfirmed'] as const;

/** A create ledger row's own columns, beside its lead: ghl_creates, and removed_lead_creates that keeps a deleted lead's. */
const createLedgerColumns = () => ({
  kind: text('kind', { enum: ghlCreateKinds }).notNull(),
  /** The workflow id, the tag, or the note's own key. */
  target: text('target').notNull(),
  state: text('state', { enum: ghlCreateStates }).notNull(),
  contactId: text('contact_id').notNull(),
  sentAt: integer('sent_at').notNull(),
  resolvedAt: integer('resolved_at'),
  /** What GHL returned, when it returns an id (a note's id). */
  resultId: text('result_id'),
  message: text('message'),
});

/**
 * "Create once in GHL" (issue #12 item 2): a call GHL must not get twice (a workflow enrolment, a
 * note) is written here as 'pending' in its own commit BEFORE it is sent, and becomes 'done' in the
 * same commit as the job's completion. A row still 'pending' when a runner meets it again (a kill, a
 * lost answer, a local error) is resolved by asking GHL before anything is resent; when GHL cannot tell
 * (there is no "is this contact in the workflow" read) it becomes 'unconfirmed' and waits for a person.
 * A row is deleted when GHL's answer proves nothing was created. One row per lead, kind and target.
 */
export const ghlCreates = sqliteTable(
  'ghl_creates',
  {
    leadId: integer('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    ...createLedgerColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.leadId, t.kind, t.target] }),
    index('ghl_creates_state_idx').on(t.state),
    // Another lead's enrolment of the same contact (create-once.ts siblingStmt): by the contact it went to.
    index('ghl_creates_contact_idx').on(t.contactId, t.kind, t.target),
  ],
);

/**
 * Phones the office removed from a lead after it went to GHL (the customer's neighbour answered "wrong number"). The
 * upsert sends only the fields a lead has, so GHL's contact may keep the number, and the campaign's later texts go
 * on to it: the lead panel says so, and an 'update' import does not give the number back (lead-writer.ts). Written by
 * the triggers of migration 0053 (the office typing the number in again ends it); a table of its own, as few leads
 * ever have one. Taking it off the contact by itself was tried and withdrawn (commit 764576d).
 */
export const leadRemovedPhones = sqliteTable(
  'lead_removed_phones',
  {
    leadId: integer('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    removedAt: integer('removed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.leadId, t.phone] })],
);

/**
 * The numbers GHL's contact of an enrolled lead may hold besides the lead's own: the one it held when the office first
 * changed the lead's number since the contact last answered (the lead's own until the edit, so kept nowhere else:
 * ghl_contact_phone keeps a contact's number only when it differs from the lead's), and each the sync sent it since (an
 * answer lost on the way). A contact that answers on DND took its STOP at one of them: they go on the opt-out list with
 * the new one (former-contact-numbers.ts). Filled by the trigger of migration 0055 and the sync, emptied when the contact
 * answers with the number it holds.
 */
export const leadReplacedPhones = sqliteTable(
  'lead_replaced_phones',
  {
    leadId: integer('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    notedAt: integer('noted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.leadId, t.phone] })],
);

/**
 * What GHL had of a lead the office deleted after it reached GHL (its contact stays there, enrolled): written by the
 * trigger leads_removed_in_ghl (migration 0052) as the lead goes, with its create ledger (removedLeadCreates). Read
 * only by a restore (ghl-record-carry-over.ts): a backup made before the lead went holds it as waiting, and with
 * nothing left in the replaced file to say it went, it was enrolled and noted a second time. An Undo in GHL deleted
 * the contact there too: its record keeps no contact id (batch-jobs.ts removeAfterGhlDelete).
 */
export const removedLeadsInGhl = sqliteTable('removed_leads_in_ghl', {
  leadId: integer('lead_id').primaryKey(),
  companyId: integer('company_id').notNull(),
  phone: text('phone'),
  emailKey: text('email_key'),
  ghlContactId: text('ghl_contact_id'),
  ghlContactPhone: text('ghl_contact_phone'),
  enrolledAt: integer('enrolled_at'),
  enrolledTimeZone: text('enrolled_time_zone'),
  enrolledWindow: text('enrolled_window'),
  enrolledRuleState: text('enrolled_rule_state'),
  /** The lead's own created_at: with its id, what tells the same lead in a restored file (ids are reused across restores). */
  createdAt: integer('created_at').notNull(),
  removedAt: integer('removed_at').notNull(),
});

/**
 * The create ledger (ghlCreates) of a lead in removedLeadsInGhl, as it was when the lead was deleted (or, carried by a
 * restore, as the replaced file had it of a lead the backup lacks). The sync reads it too: the customer added again is
 * the same GHL contact, noted and enrolled already (create-once.ts siblingEnrolment, lead-record.ts), and an enrolment
 * GHL did not answer keeps its place in the day's cap (company-day.ts).
 */
export const removedLeadCreates = sqliteTable(
  'removed_lead_creates',
  {
    leadId: integer('lead_id').notNull(),
    ...createLedgerColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.leadId, t.kind, t.target] }),
    index('removed_lead_creates_contact_idx').on(t.contactId, t.kind, t.target),
    index('removed_lead_creates_state_idx').on(t.state),
  ],
);

/**
 * The contact custom fields of each company's GHL location, as last read from GHL (or created by the
 * app): their names head the export's columns, name a field in a sync error, and feed auto mapping
 * when GHL cannot be asked. A field GHL no longer lists keeps its row with `removed_at` set, so the
 * values already stored under it keep their name.
 */
export const ghlCustomFields = sqliteTable(
  'ghl_custom_fields',
  {
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    /** GHL's field id, sent as `customFields[].id`. */
    id: text('id').notNull(),
    name: text('name').notNull(),
    dataType: text('data_type').notNull(),
    seenAt: integer('seen_at').notNull(),
    removedAt: integer('removed_at'),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] })],
);

/**
 * A lead's values for GHL custom fields (a column mapped to one), sent with the contact's upsert as
 * `customFields: [{ id, field_value }]`. Triggers (same migration) bump the lead's `version` when they
 * change while its request is in flight, so that request is dropped and the re-send carries them.
 */
export const leadCustomValues = sqliteTable(
  'lead_custom_values',
  {
    leadId: integer('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    fieldId: text('field_id').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.leadId, t.fieldId] })],
);

/**
 * A lead's other phones and emails: those of its import row it did not keep (a Home Phone column, a second email,
 * '…0150 / …0151'), kept apart from the notes so that an opt-out holds for them too. When the lead turns
 * do-not-contact or GHL reports it on DND they go on the office-wide list (trigger leads_opt_out_other_keys, same
 * migration), and the opt-out spreads by them to the customer's leads at other companies (opt-out-everywhere.ts):
 * Ann imported at one company with her mobile and her home number, and at another with the home number only, was
 * texted there after she replied STOP to the first.
 */
export const leadOtherKeys = sqliteTable(
  'lead_other_keys',
  {
    leadId: integer('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['phone', 'email'] }).notNull(),
    /** As the opt-out list keys it: a phone in E.164, an email lower-cased. */
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.leadId, t.value] }), index('lead_other_keys_value_idx').on(t.value)],
);

/** Small key/value facts about this installation (connectivity, runner lock holder, …). */
export const appMeta = sqliteTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export type CompanyRow = typeof companies.$inferSelect;
export type LeadRow = typeof leads.$inferSelect;
export type ImportBatchRow = typeof importBatches.$inferSelect;
export type SyncJobRow = typeof syncJobs.$inferSelect;
export type OptOutRow = typeof optOuts.$inferSelect;

/**
 * Lead counts per company and status, kept current by triggers (migration 0001): the dashboard
 * reads a handful of rows instead of counting a million leads on every refresh. The leads a chunk of
 * an import (or any many-row insert, batch-insert.ts) adds are counted by the chunk, not lead by lead:
 * see leadsCountedByWriter.
 */
/**
 * A row here while a many-row insert of leads runs (batch-insert.ts), in its own transaction: the insert trigger of
 * lead_status_counts passes its leads by, and the insert counts them itself, with one statement once they are in
 * (issue #11: the trigger's upsert per lead was ~3% of a 100k-row import). Never committed: the insert removes it
 * before its transaction ends, and a failure rolls it back with the leads. (The command line's import sets leads' insert
 * triggers aside instead, and does their work itself: insert-triggers.ts.)
 */
export const leadsCountedByWriter = sqliteTable('leads_counted_by_writer', {
  id: integer('id').primaryKey(),
});

export const leadStatusCounts = sqliteTable(
  'lead_status_counts',
  {
    companyId: integer('company_id').notNull(),
    status: text('status').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.status] })],
);

/**
 * Held-back leads (status 'new', not do-not-contact: what a Send button would queue) per company and
 * import batch (0 = typed in), kept by triggers on leads (migration 0023): the dashboard's held-back
 * list and an import's "not queued" count read a few rows here instead of counting a million-lead
 * batch on the main thread (~190 ms per count, ~550 ms per dashboard refresh).
 */
export const heldBackCounts = sqliteTable(
  'held_back_counts',
  {
    companyId: integer('company_id').notNull(),
    batchId: integer('batch_id').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.batchId] })],
);

/**
 * Where an import's leads have got to, per batch: sent ('synced'), 'failed', and opted out ('dnd',
 * 'do-not-contact'), kept by triggers on leads (migration 0038). Import history says what became of each
 * file since it was imported; counting a million-lead batch there took a scan per row of the page. The
 * triggers fire for those statuses only: an import's queued or held-back rows pass them untouched.
 */
export const batchOutcomeCounts = sqliteTable(
  'batch_outcome_counts',
  {
    batchId: integer('batch_id').notNull(),
    status: text('status').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.status] })],
);

/**
 * The jobs that wait for their lead's turn (queued or running, never enrolled: send_gate 'paced' or
 * 'unplaced'), counted per company, place and import batch, kept by triggers on sync_jobs (migrations 0020, 0021): the
 * send plan (electron/core/schedule/send-plan.ts) and an import's waiting count (batch-waiting.ts) read a
 * few rows here instead of scanning a million jobs on the main thread. zone/state '' = NULL on the job (the company's zone / no state rule).
 */
export const waitingJobCounts = sqliteTable(
  'waiting_job_counts',
  {
    companyId: integer('company_id').notNull(),
    zone: text('zone').notNull(),
    state: text('state').notNull(),
    /** The job's batch_id; 0 = none (a key column cannot hold NULL and still match in an upsert). */
    batchId: integer('batch_id').notNull().default(0),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.zone, t.state, t.batchId] }), index('waiting_job_counts_batch_idx').on(t.batchId)],
);

/**
 * Each enrolment's time per company, written by a trigger when a lead's enrolled_at is first set (migration
 * 0032): what the daily and hourly caps count. Not the leads themselves: deleting a lead enrolled today (or
 * undoing its import) must not give its place in today's cap back — its text went. Rows older than two days
 * are dropped as new ones come (no cap looks back further than a company day).
 */
export const enrolmentLog = sqliteTable(
  'enrolment_log',
  {
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    enrolledAt: integer('enrolled_at').notNull(),
  },
  (t) => [index('enrolment_log_company_at_idx').on(t.companyId, t.enrolledAt)],
);

/** Leads that reached GHL per company and hour (epoch ms of the hour), kept by a trigger, for the chart. */
export const syncedPerHour = sqliteTable(
  'synced_per_hour',
  {
    companyId: integer('company_id').notNull(),
    hour: integer('hour').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.hour] })],
);

/** Failed leads per company and reason, kept by triggers (migration 0004), for "problems first". */
export const failedReasonCounts = sqliteTable(
  'failed_reason_counts',
  {
    companyId: integer('company_id').notNull(),
    reason: text('reason').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.reason] })],
);
