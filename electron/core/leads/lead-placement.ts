/**
 * Places leads in their own time zone and US state (issue: sending windows in each lead's local
 * time): from the ZIP, else the phone's area code or country; a state no zone table knows takes the company's zone
 * (stored as null, so a company's new zone applies at once); nothing at all, Chicago's clock ('unknown'). The rules are electron/pacing/lead-zone.ts; this
 * is the database pass that stores their answer, in chunks, for leads not placed yet (new, or whose
 * address changed: a trigger clears their source).
 */
import type Database from 'better-sqlite3';
import { placeLead } from '../../pacing/lead-zone';
import type { ZipDirectory } from '../../pacing/zip-directory';
import { JobQueue } from '../jobs/job-queue';

interface UnplacedRow {
  id: number;
  companyId: number;
  /** The zone GHL's contact was given at the lead's last upsert, for an enrolled lead (see resendWithNewZone). */
  oldTimeZone: string | null;
  isEnrolled: 0 | 1;
  postalCode: string | null;
  state: string | null;
  country: string | null;
  phone: string | null;
}


export class LeadPlacement {
  private readonly unplacedStmt;
  private readonly placeStmt;
  private readonly chunkTx;

  constructor(client: Database.Database) {
    this.unplacedStmt = client.prepare<[number], UnplacedRow>(
      `SELECT id, company_id AS companyId, time_zone AS oldTimeZone, enrolled_at IS NOT NULL AS isEnrolled, postal_code AS postalCode, state, country, phone
       FROM leads WHERE time_zone_source IS NULL ORDER BY id LIMIT ?`,
    );
    const jobs = new JobQueue(client);
    this.placeStmt = client.prepare<{ id: number; timeZone: string | null; source: string; ruleState: string | null }>(
      `UPDATE leads SET time_zone = @timeZone, time_zone_source = @source, rule_state = @ruleState WHERE id = @id`,
    );
    this.chunkTx = client.transaction((zips: ZipDirectory, limit: number): number => {
      const rows = this.unplacedStmt.all(limit);
      const now = Date.now();
      for (const row of rows) {
        const placed = placeLead(row, '', zips);
        const timeZone = placed.source === 'company' ? null : placed.timeZone;
        this.placeStmt.run({ id: row.id, timeZone, source: placed.source, ruleState: placed.ruleKey });
        // What GHL is given (OWN_TIME_ZONE_SQL, own-time-zone.ts): no zone for a lead nothing places, nor for one on the company's clock.
        const ownTimeZone = placed.source === 'unknown' ? null : timeZone;
        if (row.isEnrolled === 1 && ownTimeZone !== null && ownTimeZone !== row.oldTimeZone) jobs.resendWithNewZone(row.companyId, row.id, now);
      }
      return rows.length;
    }).immediate;
  }

  /** Places up to `limit` leads in one short write transaction; 0 when every lead is placed. */
  placeChunk(zips: ZipDirectory, limit = 1_000): number {
    return this.chunkTx(zips, limit);
  }
}
