/**
 * An edited lead against the office-wide opt-out list, in the edit's transaction (lead-service.ts):
 *  - a phone or email changed to one on the list makes the lead do-not-contact, as a new lead with it
 *    would be (import-check.ts);
 *  - lifting a lead's own do-not-contact mark first takes off the list what that mark put there (the trigger
 *    leads_opt_out_update: source 'lead-dnc', this company) — a mark made by mistake is undone whole —
 *    unless another lead that GHL has on DND, or whose own mark (a person's, the import file's) says
 *    do-not-contact, has the same number or email;
 *    and is refused while anything else keeps the number listed (the office's list, a STOP report, GHL's
 *    DND): the sync would only mark the lead again at its claim (JobQueue.pickSendable).
 */
import type Database from 'better-sqlite3';
import { AppError } from '../errors';

export interface EditedContact {
  leadId: number;
  companyId: number;
  phone: string | null;
  emailKey: string | null;
}

const LIFTED_REASON = 'Do-not-contact lifted on the lead';

export function createEditCheck(client: Database.Database) {
  // With the number the lead's GHL contact holds, which the campaign texts (schema.ts ghl_contact_phone).
  // And with its import row's other phones and emails (lead_other_keys): a listed one marks the lead again at its claim
  // (lease-statements.ts OTHER_KEY_LISTED), so a lift it did not refuse was undone there in silence.
  const listed = client.prepare<{ phone: string | null; emailKey: string | null; leadId: number }, { value: string; source: string; isOtherKey: number }>(
    `SELECT value, source, value IN (SELECT value FROM lead_other_keys WHERE lead_id = @leadId) AS isOtherKey
     FROM opt_outs INDEXED BY opt_outs_value_uq
     WHERE value IN (SELECT @phone UNION ALL SELECT @emailKey UNION ALL SELECT ghl_contact_phone FROM leads WHERE id = @leadId
                     UNION ALL SELECT value FROM lead_other_keys WHERE lead_id = @leadId)
       AND removed_at IS NULL ORDER BY kind DESC`,
  );
  // Not while another lead (of any company) is DND in GHL with the number, or marked do-not-contact by its own
  // mark (a person told another company STOP): the entry is their word too (the list keeps one entry per
  // number, credited to the first). A lead the list itself marked (at its claim, at an import) does not hold it:
  // this very entry may have marked it, and a mistaken mark must stay undoable.
  // By the (company, phone) and (company, email) unique indexes, one lookup per company.
  // The number its GHL contact held (schema.ts ghl_contact_phone) went on the list with them (migration 0048), and its
  // import row's other phones and emails (lead_other_keys, migration 0051).
  // Still held by another lead that is DND in GHL or marked by its own word, by any of its keys.
  const isHeldElsewhere = `
       AND NOT EXISTS (SELECT 1 FROM leads l INDEXED BY leads_company_phone_uq WHERE l.company_id IN (SELECT id FROM companies) AND l.phone = opt_outs.value AND (l.status = 'dnd' OR l.own_do_not_contact = 1) AND l.id <> @leadId)
       AND NOT EXISTS (SELECT 1 FROM leads l INDEXED BY leads_company_email_uq WHERE l.company_id IN (SELECT id FROM companies) AND l.email_key = opt_outs.value AND (l.status = 'dnd' OR l.own_do_not_contact = 1) AND l.id <> @leadId)
       AND NOT EXISTS (SELECT 1 FROM leads l INDEXED BY leads_company_ghl_contact_phone_idx WHERE l.company_id IN (SELECT id FROM companies) AND l.ghl_contact_phone = opt_outs.value AND (l.status = 'dnd' OR l.own_do_not_contact = 1) AND l.id <> @leadId)
       AND NOT EXISTS (SELECT 1 FROM lead_other_keys k JOIN leads l ON l.id = k.lead_id WHERE k.value = opt_outs.value AND (l.status = 'dnd' OR l.own_do_not_contact = 1) AND l.id <> @leadId)`;
  type OwnMark = { now: number; reason: string; phone: string | null; emailKey: string | null; contactPhone: string | null; companyId: number; leadId: number };
  // Two statements, each by the list's value index (one OR of both walked every active entry).
  const removeOwnMark = client.prepare<OwnMark>(
    `UPDATE opt_outs SET removed_at = @now, removed_reason = @reason
     WHERE value IN (@phone, @emailKey, @contactPhone) AND removed_at IS NULL AND source = 'lead-dnc' AND company_id = @companyId ${isHeldElsewhere}`,
  );
  const removeOwnMarkOfOtherKeys = client.prepare<Omit<OwnMark, 'phone' | 'emailKey' | 'contactPhone'>>(
    `UPDATE opt_outs INDEXED BY opt_outs_value_uq SET removed_at = @now, removed_reason = @reason
     WHERE value IN (SELECT value FROM lead_other_keys WHERE lead_id = @leadId) AND removed_at IS NULL AND source = 'lead-dnc' AND company_id = @companyId ${isHeldElsewhere}`,
  );
  return {
    /** Whether the lead must be stored as do-not-contact; throws when a lift is refused. Caller's transaction. */
    mustStayDoNotContact(
      contact: EditedContact,
      was: { doNotContact: boolean; ownDoNotContact: boolean; phone: string | null; emailKey: string | null; ghlContactPhone: string | null },
      isDoNotContact: boolean,
      now: number,
    ): boolean {
      if (isDoNotContact) return true;
      const wasDoNotContact = was.doNotContact;
      // Only the lead's own mark undoes an entry: one the list put on it was another lead's word (one deleted
      // since, say), which "the same company" alone did not tell apart. And only what that mark listed: the
      // phone and email the lead had. The edit's new ones took another customer's entry off the list when one
      // save gave the lead a listed number and lifted its mark.
      if (wasDoNotContact && was.ownDoNotContact) {
        removeOwnMark.run({ now, reason: LIFTED_REASON, phone: was.phone, emailKey: was.emailKey, contactPhone: was.ghlContactPhone, companyId: contact.companyId, leadId: contact.leadId });
        removeOwnMarkOfOtherKeys.run({ now, reason: LIFTED_REASON, companyId: contact.companyId, leadId: contact.leadId });
      }
      const entry = listed.get({ phone: contact.phone, emailKey: contact.emailKey, leadId: contact.leadId });
      if (!entry) return false;
      if (!wasDoNotContact) return true;
      throw new AppError(
        'conflict',
        `${entry.value}${entry.isOtherKey && entry.value !== contact.phone && entry.value !== contact.emailKey ? ' (another number or email of this customer, from the file the lead came from)' : ''} is on the opt-out list (${entry.source === 'ghl-dnd' ? 'do-not-disturb in GoHighLevel' : 'added by the office or another lead'}), so this lead stays do-not-contact. ` +
          'If the customer asked to hear from you again, remove it on the Opt-outs page (with the reason), then lift this lead.',
      );
    },
  };
}
