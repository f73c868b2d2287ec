/**
 * GHL's upsert quirk #37 (../shared/GHL-NOTES.md): when a lead's email matches one contact and its phone another,
 * GHL updates the first and drops the phone. That contact, enrolled, gets the campaign's texts at the number it
 * keeps (an old landline, a number since given to someone else), or nobody does; never at the lead's.
 */

// The same words for every such lead (the dashboard groups failed leads by reason); the lead's page shows its number.
const KEEPS_ANOTHER =
  "GoHighLevel matched this lead's email to a contact that keeps another phone number, and did not take this lead's: another contact there has it. The campaign would text the other number, so the lead was not enrolled. Merge the two contacts in GHL (or correct the email here), then retry this lead.";
const KEEPS_NONE =
  "GoHighLevel matched this lead's email to a contact without a phone number, and did not take this lead's: another contact there has it. The campaign could text nobody, so the lead was not enrolled. Merge the two contacts in GHL (or correct the email here), then retry this lead.";

/**
 * Whether GHL kept the lead's number: its formatting is not the question (a country code left out, "+1 (512)…"),
 * the number is. The digits, one ending with the other's ten or more.
 */
export function isSamePhone(kept: string | null, lead: string): boolean {
  const [a, b] = [(kept ?? '').replace(/\D/g, ''), lead.replace(/\D/g, '')];
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= 10 ? longer.endsWith(shorter) : a === b && a !== '';
}

/**
 * Why a lead must not be enrolled on the contact its upsert answered with, or null when it may: `keptPhone` is the
 * contact's number in GHL's answer (undefined: the answer did not say, nothing to judge).
 */
export function phoneNotKept(leadPhone: string | null, keptPhone: string | null | undefined): string | null {
  if (leadPhone === null || keptPhone === undefined || isSamePhone(keptPhone, leadPhone)) return null;
  return keptPhone === null ? KEEPS_NONE : KEEPS_ANOTHER;
}
