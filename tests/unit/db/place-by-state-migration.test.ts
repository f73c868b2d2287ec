/**
 * The place-by-state migration (…_place_leads_by_state.sql): leads the old rules placed by their phone or their
 * company's zone are placed again with the new ones (a one-zone state on the row, territory ZIPs), so a Hawaii
 * lead with a New York phone that waits in the queue is no longer texted at 03:30 Honolulu time. Leads placed
 * by their ZIP, and leads already enrolled, keep their place.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { LeadPlacement } from '../../../electron/core/leads/lead-placement';
import { loadZipDirectory } from '../../../electron/pacing';
import { migrationsBefore } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the place-by-state migration', () => {
  const tempDir = useTempDirs();

  it('places again the waiting leads placed by phone or company, and only those', async () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_place_leads_by_state', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://x', 1, 1)`).run();
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, state, postal_code, time_zone, time_zone_source, enrolled_at, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, 1, 1)`,
    );
    lead.run('+12125550001', 'HI', null, 'America/New_York', 'phone', null); // waiting: placed again
    lead.run('+12125550002', 'GU', '96910', null, 'company', null); // waiting: placed again
    lead.run('+12125550003', 'HI', null, 'America/New_York', 'phone', 5); // enrolled: kept
    lead.run('+12125550004', 'NY', '10001', 'America/New_York', 'zip', null); // by ZIP: kept
    old.close();

    const db = openDatabase(file).$client;
    new LeadPlacement(db).placeChunk(await loadZipDirectory());
    expect(db.prepare(`SELECT time_zone AS zone, time_zone_source AS source FROM leads ORDER BY id`).all()).toEqual([
      { zone: 'Pacific/Honolulu', source: 'state' },
      { zone: 'Pacific/Guam', source: 'zip' },
      { zone: 'America/New_York', source: 'phone' },
      { zone: 'America/New_York', source: 'zip' },
    ]);
    db.close();
  });
});
