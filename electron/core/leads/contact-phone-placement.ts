/** Placing an email-only lead by the number its GHL contact keeps, from each upsert's answer (JobQueue.recordUpsert). */
import type Database from 'better-sqlite3';
import { namesOwnUsState, placeLead } from '../../pacing/lead-zone';
import { ghlPhoneAsE164 } from '../../lib/ghl-phone';
import { UNKNOWN_PLACE_KEY, UNKNOWN_PLACE_ZONE } from '../../pacing/legal-floor';
import type { ZipDirectory } from '../../pacing/zip-directory';

/**
 * A lead nothing placed and with no number of its own (an email-only lead) that GHL matched to a contact with a number:
 * GHL's campaign texts that number, so its area code (or country) places the lead, source 'ghl-phone'. Judged on
 * Chicago's clock it could be texted at 07:00 in Honolulu (12:00 Central in summer) or at night in Guam. Placed again
 * at each upsert (the contact's number may change in GHL), back to nowhere when the number no longer places it, and
 * written only when that changes: a write bumps the lead's version, which sends its job back to the queue.
 * A lead with a number of its own is not placed by GHL's: one GHL did not keep fails the lead (phone-kept.ts). Nor
 * is one whose row names a US state: nothing placed it because its state and ZIP disagree, and GHL's number cannot settle that.
 * In the caller's transaction (JobQueue.recordUpsert, with the rest of the upsert's answer).
 */
export function prepareContactPhonePlacement(client: Database.Database): (leadId: number, contactPhone: string | null | undefined) => void {
  const place = client.prepare<{ id: number; timeZone: string; source: string; ruleState: string | null }>(
    `UPDATE leads SET time_zone = @timeZone, time_zone_source = @source, rule_state = @ruleState
     WHERE id = @id AND phone IS NULL AND time_zone_source IN ('unknown', 'ghl-phone')
       AND (time_zone IS NOT @timeZone OR time_zone_source IS NOT @source OR rule_state IS NOT @ruleState)
       AND (@source = 'ghl-phone' OR time_zone_source = 'ghl-phone')`,
  );
  const address = client.prepare<[number], { state: string | null; postalCode: string | null; country: string | null }>(
    'SELECT state, postal_code AS postalCode, country FROM leads WHERE id = ?',
  );
  return (leadId, contactPhone) => {
    // Not in the answer: nothing learnt (null is: the contact keeps no number).
    if (contactPhone === undefined) return;
    const row = address.get(leadId);
    if (!row) return;
    // A row with a US state of its own that placed it nowhere: its state and ZIP contradict each other (lead-zone.ts, a
    // Mississippi row with an Atlanta ZIP). Its own phone would break the tie, unsure, its state's rules kept; GHL's
    // number alone, weighed without the ZIP tables, took one side as certain (New York's clock and Georgia's rules:
    // 08:00 there is 07:00 in Jackson, on a Sunday Mississippi bans). It stays on the hours legal anywhere on the mainland.
    const e164 = contactPhone === null || namesOwnUsState(row) ? null : ghlPhoneAsE164(contactPhone);
    const placed = e164 ? placeLead({ phone: e164, country: row.country }, '', NO_ZIPS) : null;
    if (placed?.source === 'phone') place.run({ id: leadId, timeZone: placed.timeZone, source: 'ghl-phone', ruleState: placed.ruleKey });
    else place.run({ id: leadId, timeZone: UNKNOWN_PLACE_ZONE, source: 'unknown', ruleState: UNKNOWN_PLACE_KEY });
  };
}

const NO_ZIPS: ZipDirectory = { lookup: () => null };
