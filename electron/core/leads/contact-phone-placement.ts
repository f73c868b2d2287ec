/** Placing an email-only lead by the number its GHL contact keeps, from each upsert's answer (JobQueue.recordUpsert). */
import type Database from 'better-sqlite3';
import { placeLead } from '../../pacing/lead-zone';
import { ghlPhoneAsE164 } from '../../lib/ghl-phone';
import { UNKNOWN_PLACE_KEY, UNKNOWN_PLACE_ZONE } from '../../pacing/legal-floor';
import type { ZipDirectory } from '../../pacing/zip-directory';

/**
 * A lead nothing placed and with no number of its own (an email-only lead) that GHL matched to a contact with a number:
 * GHL's campaign texts that number, so its area code (or country) places the lead, source 'ghl-phone'. Judged on
 * Chicago's clock it could be texted at 07:00 in Honolulu (12:00 Central in summer) or at night in Guam. Placed again
 * at each upsert (the contact's number may change in GHL), back to nowhere when the number no longer places it, and
 * written only when that changes: a write bumps the lead's version, which sends its job back to the queue.
 * A lead with a number of its own is not placed by GHL's: one GHL did not keep fails the lead (phone-kept.ts).
 * In the caller's transaction (JobQueue.recordUpsert, with the rest of the upsert's answer).
 */
export function prepareContactPhonePlacement(client: Database.Database): (leadId: number, contactPhone: string | null | undefined) => void {
  const place = client.prepare<{ id: number; timeZone: string; source: string; ruleState: string | null }>(
    `UPDATE leads SET time_zone = @timeZone, time_zone_source = @source, rule_state = @ruleState
     WHERE id = @id AND phone IS NULL AND time_zone_source IN ('unknown', 'ghl-phone')
       AND (time_zone IS NOT @timeZone OR time_zone_source IS NOT @source OR rule_state IS NOT @ruleState)
       AND (@source = 'ghl-phone' OR time_zone_source = 'ghl-phone')`,
  );
  const country = client.prepare<[number], { country: string | null }>('SELECT country FROM leads WHERE id = ?');
  return (leadId, contactPhone) => {
    // Not in the answer: nothing learnt (null is: the contact keeps no number).
    if (contactPhone === undefined) return;
    const e164 = contactPhone === null ? null : ghlPhoneAsE164(contactPhone);
    const placed = e164 ? placeLead({ phone: e164, country: country.get(leadId)?.country ?? null }, '', NO_ZIPS) : null;
    if (placed?.source === 'phone') place.run({ id: leadId, timeZone: placed.timeZone, source: 'ghl-phone', ruleState: placed.ruleKey });
    else place.run({ id: leadId, timeZone: UNKNOWN_PLACE_ZONE, source: 'unknown', ruleState: UNKNOWN_PLACE_KEY });
  };
}

const NO_ZIPS: ZipDirectory = { lookup: () => null };
