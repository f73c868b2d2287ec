/**
 * The split-area-codes migration (…_place_again_split_area_codes.sql): a waiting lead placed by a phone whose area
 * code was found to span two zones (930, the overlay of 812; 458 of 541; 574; 334; …) is placed again, now with the
 * hour to spare of an unsure zone, so a 930 lead in Evansville (Central) is not texted at 08:00 Eastern, 07:00
 * there. Leads placed by their ZIP or state, enrolled leads and other area codes keep their place.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { LeadPlacement } from '../../../electron/core/leads/lead-placement';
import { loadZipDirectory } from '../../../electron/pacing';
import { migrationsBefore } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the split-area-codes migration', () => {
  const tempDir = useTempDirs();

  it('places again the waiting leads placed by such a phone, and only those', async () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_place_again_split_area_codes', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://x', 1, 1)`).run();
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, postal_code, time_zone, time_zone_source, rule_state, enrolled_at, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, 1, 1)`,
    );
    lead.run('+19305550001', null, 'America/Indiana/Indianapolis', 'phone', 'IN', null); // waiting: placed again, unsure
    lead.run('+14585550002', null, 'America/Los_Angeles', 'phone', 'OR', null); // waiting: placed again, unsure
    lead.run('+19305550003', null, 'America/Indiana/Indianapolis', 'phone', 'IN', 5); // enrolled: kept
    lead.run('+19305550004', '47708', 'America/Chicago', 'zip', 'IN', null); // by ZIP (Evansville): kept
    lead.run('+13175550005', null, 'America/Indiana/Indianapolis', 'phone', 'IN', null); // Indianapolis, one zone: kept
    old.close();

    const db = openDatabase(file).$client;
    new LeadPlacement(db).placeChunk(await loadZipDirectory());
    expect(db.prepare(`SELECT time_zone AS zone, time_zone_source AS source, rule_state AS ruleState FROM leads ORDER BY id`).all()).toEqual([
      { zone: 'America/Indiana/Indianapolis', source: 'phone', ruleState: 'IN~' },
      { zone: 'America/Los_Angeles', source: 'phone', ruleState: 'OR~' },
      { zone: 'America/Indiana/Indianapolis', source: 'phone', ruleState: 'IN' },
      { zone: 'America/Chicago', source: 'zip', ruleState: 'IN' },
      { zone: 'America/Indiana/Indianapolis', source: 'phone', ruleState: 'IN' },
    ]);
    db.close();
  });
});
