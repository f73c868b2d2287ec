/**
 * Places leads in their own time zone and US state (issue: sending windows in each lead's local
 * time): from the ZIP, else the phone's area code or country; a state no zone table knows takes the company's zone
 * (stored as null, so a company's new zone applies at once); nothing at all, Chicago's clock ('unknown'). The rules are electron/pacing/lead-zone.ts; this
 * is the database pass that stores their answer, in chunks, for leads not placed yet (new, or whose
 * address changed: a trigger clears their source).
 */
import type Database from 'better-sqlite3';
import { placeLead } from '../../pacing/lead-zone';
import { ghlPhoneAsE164 } from '../../lib/ghl-phone';
import { UNKNOWN_PLACE_KEY, UNKNOWN_PLACE_ZONE } from '../../pacing/legal-floor';
import type { ZipDirectory } from '../../pacing/zip-directory';

/**
 * The zone a lead lives in, as SQL over the leads row `l`: its stored zone, but none for a lead nothing places (it is
 * only judged on Chicago's clock, pacing/legal-floor.ts UNKNOWN_PLACE_ZONE). What GHL and the export are given.
 */
export const OWN_TIME_ZONE_SQL = `CASE WHEN l.time_zone_source = 'unknown' THEN NULL ELSE l.time_zone END`;

interface UnplacedRow {
  id: number;
  postalCode: string | null;
  state: string | null;
  country: string | null;
  phone: string | null;
}

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

export class LeadPlacement {
  private readonly unplacedStmt;
  private readonly placeStmt;
  private readonly chunkTx;

  constructor(client: Database.Database) {
    this.unplacedStmt = client.prepare<[number], UnplacedRow>(
      `SELECT id, postal_code AS postalCode, state, country, phone FROM leads WHERE time_zone_source IS NULL ORDER BY id LIMIT ?`,
    );
    this.placeStmt = client.prepare<{ id: number; timeZone: string | null; source: string; ruleState: string | null }>(
      `UPDATE leads SET time_zone = @timeZone, time_zone_source = @source, rule_state = @ruleState WHERE id = @id`,
    );
    this.chunkTx = client.transaction((zips: ZipDirectory, limit: number): number => {
      const rows = this.unplacedStmt.all(limit);
      for (const row of rows) {
        const placed = placeLead(row, '', zips);
        this.placeStmt.run({ id: row.id, timeZone: placed.source === 'company' ? null : placed.timeZone, source: placed.source, ruleState: placed.ruleKey });
      }
      return rows.length;
    }).immediate;
  }

  /** Places up to `limit` leads in one short write transaction; 0 when every lead is placed. */
  placeChunk(zips: ZipDirectory, limit = 1_000): number {
    return this.chunkTx(zips, limit);
  }
}
