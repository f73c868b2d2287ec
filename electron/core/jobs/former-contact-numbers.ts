/**
 * The numbers GHL's contact of an enrolled lead may hold besides the lead's own: the one it is known to hold
 * (ghl_contact_phone) and those of the lead since the contact last answered (lead_replaced_phones, migration 0055: the
 * lead's own until the office corrected it, so kept nowhere else). A contact that answers on DND took its STOP at one of
 * them, whoever had it: they go on the opt-out list with the lead's keys (compliance first). GHL's answer names only the
 * number the contact holds now, and the old one stayed open to every company.
 */
import type { OptOutKey } from '../optouts/opt-out-values';
import { formatPhone } from '../../../shared/phone-text';
import type { ContactBefore, LeaseStatements } from './lease-statements';

/** What the app knew of the lead's contact before an answer about it. */
export interface BeforeAnswer extends ContactBefore {
  replacedPhones: string[];
}

/** Lists keys as GHL's DND of the lead's contact (OptOutEverywhere.listGhlContact), with why. */
type ListAsDnd = (keys: readonly OptOutKey[], reason: string) => void;

export class FormerContactNumbers {
  constructor(
    private readonly statements: Pick<LeaseStatements, 'contactBefore' | 'replacedPhones' | 'forgetReplacedPhones' | 'notePhoneSent' | 'isPhoneNoted' | 'unnotePhoneSent'>,
  ) {}

  /**
   * Right before the sync sends the lead's contact its number, in a commit of its own: should the answer be lost, the
   * contact may hold it from then on (and a STOP may come to it). False when it was noted already (the number it held,
   * or one sent before without an answer): a refusal of this call must not take that note back.
   */
  noteSent(leadId: number, phone: string, now: number): boolean {
    const wasNoted = this.statements.isPhoneNoted.get(leadId, phone) !== undefined;
    this.statements.notePhoneSent.run({ leadId, phone, now });
    return !wasNoted;
  }

  /** GHL refused the call that noted the number: the contact did not take it. */
  unnoteSent(leadId: number, phone: string): void {
    this.statements.unnotePhoneSent.run({ leadId, phone });
  }

  /** Read before the answer is written (it rewrites ghl_contact_phone). In the caller's transaction. */
  before(leadId: number): BeforeAnswer | null {
    const contact = this.statements.contactBefore.get(leadId);
    return contact ? { ...contact, replacedPhones: this.statements.replacedPhones.all(leadId) } : null;
  }

  /**
   * The lead's contact answered (an update or upsert, or the DND check): on DND, the numbers it may have held before go
   * on the list. Once the answer names the number it holds, those noted before the question went are forgotten:
   * ghl_contact_phone keeps that one when it is not the lead's. A number noted since (an update sent while the DND check
   * waited for its answer) stays: the answer says nothing of it. An answer from another contact says nothing of any.
   * In the caller's transaction.
   */
  afterAnswer(
    leadId: number,
    before: BeforeAnswer | null,
    answer: { contactId: string; phone: string | null; isDnd: boolean; askedAt: number },
    list: ListAsDnd,
  ): void {
    if (!before || before.contactId !== answer.contactId) return;
    if (answer.isDnd) {
      const current = new Set([before.phone, answer.phone]);
      const former = [...new Set([before.contactPhone, ...before.replacedPhones])].filter((phone): phone is string => phone !== null && !current.has(phone));
      if (former.length > 0) list(former.map((value) => ({ kind: 'phone', value })), reasonOf(before, answer.phone));
    }
    if (answer.phone !== null) this.statements.forgetReplacedPhones.run(leadId, answer.askedAt);
  }

  /** Forgotten: the lead has another contact now (GHL lost the one it had, or it is another location's). */
  forget(leadId: number): void {
    this.statements.forgetReplacedPhones.run(leadId, Number.MAX_SAFE_INTEGER);
  }
}

/** Why a number no lead keeps now is listed: the Opt-outs page shows it beside the number. */
function reasonOf(before: ContactBefore, holdsNow: string | null): string {
  const name = [before.firstName, before.lastName].filter(Boolean).join(' ') || 'a lead';
  return `A number GHL's contact of ${name} had before it took ${formatPhone(holdsNow) ?? 'the lead’s corrected number'}: the contact was on do-not-disturb (its STOP may have come from this number)`;
}
