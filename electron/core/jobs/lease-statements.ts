/**
 * The prepared statements of the sync worker's hot path (claim, complete, fail, release…), moved
 * here from electron/sync/queue-store.ts unchanged in shape: each state change is one short commit,
 * and a job's progress and the lead's GHL facts are written in the same transaction.
 */
import type Database from 'better-sqlite3';
import type { ClaimedJob, LeadForSync } from './claimed-job';
import { OPTED_OUT_STATUS_SQL } from '../optouts/opted-out-status';
import { OWN_TIME_ZONE_SQL } from '../leads/own-time-zone';
import { KEPT_CONTACT_PHONE_SQL } from './kept-contact-phone';
import { HELD_FOR_CONTACT_SQL } from './held-elsewhere';

/** The claimed job as the query returns it: one flat row, SQLite's 0/1 for booleans. */
export type ClaimedRaw = Omit<ClaimedJob, 'lead'> &
  Omit<LeadForSync, 'doNotContact' | 'wasEnrolled' | 'customValues'> & { doNotContact: number; enrolledAt: number | null; customValuesJson: string };

/**
 * The consent record's facts, written once with enrolled_at (an UPDATE's SET reads the old row, so
 * `enrolled_at IS NULL` means "enrolled by this statement"): the zone and window that applied then.
 */
/**
 * One of the lead's other phones or emails (its import row's, lead_other_keys) is on the opt-out list: the customer
 * opted out under it (at another company, a STOP report), whichever number the lead keeps. The import asks the same
 * of a new row (import-check.ts); a lead imported before the opt-out was texted on its own number.
 */
const OTHER_KEY_LISTED = `EXISTS (SELECT 1 FROM lead_other_keys k JOIN opt_outs o ON o.value = k.value AND o.removed_at IS NULL WHERE k.lead_id = l.id)`;

export const ENROLLED_FACTS = `
  enrolled_time_zone = CASE WHEN enrolled_at IS NULL THEN coalesce(time_zone, (SELECT c.time_zone FROM companies c WHERE c.id = company_id)) ELSE enrolled_time_zone END,
  enrolled_window = CASE WHEN enrolled_at IS NULL THEN (SELECT c.send_window_start || '–' || c.send_window_end FROM companies c WHERE c.id = company_id) ELSE enrolled_window END,
  enrolled_rule_state = CASE WHEN enrolled_at IS NULL THEN rule_state ELSE enrolled_rule_state END,`;

/** What the app knew of the lead's contact before an answer about it (lease-statements.ts contactBefore). */
export interface ContactBefore {
  contactId: string | null;
  contactPhone: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
}

export type LeaseStatements = ReturnType<typeof prepareLeaseStatements>;

export function prepareLeaseStatements(db: Database.Database) {
  return {
    // The ids come from the scheduler's gate (claim-gate.ts): oldest due first, only placed leads (the
    // sync worker places them first, so a contact never reaches GHL with a zone from before its address
    // changed), never-enrolled ones only in their window and within the cap.
    claim: db.prepare<{ ids: string; owner: string; now: number; leaseUntil: number }, { id: number }>(
      `UPDATE sync_jobs SET state = 'running', lease_owner = @owner, lease_expires_at = @leaseUntil, updated_at = @now,
         -- A hold for another company's GHL ends with the claim (held-elsewhere.ts): asked again now, and held again if not
         -- answered; left, a job given back for another reason stayed "held" on its panel and in the block line.
         held_for_company_id = NULL,
         -- (Every expression here reads the row as it was before this update.)
         contact_holds = CASE WHEN ${HELD_FOR_CONTACT_SQL} THEN contact_holds ELSE 0 END,
         last_error_code = CASE WHEN held_for_company_id IS NULL THEN last_error_code END,
         last_error_message = CASE WHEN held_for_company_id IS NULL THEN last_error_message END
       WHERE id IN (SELECT value FROM json_each(@ids)) AND state = 'queued'
       RETURNING id`,
    ),
    claimedLeads: db.prepare<[string], ClaimedRaw>(
      `SELECT j.id AS jobId, j.lease_owner AS leaseOwner, j.lead_id AS leadId, j.company_id AS companyId, j.attempts, j.last_error_code AS lastErrorCode,
              l.first_name AS firstName, l.last_name AS lastName, l.phone, l.email, l.address1, l.city, l.state,
              l.postal_code AS postalCode, l.country, l.source, l.tag, l.do_not_contact AS doNotContact, l.ghl_contact_id AS ghlContactId, l.enrolled_at AS enrolledAt,
              ${OWN_TIME_ZONE_SQL} AS timeZone, l.company_name AS companyName, l.crm_tags AS crmTags,
              (SELECT json_group_array(json_object('id', v.field_id, 'name', coalesce(f.name, v.field_id), 'value', v.value))
                 FROM lead_custom_values v LEFT JOIN ghl_custom_fields f ON f.company_id = l.company_id AND f.id = v.field_id
                 WHERE v.lead_id = l.id) AS customValuesJson,
              l.version
       FROM json_each(?) AS ids JOIN sync_jobs j ON j.id = ids.value JOIN leads l ON l.id = j.lead_id
       ORDER BY j.next_run_at, j.id`,
    ),
    // The last word before anything goes (sending-guards): picked jobs whose lead's phone or email is on
    // the office-wide opt-out list, however it got there (another company's lead marked do-not-contact or
    // DND in GHL, an edit, a held-back batch sent later). One unique-index seek per key.
    // (A lead already do-not-contact is not one of them: its job is the one that sets DND in GHL.)
    pickedOptedOut: db.prepare<[string], { jobId: number; leadId: number }>(
      `SELECT j.id AS jobId, j.lead_id AS leadId FROM json_each(?) AS ids JOIN sync_jobs j ON j.id = ids.value JOIN leads l ON l.id = j.lead_id
       WHERE l.do_not_contact = 0 AND (EXISTS (SELECT 1 FROM opt_outs o WHERE o.value IN (l.phone, l.email_key, l.ghl_contact_phone) AND o.removed_at IS NULL)
         OR ${OTHER_KEY_LISTED})`,
    ),
    // Any of these phones or emails (keys as the list keeps them) on the opt-out list.
    listedAny: db.prepare<[string], { one: number }>(
      `SELECT 1 AS one FROM opt_outs WHERE value IN (SELECT value FROM json_each(?)) AND removed_at IS NULL LIMIT 1`,
    ),
    // As the opt-out list marks a lead (opt-out-service.ts): GHL's DND says more, so that status stays.
    markLeadOptedOut: db.prepare<[number, number]>(
      `UPDATE leads SET do_not_contact = 1, status = ${OPTED_OUT_STATUS_SQL}, updated_at = ? WHERE id = ?`,
    ),
    // Where a running job's lead is, for the window check right before its enrolment (sync_jobs_follow_lead keeps it).
    placeOf: db.prepare<[number], { companyId: number; gate: string; zone: string | null; state: string | null }>(
      `SELECT company_id AS companyId, send_gate AS gate, send_zone AS zone, send_state AS state FROM sync_jobs WHERE id = ?`,
    ),
    markLeadsSyncing: db.prepare<[number, string]>(
      `UPDATE leads SET status = 'syncing', updated_at = ?
       WHERE id IN (SELECT lead_id FROM sync_jobs WHERE id IN (SELECT value FROM json_each(?))) AND status IN ('new', 'queued', 'failed')`,
    ),
    renew: db.prepare<[number, number, string]>(
      `UPDATE sync_jobs SET lease_expires_at = ?, updated_at = ? WHERE state = 'running' AND lease_owner LIKE ? ESCAPE '\\'`,
    ),
    isDoNotContact: db.prepare<[number], { one: number }>(`SELECT 1 AS one FROM leads WHERE id = ? AND do_not_contact = 1`),
    owns: db.prepare<[number, string], { one: number }>(`SELECT 1 AS one FROM sync_jobs WHERE id = ? AND state = 'running' AND lease_owner = ?`),
    isTakenBack: db.prepare<[number], { one: number }>(`SELECT 1 AS one FROM sync_jobs WHERE id = ? AND state = 'cancelled'`),
    // The claim still holds, the lead is still the version the claim read (leads_version_bump trigger), and its
    // number or email has not gone on the opt-out list since (another company's lead opted out, a STOP report):
    // the claim checked the list, but a claim's leads take a while to send. A do-not-contact lead's job is the
    // one that turns DND on in GHL: the list is why it goes.
    isCurrent: db.prepare<[number, string, number], { one: number }>(
      `SELECT 1 AS one FROM sync_jobs j JOIN leads l ON l.id = j.lead_id
       WHERE j.id = ? AND j.state = 'running' AND j.lease_owner = ? AND l.version = ?
         AND (l.do_not_contact = 1 OR (NOT EXISTS (SELECT 1 FROM opt_outs o WHERE o.value IN (l.phone, l.email_key, l.ghl_contact_phone) AND o.removed_at IS NULL)
           AND NOT ${OTHER_KEY_LISTED}))`,
    ),
    // GHL enrolled the lead: true whatever became of the claim (an edit meanwhile must not enrol it again, issue #12 2(b)).
    leadEnrolled: db.prepare<[number, number]>(`UPDATE leads SET ${ENROLLED_FACTS} enrolled_at = coalesce(enrolled_at, ?) WHERE id = ?`),
    isLeadEnrolled: db.prepare<[number], { one: number }>('SELECT 1 AS one FROM leads WHERE id = ? AND enrolled_at IS NOT NULL'),
    // The enrolment the log trigger (migration 0032) just wrote for a lead in the campaign through another's: the latest of
    // its company at that instant.
    uncountEnrolment: db.prepare<{ leadId: number; at: number }>(
      `DELETE FROM enrolment_log WHERE rowid = (SELECT max(rowid) FROM enrolment_log
         WHERE company_id = (SELECT company_id FROM leads WHERE id = @leadId) AND enrolled_at = @at)`,
    ),
    // Keep the first "is new" answer: a redone upsert after a crash says new=false for the same contact.
    // The number the contact holds, as kept-contact-phone.ts keeps it. An answer without a number about the same
    // contact keeps the one known (GHL may leave the field out); another contact's clears it.
    upsertLead: db.prepare<{ leadId: number; contactId: string; isNew: number; now: number; contactPhone: string | null }>(
      `UPDATE leads SET ghl_is_new = CASE WHEN ghl_contact_id = @contactId AND ghl_is_new IS NOT NULL THEN ghl_is_new ELSE @isNew END,
              ghl_contact_phone = CASE WHEN @contactPhone IS NOT NULL THEN ${KEPT_CONTACT_PHONE_SQL} WHEN ghl_contact_id = @contactId THEN ghl_contact_phone END,
              ghl_contact_id = @contactId, updated_at = @now WHERE id = @leadId`,
    ),
    // What the app knew of the lead's contact before an answer about it: the number it holds when not the lead's own.
    contactBefore: db.prepare<[number], ContactBefore>(
      `SELECT ghl_contact_id AS contactId, ghl_contact_phone AS contactPhone, phone, first_name AS firstName, last_name AS lastName FROM leads WHERE id = ?`,
    ),
    // The numbers the contact may hold since the lead's number changed (lead_replaced_phones, migration 0055).
    // '' is kept for a contact that held no number (migration 0055): no number to list.
    replacedPhones: db.prepare<[number], string>("SELECT phone FROM lead_replaced_phones WHERE lead_id = ? AND phone <> '' ORDER BY noted_at, phone").pluck(),
    // Right before the sync sends the lead's contact a number (its own commit, as upsertSent): it may hold it from then on.
    // A number noted before is noted again at this instant: a DND check asked before it must not forget it (afterAnswer).
    notePhoneSent: db.prepare<{ leadId: number; phone: string; now: number }>(
      `INSERT INTO lead_replaced_phones (lead_id, phone, noted_at) VALUES (@leadId, @phone, @now)
       ON CONFLICT (lead_id, phone) DO UPDATE SET noted_at = max(noted_at, excluded.noted_at)`,
    ),
    isPhoneNoted: db.prepare<[number, string], { one: number }>('SELECT 1 AS one FROM lead_replaced_phones WHERE lead_id = ? AND phone = ?'),
    // GHL refused the call that noted the number (only such a note is taken back: JobQueue.notePhoneSent).
    unnotePhoneSent: db.prepare<{ leadId: number; phone: string }>('DELETE FROM lead_replaced_phones WHERE lead_id = @leadId AND phone = @phone'),
    // The contact answered with the number it holds (ghl_contact_phone keeps it when it is not the lead's).
    forgetReplacedPhones: db.prepare<[number, number]>('DELETE FROM lead_replaced_phones WHERE lead_id = ? AND noted_at <= ?'),
    // Right before an upsert of a lead whose contact the app does not know: from here on GHL may have it.
    upsertSent: db.prepare<{ id: number; lease: string; now: number }>(
      `UPDATE sync_jobs SET upsert_sent_at = coalesce(upsert_sent_at, @now) WHERE id = @id AND state = 'running' AND lease_owner = @lease`,
    ),
    // Only the mark this call wrote (its instant): an earlier upsert's, sent without its answer, stays.
    upsertRefused: db.prepare<{ id: number; markedAt: number }>(`UPDATE sync_jobs SET upsert_sent_at = NULL WHERE id = @id AND upsert_sent_at = @markedAt`),
    // A contact GHL matched to a lead whose upsert answer was lost: whether that upsert created it is not
    // known, so ghl_is_new stays NULL and undo never deletes it (batch-jobs.ts CREATED).
    foundContact: db.prepare<{ leadId: number; contactId: string; now: number }>(
      `UPDATE leads SET ghl_contact_id = @contactId, updated_at = @now WHERE id = @leadId AND ghl_contact_id IS NULL`,
    ),
    jobSucceeded: db.prepare<[number, number, string]>(
      `UPDATE sync_jobs SET state = 'succeeded', lease_owner = NULL, lease_expires_at = NULL,
              last_error_code = NULL, last_error_message = NULL, updated_at = ? WHERE id = ? AND state = 'running' AND lease_owner = ?`,
    ),
    // An enrolment GHL confirms, of a job Stop sending or an undo took back meanwhile (batch-jobs.ts TAKEN_BACK takes
    // back one whose intent a killed run left): it went before the Stop, and the lead is in the campaign.
    takenBackJobSucceeded: db.prepare<[number, number]>(
      `UPDATE sync_jobs SET state = 'succeeded', last_error_code = NULL, last_error_message = NULL, updated_at = ? WHERE id = ? AND state = 'cancelled'`,
    ),
    leadSynced: db.prepare<[number, number, number, number]>(
      // Never over a do-not-contact mark set while the last request was in flight.
      `UPDATE leads SET status = 'synced', synced_at = ?, ${ENROLLED_FACTS} enrolled_at = coalesce(enrolled_at, ?), last_error = NULL, updated_at = ?
       WHERE id = ? AND do_not_contact = 0`,
    ),
    leadDndSent: db.prepare<[number, number]>(
      `UPDATE leads SET status = ${OPTED_OUT_STATUS_SQL}, last_error = NULL, updated_at = ? WHERE id = ? AND do_not_contact = 1`,
    ),
    leadDnd: db.prepare<[number, number, number]>(`UPDATE leads SET status = 'dnd', synced_at = ?, last_error = NULL, updated_at = ? WHERE id = ?`),
    leadCompany: db.prepare<[number], { companyId: number }>('SELECT company_id AS companyId FROM leads WHERE id = ?'),
    contactPhoneOf: db.prepare<[number], { phone: string | null; isOptedOut: number }>(
      `SELECT ghl_contact_phone AS phone, (do_not_contact = 1 OR status = 'dnd') AS isOptedOut FROM leads WHERE id = ?`,
    ),
    // GHL reports the contact of a lead sent before on DND (a STOP reply there): the lead keeps its sync time.
    markLeadGhlDnd: db.prepare<[number, number]>(`UPDATE leads SET status = 'dnd', updated_at = ? WHERE id = ? AND status <> 'dnd' AND do_not_contact = 0`),
    // Given back to go again now (its window closed before its turn, a pause, an answer never received), it keeps its place
    // in line: the gate serves the oldest next_run_at first, and `now` put it behind every lead queued since (two leads
    // whose contact and note GHL had went days after newer ones under a daily cap; a review). Later (the network down,
    // GHL's limit): not before then, and its place kept for then (line_at, restoreDeferred).
    release: db.prepare<{ id: number; lease: string; nextRunAt: number; code: string | null; message: string | null; now: number }>(
      `UPDATE sync_jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL,
              next_run_at = CASE WHEN @nextRunAt <= @now THEN min(next_run_at, @nextRunAt) ELSE @nextRunAt END,
              line_at = CASE WHEN @nextRunAt <= @now THEN line_at ELSE coalesce(line_at, next_run_at) END,
              last_error_code = COALESCE(@code, last_error_code), last_error_message = COALESCE(@message, last_error_message), updated_at = @now
       WHERE id = @id AND state = 'running' AND lease_owner = @lease`,
    ),
    leadQueued: db.prepare<[number, number]>(`UPDATE leads SET status = 'queued', updated_at = ? WHERE id = ? AND status = 'syncing'`),
    // Jobs put off whose time has come take their place in line back (schema.ts line_at), before the gate picks: run in
    // the claim's transaction. From sync_jobs_deferred_idx: the few put off, not the queue.
    restoreDeferred: db.prepare<{ now: number }>(
      `UPDATE sync_jobs INDEXED BY sync_jobs_deferred_idx SET next_run_at = min(next_run_at, line_at), line_at = NULL
       WHERE line_at IS NOT NULL AND state = 'queued' AND next_run_at <= @now`,
    ),
    // Not before its backoff ends; then at its place in line (line_at): put behind every lead queued since, a lead whose
    // contact GHL had waited days for one 5xx under a daily cap.
    retryLater: db.prepare<{ id: number; lease: string; attempts: number; nextRunAt: number; code: string; message: string; now: number }>(
      `UPDATE sync_jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, attempts = @attempts,
              line_at = coalesce(line_at, next_run_at), next_run_at = @nextRunAt,
              last_error_code = @code, last_error_message = @message, updated_at = @now
       WHERE id = @id AND state = 'running' AND lease_owner = @lease`,
    ),
    failJob: db.prepare<{ id: number; lease: string; attempts: number; code: string; message: string; now: number }>(
      `UPDATE sync_jobs SET state = 'failed', lease_owner = NULL, lease_expires_at = NULL, attempts = @attempts,
              last_error_code = @code, last_error_message = @message, updated_at = @now
       WHERE id = @id AND state = 'running' AND lease_owner = @lease`,
    ),
    leadFailed: db.prepare<[string, number, number]>(`UPDATE leads SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ?`),
    cancelJob: db.prepare<[string, number, number, string]>(
      `UPDATE sync_jobs SET state = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, last_error_message = ?, updated_at = ?
       WHERE id = ? AND state = 'running' AND lease_owner = ?`,
    ),
    leadStatus: db.prepare<[string, number, number]>(`UPDATE leads SET status = ?, updated_at = ? WHERE id = ?`),
    // Only one runner per data dir (runner lock): a running job it does not own is an orphan of a dead runner.
    requeueOthers: db.prepare<[number, string], { leadId: number }>(
      `UPDATE sync_jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
       WHERE state = 'running' AND (lease_owner IS NULL OR lease_owner NOT LIKE ? ESCAPE '\\') RETURNING lead_id AS leadId`,
    ),
    requeueExpired: db.prepare<[number, number], { leadId: number }>(
      `UPDATE sync_jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
       WHERE state = 'running' AND lease_expires_at < ? RETURNING lead_id AS leadId`,
    ),
    // A lane's jobs: running, of this company, under one of this runner's leases (sync_jobs_claim_idx).
    requeueLane: db.prepare<[number, number, string], { leadId: number }>(
      `UPDATE sync_jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
       WHERE company_id = ? AND state = 'running' AND lease_owner LIKE ? ESCAPE '\\' RETURNING lead_id AS leadId`,
    ),
    leadsBackToQueued: db.prepare<[number, string]>(
      `UPDATE leads SET status = 'queued', updated_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND status = 'syncing'`,
    ),
    pendingByCompany: db.prepare<[], { companyId: number; n: number }>(
      `SELECT company_id AS companyId, count(*) AS n FROM sync_jobs WHERE state IN ('queued', 'running') GROUP BY company_id`,
    ),
  };
}
