import type Database from 'better-sqlite3';
import { normalizeEmail } from '../../parsing/email';
import { ghlPhoneAsE164 } from '../../lib/ghl-phone';
import { OPTED_OUT_STATUS_SQL } from '../optouts/opted-out-status';
import { prepareListKey, type ReasonedOptOutKey } from '../optouts/list-key';
import type { OptOutKey } from '../optouts/opt-out-values';

/** A lead a spread marked, with the keys it spreads on. */
interface MarkedLead {
  id: number;
  phone: string | null;
  emailKey: string | null;
  /** The other phone its GHL contact holds (schema.ts ghl_contact_phone): the customer's too. */
  ghlContactPhone: string | null;
}

/** What one spread changed: how many leads it marked, in which companies. */
export interface SpreadResult {
  leadsMarked: number;
  companyIds: Set<number>;
}

/**
 * An opt-out holds in every company (GHL-NOTES: one suppression list across sub-accounts). When a lead becomes
 * do-not-contact (its own mark, a file's, GHL's DND, the list), the leads of *every* company with one of its
 * phones or emails are marked do-not-contact as the list marks leads, and their jobs are cancelled or turned
 * into the DND for the contact GHL already has (the queue's cancelPending).
 *
 * The list alone stops only what has yet to go (the claim and every request ask it): another company's lead
 * sent before stayed enrolled there without DND, and that company's workflow went on texting someone who had
 * told this one to stop. So a spread goes on through the leads it marks: their other phone or email is the same
 * customer's, and the leads with it are marked in turn (an email-only STOP marked Alpha's lead, whose phone went
 * on the list, and Bravo's lead with that phone, already enrolled, had no claim left to stop it).
 */
export class OptOutEverywhere {
  private readonly companies: Database.Statement<[], number>;
  private readonly keysOfLead: Database.Statement<[number], Omit<MarkedLead, 'id'>>;
  /** Its import row's other phones and emails (lead_other_keys): the customer's too. */
  private readonly otherKeysOf: Database.Statement<[number], OptOutKey>;
  private readonly markByPhone: Database.Statement<[number, number, string, number], MarkedLead>;
  private readonly markByContactPhone: Database.Statement<[number, number, string, number], MarkedLead>;
  private readonly markByEmail: Database.Statement<[number, number, string, number], MarkedLead>;
  private readonly markByOtherKey: Database.Statement<[number, number, string, number], MarkedLead>;
  private readonly listKey: ReturnType<typeof prepareListKey>;

  constructor(
    db: Database.Database,
    private readonly cancelPending: (leadId: number, now: number) => void,
  ) {
    this.companies = db.prepare<[], number>('SELECT id FROM companies').pluck();
    this.keysOfLead = db.prepare('SELECT phone, email_key AS emailKey, ghl_contact_phone AS ghlContactPhone FROM leads WHERE id = ?');
    this.otherKeysOf = db.prepare('SELECT kind, value FROM lead_other_keys WHERE lead_id = ?');
    // One (company, phone) / (company, email) unique-index lookup per company. A lead GHL reported DND keeps
    // that status (it says more), but is flagged too so no edit can queue it again.
    const mark = (column: 'phone' | 'email_key' | 'ghl_contact_phone') =>
      db.prepare<[number, number, string, number], MarkedLead>(
        `UPDATE leads SET do_not_contact = 1, status = ${OPTED_OUT_STATUS_SQL}, updated_at = ?
         WHERE company_id = ? AND ${column} = ? AND do_not_contact = 0 AND id <> ?
         RETURNING id, phone, email_key AS emailKey, ghl_contact_phone AS ghlContactPhone`,
      );
    this.markByPhone = mark('phone');
    // An email-only lead GHL matched to a contact with the number: the campaign texts it there.
    this.markByContactPhone = mark('ghl_contact_phone');
    this.markByEmail = mark('email_key');
    // A lead whose import row held the number or email besides its own (lead_other_keys): the same customer.
    this.markByOtherKey = db.prepare<[number, number, string, number], MarkedLead>(
      `UPDATE leads SET do_not_contact = 1, status = ${OPTED_OUT_STATUS_SQL}, updated_at = ?
       WHERE company_id = ? AND id IN (SELECT lead_id FROM lead_other_keys WHERE value = ?) AND do_not_contact = 0 AND id <> ?
       RETURNING id, phone, email_key AS emailKey, ghl_contact_phone AS ghlContactPhone`,
    );
    this.listKey = prepareListKey(db);
  }

  /**
   * GHL reports on DND a contact whose own phone or email is not the lead's (upsert matched the lead's email to a
   * contact that holds another number): the customer behind that contact opted out, so its keys are listed too and
   * spread. Listing only the lead's keys left that number free for another company's lead. In the caller's transaction.
   */
  listGhlContact(keys: readonly OptOutKey[], companyId: number, leadId: number, now: number, reason: string | null = null): SpreadResult {
    // GHL's DND is a word of its own: it keeps the number listed whatever a lead's mark here does.
    for (const key of keys) this.listKey({ ...key, isOwnWord: true }, 'ghl-dnd', companyId, now, reason);
    return this.spread(keys, now, leadId);
  }

  /**
   * A row a lead file marks do-not-contact lists the customer's other phones and emails too (a Home Phone column,
   * a second email, two numbers in one cell): the lead keeps one phone and one email, the triggers list only
   * those, and the same customer came back in another file under the number the lead did not keep, and was
   * texted. Listed as the triggers list the lead's own keys ('lead-dnc', this company), then spread with them.
   * In the caller's transaction.
   */
  listFileRowKeys(ownKeys: readonly OptOutKey[], otherKeys: readonly ReasonedOptOutKey[], companyId: number, now: number): SpreadResult {
    for (const key of otherKeys) this.listKey(key, 'lead-dnc', companyId, now, key.reason);
    return this.spread([...ownKeys, ...otherKeys], now);
  }

  /**
   * Marks every company's leads with these keys (E.164 phones, normalized email keys), but `exceptLeadId` (the
   * lead the opt-out came from, marked by its own path). In the caller's transaction.
   */
  spread(keys: readonly OptOutKey[], now: number, exceptLeadId = 0): SpreadResult {
    const result: SpreadResult = { leadsMarked: 0, companyIds: new Set() };
    if (keys.length === 0) return result;
    const companyIds = this.companies.all();
    // Each key once: the marked leads' keys join the walk until no lead with one of them is left unmarked.
    const seen = new Set(keys.map((key) => key.value));
    const walk = [...keys];
    for (let next = walk.shift(); next !== undefined; next = walk.shift()) {
      const marks = next.kind === 'phone' ? [this.markByPhone, this.markByContactPhone, this.markByOtherKey] : [this.markByEmail, this.markByOtherKey];
      for (const companyId of companyIds) {
        for (const lead of marks.flatMap((mark) => mark.all(now, companyId, next.value, exceptLeadId))) {
          this.cancelPending(lead.id, now);
          result.companyIds.add(companyId);
          result.leadsMarked++;
          for (const key of [...contactKeys([lead]), ...this.otherKeysOf.all(lead.id)]) {
            if (seen.has(key.value)) continue;
            seen.add(key.value);
            walk.push(key);
          }
        }
      }
    }
    return result;
  }

  /** Spreads a lead's own phone and email, and its other ones (just marked do-not-contact or DND), to the other leads. In the caller's transaction. */
  spreadFromLead(leadId: number, now: number): SpreadResult {
    const lead = this.keysOfLead.get(leadId);
    if (!lead) return { leadsMarked: 0, companyIds: new Set() };
    return this.spread([...contactKeys([lead]), ...this.otherKeysOf.all(leadId)], now, leadId);
  }
}

/** The phones and emails of these rows (a lead's: with the other phone its GHL contact holds), as the opt-out list keys them. */
export function contactKeys(
  drafts: ReadonlyArray<{ phone: string | null; emailKey: string | null; ghlContactPhone?: string | null }>,
): Array<{ kind: 'phone' | 'email'; value: string }> {
  return drafts.flatMap((draft) => [
    ...(draft.phone ? [{ kind: 'phone' as const, value: draft.phone }] : []),
    ...(draft.ghlContactPhone ? [{ kind: 'phone' as const, value: draft.ghlContactPhone }] : []),
    ...(draft.emailKey ? [{ kind: 'email' as const, value: draft.emailKey }] : []),
  ]);
}

/**
 * A GHL contact's phone and email as the opt-out list keys them. The phone in E.164 however GHL formats it: only a
 * bare "+15125550142" was kept, so an email-only lead matched to an opted-out number answered "(512) 555-0142" was
 * enrolled, and a DND contact's number in that form was never listed (a review).
 */
export function ghlContactKeys(contact: { phone?: string | null | undefined; email?: string | null | undefined }): Array<{ kind: 'phone' | 'email'; value: string }> {
  const email = contact.email ? normalizeEmail(contact.email) : null;
  return contactKeys([{ phone: contact.phone ? ghlPhoneAsE164(contact.phone) : null, emailKey: email?.ok ? email.key : null }]);
}
