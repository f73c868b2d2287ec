/**
 * The place-enrolled-leads-again migration (…_place_enrolled_leads_again.sql): leads enrolled before a placement fix kept
 * their old place, and their GHL contact the old `timezone`. Leads enrolled in the last 90 days are placed again (the
 * sync sends a contact whose zone changed once more); a lead nothing placed keeps no zone meanwhile, as GHL was given none.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { LeadPlacement } from '../../../electron/core/leads/lead-placement';
import { loadZipDirectory } from '../../../electron/pacing';
import { migrationsBefore } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the place-enrolled-leads-again migration', () => {
  const tempDir = useTempDirs();

  it('unplaces leads enrolled in the last 90 days, forgets the zone GHL was never given, and leaves the others; placed, those GHL has on another clock go again', async () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_place_enrolled_leads_again', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('Alpha', 'locAlpha', 'http://x', 1, 1)`).run();
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, state, postal_code, status, do_not_contact, enrolled_at, time_zone, time_zone_source, rule_state, created_at, updated_at)
       VALUES (1, @phone, 'TX', '10001', @status, @dnc, @enrolledAt, @zone, @source, 'NY', 1, 1)`,
    );
    let n = 0;
    const recently = Date.now() - 30 * 86_400_000;
    const add = (values: { status?: string; dnc?: number; enrolledAt?: number | null; zone?: string | null; source?: string }) =>
      Number(lead.run({ phone: `+1214555${String(++n).padStart(4, '0')}`, status: 'synced', dnc: 0, enrolledAt: recently, zone: 'America/New_York', source: 'zip', ...values }).lastInsertRowid);
    const enrolled = add({});
    const resending = add({ status: 'queued' });
    const placedNowhere = add({ zone: 'America/Chicago', source: 'unknown' });
    const onCompanyClock = add({ zone: null, source: 'company' });
    const byGhlPhone = add({ source: 'ghl-phone' });
    const neverEnrolled = add({ status: 'queued', enrolledAt: null });
    const optedOut = add({ status: 'do-not-contact', dnc: 1 });
    const dndInGhl = add({ status: 'dnd' });
    // Enrolled 100 days ago: its workflow is over.
    const longAgo = add({ enrolledAt: Date.now() - 100 * 86_400_000 });
    old.close();

    const db = openDatabase(file).$client;
    const place = (id: number) => db.prepare(`SELECT time_zone AS zone, time_zone_source AS source FROM leads WHERE id = ?`).get(id);
    expect(place(enrolled)).toEqual({ zone: 'America/New_York', source: null });
    expect(place(resending)).toEqual({ zone: 'America/New_York', source: null });
    expect(place(placedNowhere)).toEqual({ zone: null, source: null });
    expect(place(onCompanyClock)).toEqual({ zone: null, source: null });
    expect(place(byGhlPhone)).toEqual({ zone: 'America/New_York', source: 'ghl-phone' });
    // Not enrolled: placed again by 0049 if it had to be. Not texted: nothing to fix.
    expect(place(neverEnrolled)).toEqual({ zone: 'America/New_York', source: 'zip' });
    expect(place(optedOut)).toEqual({ zone: 'America/New_York', source: 'zip' });
    expect(place(dndInGhl)).toEqual({ zone: 'America/New_York', source: 'zip' });
    expect(place(longAgo)).toEqual({ zone: 'America/New_York', source: 'zip' });

    // A Texas row, a New York ZIP, a Dallas phone: Dallas's clock now. Sent again: the contacts GHL holds on New York's
    // clock or on none; not the one whose re-send is queued already (it goes with the new zone anyway).
    new LeadPlacement(db).placeChunk(await loadZipDirectory());
    const sending = (id: number) => db.prepare(`SELECT l.status, j.state AS job FROM leads l LEFT JOIN sync_jobs j ON j.lead_id = l.id WHERE l.id = ?`).get(id);
    expect(place(enrolled)).toEqual({ zone: 'America/Chicago', source: 'state' });
    // In the campaign: they stay sent while the new zone goes (JobQueue isResentRecordOnly).
    expect(sending(enrolled)).toEqual({ status: 'synced', job: 'queued' });
    expect(sending(placedNowhere)).toEqual({ status: 'synced', job: 'queued' });
    expect(sending(onCompanyClock)).toEqual({ status: 'synced', job: 'queued' });
    expect(sending(resending)).toEqual({ status: 'queued', job: null });
    expect(sending(byGhlPhone)).toEqual({ status: 'synced', job: null });
    db.close();
  });
});
