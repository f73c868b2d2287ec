import type Database from 'better-sqlite3';
import { KEPT_CONTACT_PHONE_SQL } from './kept-contact-phone';

/** A lead whose GHL contact is due to be asked about do-not-disturb. */
export interface WatchedLead {
  leadId: number;
  contactId: string;
  /** Its phone and email, to find her contact by again when GHL no longer has this one (merged away). */
  phone: string | null;
  email: string | null;
}

/** The same customer's lead at another company, with the GHL contact to ask there. */
export interface LeadElsewhere extends WatchedLead {
  companyId: number;
  /** Its company's name, for the lead's panel while that company's GHL cannot be asked (company-lane.ts). */
  companyName: string;
}

/** The columns by which two leads are the same customer: [this lead's, the other's]. */
const SAME_CUSTOMER_KEYS = [
  ['phone', 'phone'],
  ['email_key', 'email_key'],
  ['ghl_contact_phone', 'phone'],
  ['phone', 'ghl_contact_phone'],
  ['ghl_contact_phone', 'ghl_contact_phone'],
] as const;

/**
 * An email-only lead enrolled before the app kept its contact's number (migration 0047): the campaign may text a
 * number the app does not know, so its contact is asked once, whether or not the customer is another company's too,
 * and opted out or not (her mark then lists the number: migration 0048). After the shared customers' re-checks, so a
 * backlog of them does not hold back a STOP.
 */
const CONTACT_NUMBER_UNKNOWN = `(l.phone IS NULL AND l.ghl_contact_phone IS NULL AND l.enrolled_at IS NOT NULL AND l.ghl_dnd_checked_at IS NULL)`;

/**
 * A STOP reply reaches GHL, not this app: GHL puts the contact on do-not-disturb in that one location, and stops
 * texting it there. A customer who is a lead of another company too would be texted by that company's campaign
 * (GHL-NOTES: keep one suppression list across sub-accounts). So the sync asks GHL, once a day, about the contacts
 * of the customers who are leads of more than one company (few: the rest need no asking, since GHL already stops
 * their texts where they opted out). A contact on DND makes its lead 'dnd', and the opt-out spreads to every
 * company (JobQueue.recordContactDnd).
 */
export class SharedCustomerWatch {
  private readonly dueStatement: Database.Statement<{ companyId: number; checkedBefore: number; limit: number }, WatchedLead>;
  private readonly checked: Database.Statement<{ leadId: number; now: number; contactPhone: string | null }>;
  private readonly unaskedStatement: Database.Statement<{ leadId: number; checkedBefore: number }, LeadElsewhere>;
  private readonly lastEnrolledContact: Database.Statement<[number, string], { leadId: number; contactId: string }>;
  private readonly firstContact: Database.Statement<[number, string], { leadId: number; contactId: string }>;

  constructor(db: Database.Database) {
    // The company's leads GHL has a contact for, not opted out yet, not asked since `checkedBefore`, whose phone or
    // email is a lead's of another company that may still be texted. A phone is the lead's own or the other one its
    // GHL contact holds (ghl_contact_phone: an email-only lead matched to a contact with a number, which the campaign
    // texts): she replies STOP to that number. Each lookup by a (company, …) index, one per company.
    const otherCompanyHas = (own: string, other: string) =>
      `(l.${own} IS NOT NULL AND EXISTS (SELECT 1 FROM leads o WHERE o.company_id IN (SELECT id FROM companies WHERE id <> l.company_id)
         AND o.${other} = l.${own} AND o.do_not_contact = 0 AND o.status <> 'dnd'))`;
    this.dueStatement = db.prepare(
      `SELECT l.id AS leadId, l.ghl_contact_id AS contactId, coalesce(l.ghl_contact_phone, l.phone) AS phone, l.email FROM leads l
       WHERE l.company_id = @companyId AND l.ghl_contact_id IS NOT NULL AND coalesce(l.ghl_dnd_checked_at, 0) < @checkedBefore
         AND ((l.do_not_contact = 0 AND l.status <> 'dnd' AND (${SAME_CUSTOMER_KEYS.map(([own, other]) => otherCompanyHas(own, other)).join(' OR ')}))
              OR ${CONTACT_NUMBER_UNKNOWN})
       ORDER BY ${CONTACT_NUMBER_UNKNOWN}, coalesce(l.ghl_dnd_checked_at, 0), l.id LIMIT @limit`,
    );
    // The number the contact holds comes with the answer, kept as kept-contact-phone.ts says; an answer without a number
    // it can read keeps the one known.
    this.checked = db.prepare(
      `UPDATE leads SET ghl_dnd_checked_at = @now,
         ghl_contact_phone = CASE WHEN @contactPhone IS NULL THEN ghl_contact_phone ELSE ${KEPT_CONTACT_PHONE_SQL} END
       WHERE id = @leadId`,
    );
    // The lead's customer at the other companies: by phone (either) and by email, each through a (company, …) index.
    const sameCustomer = (own: string, other: string) =>
      `SELECT o.id AS leadId, o.company_id AS companyId, (SELECT name FROM companies WHERE id = o.company_id) AS companyName, o.ghl_contact_id AS contactId,
              coalesce(o.ghl_contact_phone, o.phone) AS phone, o.email
       FROM leads l, leads o
       WHERE l.id = @leadId AND l.${own} IS NOT NULL AND o.company_id IN (SELECT id FROM companies WHERE id <> l.company_id)
         AND o.${other} = l.${own} AND o.ghl_contact_id IS NOT NULL AND o.do_not_contact = 0 AND o.status <> 'dnd'
         AND coalesce(o.ghl_dnd_checked_at, 0) < @checkedBefore`;
    this.unaskedStatement = db.prepare(SAME_CUSTOMER_KEYS.map(([own, other]) => sameCustomer(own, other)).join(' UNION '));
    // The witness: a contact GHL took an enrolment for last (its newest first, a walk of leads_company_enrolled_idx
    // backwards). The company's first contact, as it was, was as likely as any to be one GHL fails on too (an old,
    // merged-over record), and its failure reads as GHL failing: every shared customer held. None enrolled (a workflow
    // missing from the first enrolments on): its first contact by id, where contacts are (claims go oldest first). The
    // newest, a walk from the other end, read ~240 ms of table rows at 1M leads on the sync thread (a review).
    this.lastEnrolledContact = db.prepare(
      `SELECT id AS leadId, ghl_contact_id AS contactId FROM leads INDEXED BY leads_company_enrolled_idx
       WHERE company_id = ? AND enrolled_at IS NOT NULL AND ghl_contact_id IS NOT NULL AND ghl_contact_id <> ?
       ORDER BY enrolled_at DESC, id DESC LIMIT 1`,
    );
    this.firstContact = db.prepare(
      `SELECT id AS leadId, ghl_contact_id AS contactId FROM leads INDEXED BY leads_company_idx
       WHERE company_id = ? AND ghl_contact_id IS NOT NULL AND ghl_contact_id <> ? ORDER BY id LIMIT 1`,
    );
  }

  /**
   * Another of the company's GHL contacts than `contactId`, the one GHL took an enrolment for last: asked after GHL failed
   * (a 5xx) on the question about `contactId`, its answer tells GHL failing on that one contact from GHL failing
   * (company-lane.ts askContactDnd).
   */
  otherContact(companyId: number, contactId: string): { leadId: number; contactId: string } | null {
    return this.lastEnrolledContact.get(companyId, contactId) ?? this.firstContact.get(companyId, contactId) ?? null;
  }

  /**
   * The lead's customer at the other companies, where GHL has her contact and was not asked since `checkedBefore`:
   * a STOP there is unknown here until asked (company-lane.ts asks before her first text from this company).
   */
  unaskedElsewhere(leadId: number, checkedBefore: number): LeadElsewhere[] {
    return this.unaskedStatement.all({ leadId, checkedBefore });
  }

  /** Up to `limit` of the company's shared customers' leads not asked about since `checkedBefore`, longest unasked first. */
  due(companyId: number, checkedBefore: number, limit: number): WatchedLead[] {
    return this.dueStatement.all({ companyId, checkedBefore, limit });
  }

  /**
   * GHL answered for the lead's contact (on DND or not), with the number it holds (E.164; null: none it can read, or not
   * asked, as for a contact GHL no longer has: the one known stays). In the caller's transaction.
   */
  markChecked(leadId: number, now: number, contactPhone: string | null = null): void {
    this.checked.run({ leadId, now, contactPhone });
  }
}
