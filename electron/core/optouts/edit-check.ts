/**
 * An edited lead against the office-wide opt-out list, in the edit's transaction (lead-service.ts):
 *  - a phone or email changed to one on the list makes the lead do-not-contact, as a new lead with it
 *    would be (import-check.ts);
 *  - lifting do-not-contact first takes off the list what this lead's own mark put there (the trigger
 *    leads_opt_out_update: source 'lead-dnc', this company) — a mark made by mistake is undone whole —
 *    and is refused while anything else keeps the number listed (the office's list, a STOP report, GHL's
 *    DND): the sync would only mark the lead again at its claim (JobQueue.pickSendable).
 */
import type Database from 'better-sqlite3';
import { AppError } from '../errors';

export interface EditedContact {
  companyId: number;
  phone: string | null;
  emailKey: string | null;
}

const LIFTED_REASON = 'Do-not-contact lifted on the lead';

export function createEditCheck(client: Database.Database) {
  const listed = client.prepare<[string | null, string | null], { value: string; source: string }>(
    `SELECT value, source FROM opt_outs WHERE value IN (?, ?) AND removed_at IS NULL ORDER BY kind DESC`,
  );
  const removeOwnMark = client.prepare<[number, string, string | null, string | null, number]>(
    `UPDATE opt_outs SET removed_at = ?, removed_reason = ?
     WHERE value IN (?, ?) AND removed_at IS NULL AND source = 'lead-dnc' AND company_id = ?`,
  );
  return {
    /** Whether the lead must be stored as do-not-contact; throws when a lift is refused. Caller's transaction. */
    mustStayDoNotContact(contact: EditedContact, wasDoNotContact: boolean, isDoNotContact: boolean, now: number): boolean {
      if (isDoNotContact) return true;
      if (wasDoNotContact) removeOwnMark.run(now, LIFTED_REASON, contact.phone, contact.emailKey, contact.companyId);
      const entry = listed.get(contact.phone, contact.emailKey);
      if (!entry) return false;
      if (!wasDoNotContact) return true;
      throw new AppError(
        'conflict',
        `${entry.value} is on the opt-out list (${entry.source === 'ghl-dnd' ? 'do-not-disturb in GoHighLevel' : 'added by the office or another lead'}), so this lead stays do-not-contact. ` +
          'If the customer asked to hear from you again, remove it on the Opt-outs page (with the reason), then lift this lead.',
      );
    },
  };
}
