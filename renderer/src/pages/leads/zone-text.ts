import type { Lead } from '../../../../shared/lead';
import { zoneLabel } from '../../../../shared/zone-label';
import { isUsCountry } from '../../../../shared/us-territories';

const LEGAL_EVERYWHERE = 'texted only in the hours legal in every mainland state, on Central time, never on Sundays or legal holidays';

/**
 * Whose clock a lead's texts follow (the lead panel's "Sends follow the time zone"). A lead nothing places goes only in
 * the hours legal everywhere on the mainland; "—" there read as if the lead had no hours at all. Why nothing placed it
 * is said from what the row holds (electron/pacing/lead-zone.ts): a state and a ZIP on clocks apart, a ZIP no table
 * reads, or nothing at all. One sentence said "no ZIP, no state" of a lead whose row had both.
 */
export function zoneText(lead: Pick<Lead, 'crm' | 'state' | 'postalCode' | 'country'>): string | null {
  const { crm, state } = lead;
  // A ZIP is a US one (the territories' too): another country's postcode places nothing, as it never did.
  const postalCode = isUsCountry(lead.country) ? lead.postalCode?.trim() || null : null;
  if (crm.timeZoneSource === 'unknown') {
    if (state && postalCode) return `Its state and its ZIP are on clocks hours apart, so one of them is wrong: ${LEGAL_EVERYWHERE} (correct the address to use its own hours)`;
    if (postalCode) return `Its ZIP ${postalCode} is not one the app knows (a typo?), and no state says where it is: ${LEGAL_EVERYWHERE} (correct the ZIP to use its own hours)`;
    return `Nothing says where the lead lives (no ZIP, state or known area code): ${LEGAL_EVERYWHERE}`;
  }
  // With no state: a lead nothing placed, placed by an earlier version and enrolled before this one placed such leads again.
  if (crm.timeZoneSource === 'company' && !state) return "Its company's, three hours inside 08:00–21:00 (an earlier version's rule): nothing says where the lead lives";
  if (crm.timeZoneSource === 'company') return "Its company's, an hour inside its state's hours: no ZIP or zone table says where in the state it is";
  if (crm.timeZoneSource === null) return 'Not placed yet: the sync places it before it is sent';
  const from = { zip: 'its ZIP', state: 'its state', phone: "its phone's area code", 'ghl-phone': "the number GHL's contact for it has (the lead has none of its own)" }[crm.timeZoneSource];
  return crm.timeZone === null ? null : `${zoneLabel(crm.timeZone)}, from ${from}`;
}
