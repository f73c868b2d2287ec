/**
 * "Create once in GHL": the one code path for a call GHL must not get twice — a workflow enrolment,
 * a contact's note (kind 'note', target = the note's key, resolved by listing the notes) — and the
 * record of what was sent once per lead although GHL would take it twice harmlessly (kind 'crm-tags',
 * target = the old CRM's tags: written 'done' after GHL's answer, so a resync does not send them again).
 *
 *   1. the intent is committed ('pending') in its own short transaction BEFORE the call;
 *   2. the call goes out; the client retries it only after an answer proving GHL did not act (a 429):
 *      the intent is cleared for the wait and written again, with the new time, as the retry leaves;
 *   3. created → the caller writes `markDone` in the same transaction as the job's completion;
 *      GHL's answer proves nothing was created → the intent is cleared and the caller may try again;
 *      no answer (lost, timeout, 5xx, a kill, a local error before step 3) → the row stays open;
 *   4. an open row is resolved by asking GHL before any second call (`resolveOpen`): found → done,
 *      absent → cleared, GHL has no way to tell → 'unconfirmed', for a person to confirm or resend.
 *
 * The table is ghl_creates (db/schema.ts); this module is its only writer.
 */
import type Database from 'better-sqlite3';

/** Calls GHL must not get twice: the only kinds that can wait for a person ('unconfirmed'). */
export type OnceKind = 'enrol-workflow' | 'enrol-tag' | 'note';
export type CreateKind = OnceKind | 'crm-tags';
const ONCE_KINDS: readonly OnceKind[] = ['enrol-workflow', 'enrol-tag', 'note'];

export interface CreateKey {
  leadId: number;
  kind: CreateKind;
  /** The workflow id, the tag, the note's key. */
  target: string;
}

/** One ledger row as it stands. */
export interface CreateRow {
  state: 'pending' | 'done' | 'unconfirmed';
  contactId: string;
  resultId: string | null;
  /** When the intent was written, just before the call. */
  sentAt: number;
}

export interface OpenCreate extends CreateKey {
  state: 'pending' | 'unconfirmed';
  contactId: string;
  sentAt: number;
}

export type CreateAnswer<T> =
  | { status: 'created'; value: T }
  /** Sent, and nothing tells whether GHL acted: the row stays open, to be resolved before any resend. */
  | { status: 'unknown'; error: unknown }
  /** GHL's answer (or a failure before sending) proves nothing was created: the row is cleared. */
  | { status: 'not-created'; error: unknown };

/** found: GHL has it; absent: GHL does not; unknowable: GHL offers no read that tells. */
export type Resolution = 'found' | 'absent' | 'unknowable';

export const UNCONFIRMED_MESSAGE = 'GHL did not confirm the enrolment: check the contact in GHL, then confirm it or send it again';

/** Refused by construction: a second intent for something already sent (done or still open). */
export class CreateAlreadySentError extends Error {
  readonly code = 'create-already-sent';
  constructor(key: CreateKey) {
    super(`${key.kind} ${key.target} for lead ${key.leadId} was already sent to GHL; it is not sent twice`);
  }
}

/** Another lead's record of the same enrolment of the same GHL contact. */
export interface SiblingEnrolment {
  leadId: number;
  state: CreateRow['state'];
  sentAt: number;
  /** The other lead is gone (deleted, or lost in a restore): its record of GHL stayed (removed_lead_creates). */
  isRemoved: boolean;
}

/**
 * Refused by construction: the GHL contact is already enrolled in this workflow (or may be) through
 * another lead that GHL matched to it — an old CRM's two records of one customer, one with her email and
 * one with her phone. A second enrolment could text her twice.
 */
export class EnrolledThroughSiblingError extends Error {
  readonly code = 'enrolled-through-sibling';
  constructor(readonly sibling: SiblingEnrolment) {
    super(`The GHL contact is already enrolled through lead #${sibling.leadId}; it is not enrolled twice`);
  }
}

/**
 * The job's claim is gone (Stop sending, an undo, an edit or a deletion took it back): the intent is not
 * written and nothing is sent. Checked in the intent's transaction, so a stop that lands first is obeyed
 * and one that lands after finds the intent (and leaves that lead to finish).
 */
export class ClaimGoneError extends Error {
  readonly code = 'claim-gone';
  constructor() {
    super('The job was taken back before its request left; nothing was sent');
  }
}

/** Whether the claim that sends a key still holds (JobQueue.owns), asked inside the intent's transaction. */
export type IsOurs = () => boolean;

export interface UnconfirmedLead {
  leadId: number;
  companyId: number;
  kind: OnceKind;
  target: string;
  contactId: string;
  sentAt: number;
  message: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
}

const ENROL_KINDS: readonly CreateKind[] = ['enrol-workflow', 'enrol-tag'];

export class CreateLedger {
  private readonly insertStmt;
  private readonly openStmt;
  private readonly doneStmt;
  private readonly unconfirmedStmt;
  private readonly clearStmt;
  private readonly removedDoneStmt;
  private readonly removedEnrolledStmt;
  private readonly removedLeadEnrolledStmt;
  private readonly removedClearStmt;
  private readonly findStmt;
  private readonly recordDoneStmt;
  private readonly sendingStmt;
  private readonly restampStmt;
  private readonly siblingStmt;
  private readonly removedNotesStmt;
  private readonly enrolledContactsStmt;

  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare<{ leadId: number; kind: string; target: string; contactId: string; now: number }>(
      `INSERT INTO ghl_creates (lead_id, kind, target, state, contact_id, sent_at) VALUES (@leadId, @kind, @target, 'pending', @contactId, @now)
       ON CONFLICT (lead_id, kind, target) DO NOTHING`,
    );
    // A retry leaving (the intent was cleared when GHL refused the try before): pending again, timed now.
    this.sendingStmt = db.prepare<{ leadId: number; kind: string; target: string; contactId: string; now: number }>(
      `INSERT INTO ghl_creates (lead_id, kind, target, state, contact_id, sent_at) VALUES (@leadId, @kind, @target, 'pending', @contactId, @now)
       ON CONFLICT (lead_id, kind, target) DO UPDATE SET sent_at = excluded.sent_at WHERE state = 'pending'`,
    );
    this.restampStmt = db.prepare<{ leadId: number; kind: string; target: string; now: number }>(
      `UPDATE ghl_creates SET sent_at = @now WHERE lead_id = @leadId AND kind = @kind AND target = @target AND state = 'pending'`,
    );
    this.openStmt = db.prepare<[number, string], OpenCreate>(
      `SELECT lead_id AS leadId, kind, target, state, contact_id AS contactId, sent_at AS sentAt
       FROM ghl_creates WHERE lead_id = ? AND kind IN (SELECT value FROM json_each(?)) AND state <> 'done' ORDER BY sent_at`,
    );
    this.enrolledContactsStmt = db
      .prepare<[number, string], string>(
        `SELECT DISTINCT contact_id FROM ghl_creates WHERE lead_id = ? AND kind IN (SELECT value FROM json_each(?)) ORDER BY contact_id`,
      )
      .pluck();
    this.doneStmt = db.prepare<{ leadId: number; kind: string; target: string; now: number; resultId: string | null }>(
      `UPDATE ghl_creates SET state = 'done', resolved_at = @now, result_id = coalesce(@resultId, result_id), message = NULL
       WHERE lead_id = @leadId AND kind = @kind AND target = @target`,
    );
    this.unconfirmedStmt = db.prepare<{ leadId: number; kind: string; target: string; now: number; message: string }>(
      `UPDATE ghl_creates SET state = 'unconfirmed', resolved_at = @now, message = @message
       WHERE lead_id = @leadId AND kind = @kind AND target = @target AND state = 'pending'`,
    );
    this.clearStmt = db.prepare<{ leadId: number; kind: string; target: string }>(
      `DELETE FROM ghl_creates WHERE lead_id = @leadId AND kind = @kind AND target = @target AND state = 'pending'`,
    );
    // A lead deleted while its call was on its way took its row along (removed_lead_creates): GHL's answer settles it
    // there, or it stayed pending for good (a review: the customer added again then failed "check GHL", and the day's
    // cap counted a text that never went).
    this.removedDoneStmt = db.prepare<{ leadId: number; kind: string; target: string; now: number; resultId: string | null }>(
      `UPDATE removed_lead_creates SET state = 'done', resolved_at = @now, result_id = coalesce(@resultId, result_id), message = NULL
       WHERE lead_id = @leadId AND kind = @kind AND target = @target`,
    );
    // An enrolment settled done there leaves the unanswered ones the caps count (company-day.ts): the text went, so it is
    // logged as a lead's enrolment is (at its call; the deleted lead's row can no longer fire the log's trigger), and the
    // kept lead is enrolled. Without it, the cap let one more go that day (a review).
    this.removedEnrolledStmt = db.prepare<{ leadId: number; kind: string; target: string }>(
      `INSERT INTO enrolment_log (company_id, enrolled_at)
       SELECT l.company_id, g.sent_at FROM removed_lead_creates g JOIN removed_leads_in_ghl l ON l.lead_id = g.lead_id
       WHERE g.lead_id = @leadId AND g.kind = @kind AND g.target = @target AND g.state <> 'done'
         AND g.kind IN ('enrol-workflow', 'enrol-tag') AND l.enrolled_at IS NULL`,
    );
    this.removedLeadEnrolledStmt = db.prepare<{ leadId: number; kind: string; target: string }>(
      `UPDATE removed_leads_in_ghl SET enrolled_at = (SELECT sent_at FROM removed_lead_creates WHERE lead_id = @leadId AND kind = @kind AND target = @target)
       WHERE lead_id = @leadId AND enrolled_at IS NULL AND @kind IN ('enrol-workflow', 'enrol-tag')`,
    );
    this.removedClearStmt = db.prepare<{ leadId: number; kind: string; target: string }>(
      `DELETE FROM removed_lead_creates WHERE lead_id = @leadId AND kind = @kind AND target = @target AND state = 'pending'`,
    );
    // By the contact the other lead's enrolment went to (ghl_creates_contact_idx), not by the leads GHL matches to
    // it now: a lead edited and upserted to another contact no longer points at the one it enrolled, and that
    // contact was enrolled a second time for the next lead GHL matched to it.
    // A deleted lead's too: the customer typed in again (or back in a later export, or after a restore lost her lead) is
    // the same contact, and her first lead's enrolment went with it: she was enrolled a second time.
    this.siblingStmt = db.prepare<{ leadId: number; kind: string; target: string; contactId: string }, Omit<SiblingEnrolment, 'isRemoved'> & { isRemoved: 0 | 1 }>(
      `SELECT * FROM (
         SELECT lead_id AS leadId, state, sent_at AS sentAt, 0 AS isRemoved
         FROM ghl_creates INDEXED BY ghl_creates_contact_idx
         WHERE contact_id = @contactId AND kind = @kind AND target = @target AND lead_id <> @leadId
         UNION ALL
         SELECT lead_id, state, sent_at, 1 FROM removed_lead_creates INDEXED BY removed_lead_creates_contact_idx
         WHERE contact_id = @contactId AND kind = @kind AND target = @target AND lead_id <> @leadId
       ) ORDER BY state = 'done' DESC, sentAt LIMIT 1`,
    );
    this.removedNotesStmt = db
      .prepare<[string, string], number>(
        `SELECT DISTINCT lead_id FROM removed_lead_creates INDEXED BY removed_lead_creates_contact_idx WHERE contact_id = ? AND kind = 'note' AND target = ?`,
      )
      .pluck();
    this.findStmt = db.prepare<{ leadId: number; kind: string; target: string }, CreateRow>(
      `SELECT state, contact_id AS contactId, result_id AS resultId, sent_at AS sentAt FROM ghl_creates WHERE lead_id = @leadId AND kind = @kind AND target = @target`,
    );
    this.recordDoneStmt = db.prepare<{ leadId: number; kind: string; target: string; contactId: string; now: number; resultId: string | null }>(
      `INSERT INTO ghl_creates (lead_id, kind, target, state, contact_id, sent_at, resolved_at, result_id) VALUES (@leadId, @kind, @target, 'done', @contactId, @now, @now, @resultId)
       ON CONFLICT (lead_id, kind, target) DO UPDATE SET state = 'done', contact_id = excluded.contact_id, resolved_at = excluded.resolved_at, message = NULL`,
    );
  }

  /** The row for this key, or null when it was never sent (or GHL proved it was not created). */
  find(key: CreateKey): CreateRow | null {
    return this.findStmt.get({ leadId: key.leadId, kind: key.kind, target: key.target }) ?? null;
  }

  /**
   * For a call that may be repeated harmlessly (a tag add): no intent first, only the fact that GHL
   * answered, so later syncs need not send it again. Its own commit.
   */
  recordDone(key: CreateKey & { contactId: string }, now: number, resultId: string | null = null): void {
    this.recordDoneStmt.run({ leadId: key.leadId, kind: key.kind, target: key.target, contactId: key.contactId, now, resultId });
  }

  /**
   * Step 1, one commit for all the keys: throws CreateAlreadySentError (and records none) when any
   * of them was sent before — a caller must resolve open rows first. Keys whose claim is gone (`isOurs`
   * false: Stop sending or an undo took the job back) are not recorded, and must not be sent: returns the
   * keys recorded.
   */
  recordIntents<K extends CreateKey & { contactId: string }>(keys: readonly K[], now: number, isOurs: (key: K) => boolean = () => true): K[] {
    return this.db.transaction(() => {
      const ours = keys.filter(isOurs);
      for (const key of ours) {
        // In the same transaction as the intent: two leads of one contact in flight at once cannot both pass.
        const sibling = key.kind === 'enrol-workflow' ? this.siblingEnrolment(key) : null;
        if (sibling) throw new EnrolledThroughSiblingError(sibling);
        if (this.insertStmt.run({ ...key, now }).changes === 0) throw new CreateAlreadySentError(key);
      }
      return ours;
    }).immediate();
  }

  /**
   * A bulk tag call's attempt is leaving now: its intents are timed now (one commit). The settling clock starts
   * at an intent's time, and the wait for the rate limiter between the intents' write and the request (another
   * call may take the slot the lane waited for) would start it early. No sibling check: a tag add is
   * idempotent, and a sibling's pending tag is settled by reading the contact. Only a pending intent is
   * restamped: none is written back (the call's intents are all recorded before it, and none is cleared meanwhile).
   */
  sendingAll(keys: readonly CreateKey[], now: number): void {
    this.db.transaction(() => {
      for (const key of keys) this.restampStmt.run({ leadId: key.leadId, kind: key.kind, target: key.target, now });
    }).immediate();
  }

  /**
   * Another lead's enrolment of the same GHL contact in the same workflow (done, on its way, or waiting for
   * a person), the one done first. GHL's upsert matches a contact by email or phone, so two leads of the app
   * can be one contact there; a workflow must get her once ("allow re-entry" is off by default, not relied on).
   */
  siblingEnrolment(key: CreateKey & { contactId: string }): SiblingEnrolment | null {
    const row = this.siblingStmt.get({ leadId: key.leadId, kind: key.kind, target: key.target, contactId: key.contactId });
    return row ? { ...row, isRemoved: row.isRemoved === 1 } : null;
  }

  /** The deleted leads that gave this contact a note (sent, or on its way when the lead went): lead-record.ts reads the contact's notes for theirs. */
  removedLeadNotes(contactId: string, target: string): number[] {
    return this.removedNotesStmt.all(contactId, target);
  }

  /**
   * A request for the key is leaving now: its intent stands, timed now (its own commit). A retry after a
   * refusal (a 429) writes back an intent the refusal cleared, so it passes the same check as the first: in
   * the pause, the other lead of the same contact may have begun its enrolment (EnrolledThroughSiblingError).
   */
  sending(key: CreateKey & { contactId: string }, now: number, isOurs: IsOurs = () => true): void {
    this.db.transaction(() => {
      if (!isOurs()) throw new ClaimGoneError();
      const sibling = key.kind === 'enrol-workflow' ? this.siblingEnrolment(key) : null;
      if (sibling) throw new EnrolledThroughSiblingError(sibling);
      this.sendingStmt.run({ leadId: key.leadId, kind: key.kind, target: key.target, contactId: key.contactId, now });
    }).immediate();
  }

  /**
   * The GHL contacts the lead's enrolments went to (done, on their way, or waiting for a person): those a workflow may
   * text. A lead whose only phone or email the office changed after it was enrolled got a second contact from the
   * upsert that followed (GHL matched nothing), and was never enrolled again: the campaign runs on the first.
   */
  enrolledContacts(leadId: number): string[] {
    return this.enrolledContactsStmt.all(leadId, JSON.stringify(ENROL_KINDS));
  }

  /** Enrolments of the lead left open by an earlier attempt (pending or waiting for a person). */
  openEnrolments(leadId: number): OpenCreate[] {
    return this.openStmt.all(leadId, JSON.stringify(ENROL_KINDS));
  }

  /** In the caller's transaction (with the job's completion). */
  markDone(key: CreateKey, now: number, resultId: string | null = null): void {
    this.doneStmt.run({ leadId: key.leadId, kind: key.kind, target: key.target, now, resultId });
    const removed = { leadId: key.leadId, kind: key.kind, target: key.target };
    this.removedEnrolledStmt.run(removed);
    this.removedLeadEnrolledStmt.run(removed);
    this.removedDoneStmt.run({ ...removed, now, resultId });
  }

  /** In the caller's transaction (with the job's failure). */
  markUnconfirmed(key: CreateKey, now: number, message = UNCONFIRMED_MESSAGE): void {
    this.unconfirmedStmt.run({ leadId: key.leadId, kind: key.kind, target: key.target, now, message });
  }

  /** The lead's unconfirmed enrolments (a person's check), to confirm or to forget before a deliberate resend. */
  unconfirmedOf(leadId: number): OpenCreate[] {
    return this.openEnrolments(leadId).filter((open) => open.state === 'unconfirmed');
  }

  /** Every lead waiting for a person's check (optionally of one company), oldest first. */
  /**
   * Calls whose outcome a person must check in GHL. Not a lead that opted out since: nothing more is sent for
   * it whatever GHL did, and its DND (JobQueue.cancelPending) stops any workflow it may be in.
   */
  listUnconfirmed(companyId: number | null, limit = 500): UnconfirmedLead[] {
    return this.db
      .prepare<{ companyId: number | null; limit: number; kinds: string }, UnconfirmedLead>(
        `SELECT c.lead_id AS leadId, l.company_id AS companyId, c.kind, c.target, c.contact_id AS contactId, c.sent_at AS sentAt, c.message,
                l.first_name AS firstName, l.last_name AS lastName, l.phone, l.email
         FROM ghl_creates c JOIN leads l ON l.id = c.lead_id
         WHERE c.state = 'unconfirmed' AND c.kind IN (SELECT value FROM json_each(@kinds)) AND (@companyId IS NULL OR l.company_id = @companyId)
           AND l.do_not_contact = 0
         ORDER BY c.sent_at LIMIT @limit`,
      )
      .all({ companyId, limit, kinds: JSON.stringify(ONCE_KINDS) });
  }

  /** A person saw the enrolment in GHL: done, as if GHL had answered. In the caller's transaction. */
  confirm(key: CreateKey, now: number): boolean {
    return this.db.prepare<{ leadId: number; kind: string; target: string; now: number }>(
      `UPDATE ghl_creates SET state = 'done', resolved_at = @now, message = 'Confirmed by a person'
       WHERE lead_id = @leadId AND kind = @kind AND target = @target AND state = 'unconfirmed'`,
    ).run({ ...key, now }).changes > 0;
  }

  /** A person saw it is NOT in GHL and asks to send it again: the row goes. In the caller's transaction. */
  forget(key: CreateKey): boolean {
    return this.db.prepare<{ leadId: number; kind: string; target: string }>(
      `DELETE FROM ghl_creates WHERE lead_id = @leadId AND kind = @kind AND target = @target AND state = 'unconfirmed'`,
    ).run({ leadId: key.leadId, kind: key.kind, target: key.target }).changes > 0;
  }

  /** GHL proved nothing was created: a later attempt may send it again. */
  clear(keys: readonly CreateKey[]): void {
    if (keys.length === 0) return;
    this.db.transaction(() => {
      for (const key of keys) {
        this.clearStmt.run({ leadId: key.leadId, kind: key.kind, target: key.target });
        this.removedClearStmt.run({ leadId: key.leadId, kind: key.kind, target: key.target });
      }
    }).immediate();
  }
}

/**
 * Steps 1–2 for one call. `isOutcomeUnknown` tells a failure after sending (the row stays open) from
 * one that proves nothing was created (the row is cleared; if clearing fails the row stays open, and
 * the next attempt asks GHL first — never a blind resend).
 */
/**
 * A note POST or a tag call sent moments ago that GHL does not show yet may still land (GHL held it past the
 * client's timeout, or a run killed meanwhile sent it): its lead's job waits until `retryAt`, using no attempt,
 * and GHL is asked again then. Read as absent at once, the note was posted twice, and the tag went again and the
 * lead failed as "already had the tag" (the office's retry after removing it texted her twice).
 */
export class SettlingError extends Error {
  constructor(
    readonly what: 'note' | 'tag',
    readonly retryAt: number,
  ) {
    super(`The ${what} sent a moment ago may still reach GHL: checked again once it can no longer arrive`);
    this.name = 'SettlingError';
  }
}

/** Given to the call, for its client (client.ts CallOptions): keeps the intent to the requests on their way. */
export interface SendHooks {
  onSend: () => void;
  onRefused: () => void;
}

export async function createOnce<T>(
  ledger: CreateLedger,
  key: CreateKey & { contactId: string },
  call: (hooks: SendHooks) => Promise<T>,
  isOutcomeUnknown: (error: unknown) => boolean,
  now: () => number,
  whenSendable: () => Promise<void> = async () => {},
  isOurs: IsOurs = () => true,
): Promise<CreateAnswer<T>> {
  // The wait for the rate limiter comes before the intent: an intent stands for "sent, maybe", and a kill
  // during a long wait (a 429's) left a call GHL never received waiting for a person.
  try {
    await whenSendable();
  } catch (error) {
    return { status: 'not-created', error };
  }
  if (ledger.recordIntents([key], now(), isOurs).length === 0) throw new ClaimGoneError();
  const hooks: SendHooks = {
    onSend: () => ledger.sending(key, now(), isOurs),
    onRefused: () => ledger.clear([key]),
  };
  try {
    return { status: 'created', value: await call(hooks) };
  } catch (error) {
    // Thrown by onSend before the retry left: nothing of it reached GHL; the caller follows the other lead, or stops.
    if (error instanceof EnrolledThroughSiblingError || error instanceof ClaimGoneError) {
      ledger.clear([key]);
      throw error;
    }
    if (isOutcomeUnknown(error)) return { status: 'unknown', error };
    ledger.clear([key]);
    return { status: 'not-created', error };
  }
}

/** Step 4: ask GHL, when it can be asked. `check` answers whether GHL has it; null when GHL has no read for it. */
export async function resolveOpen(check: (() => Promise<boolean>) | null): Promise<Resolution> {
  if (!check) return 'unknowable';
  return (await check()) ? 'found' : 'absent';
}
