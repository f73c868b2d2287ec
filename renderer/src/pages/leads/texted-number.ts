import type { Lead } from '../../../../shared/lead';
import { formatPhone } from '../../../../shared/phone-text';

type Numbers = Pick<Lead, 'phone' | 'ghlContactPhone' | 'enrolledAt'> & Partial<Pick<Lead, 'removedPhones'>>;

/**
 * Beside the status of a lead enrolled without a phone of its own. GHL may have matched its email to a contact that
 * has a number: the campaign texts that one ("which has no number to text" was untrue then).
 */
export function enrolledWithoutPhoneText(lead: Numbers): string {
  // A number removed here may still be on the contact (removedPhonesText, shown below): "no number to text" was untrue.
  if (lead.ghlContactPhone === null && (lead.removedPhones?.length ?? 0) > 0) return 'In GHL and in the campaign, which may still text the number removed here (see below)';
  return lead.ghlContactPhone === null
    ? 'In GHL and in the campaign, which has no number to text'
    : `In GHL and enrolled in the campaign, which texts ${formatPhone(lead.ghlContactPhone)}: the number its GHL contact holds`;
}

/** The warning on a lead without a phone of its own: nothing to text, or a number nobody here typed in. */
export function noPhoneText(lead: Numbers): string {
  return lead.ghlContactPhone === null
    ? 'No phone number: this lead goes to GHL with its email, but the SMS campaign cannot text it.'
    : `No phone number of its own: GHL matched its email to a contact with ${formatPhone(lead.ghlContactPhone)}, and the SMS campaign ${lead.enrolledAt === null ? 'would text' : 'texts'} that number.`;
}

/**
 * Numbers the office removed after the lead went to GHL: the app never clears a field there (an update sends only what
 * the lead has), so its contact may keep them, and the campaign's later texts go on to them. Null when there are none.
 */
export function removedPhonesText(removed: readonly string[]): string | null {
  if (removed.length === 0) return null;
  const numbers = removed.map((phone) => formatPhone(phone)).join(', ');
  const them = removed.length === 1 ? 'it' : 'them';
  return `Removed here after this lead went to GHL: ${numbers}. Its GHL contact may still have ${them}, and the campaign may text ${them}: take ${them} off the contact in GHL (or mark this lead do-not-contact).`;
}
