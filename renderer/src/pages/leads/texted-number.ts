import type { Lead } from '../../../../shared/lead';
import { formatPhone } from '../dashboard/format';

type Numbers = Pick<Lead, 'phone' | 'ghlContactPhone' | 'enrolledAt'> & Partial<Pick<Lead, 'removedPhone'>>;

/**
 * Beside the status of a lead enrolled without a phone of its own. GHL may have matched its email to a contact that
 * has a number: the campaign texts that one ("which has no number to text" was untrue then).
 */
export function enrolledWithoutPhoneText(lead: Numbers): string {
  return lead.ghlContactPhone === null
    ? 'In GHL and in the campaign, which has no number to text'
    : `In GHL and enrolled in the campaign, which texts ${formatPhone(lead.ghlContactPhone)}: the number its GHL contact holds`;
}

/**
 * The warning on a lead without a phone of its own: nothing to text, or a number nobody here typed in; and a number the
 * office removed after the lead went, which its GHL contact keeps (and the campaign may text) until the sync takes it off.
 */
export function noPhoneText(lead: Numbers): string {
  const own =
    lead.ghlContactPhone === null
      ? 'No phone number: this lead goes to GHL with its email, but the SMS campaign cannot text it.'
      : `No phone number of its own: GHL matched its email to a contact with ${formatPhone(lead.ghlContactPhone)}, and the SMS campaign ${lead.enrolledAt === null ? 'would text' : 'texts'} that number.`;
  const removed = lead.removedPhone;
  if (!removed) return own;
  const number = formatPhone(removed.phone);
  return removed.clearedAt === null
    ? `${own} The number you removed, ${number}, is still on its GHL contact until the lead’s next send takes it off.`
    : `${own} The number you removed, ${number}, was taken off its GHL contact.`;
}
