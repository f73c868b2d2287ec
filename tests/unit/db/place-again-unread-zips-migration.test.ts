/**
 * The place-again-unread-zips migration (…_place_again_unread_zips.sql): a US lead with a ZIP no table read was placed by
 * its phone as certain (a Seattle typo 98100 with a 212 mobile: texted from 05:00 at home). Leads still to be sent, placed
 * by their phone beside a ZIP, are placed again; placed again, they get the hours legal anywhere on the mainland.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { LeadPlacement } from '../../../electron/core/leads/lead-placement';
import { loadZipDirectory } from '../../../electron/pacing/zip-directory';
import { migrationsBefore, migrationsThrough } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the place-again-unread-zips migration', () => {
  const tempDir = useTempDirs();

  it('unplaces the leads still to be sent that their phone placed beside a ZIP, and leaves the others', async () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_place_again_unread_zips', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('Alpha', 'locAlpha', 'http://x', 1, 1)`).run();
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, postal_code, country, status, time_zone, time_zone_source, rule_state, created_at, updated_at)
       VALUES (1, @phone, @zip, @country, @status, 'America/New_York', 'phone', 'NY', 1, 1)`,
    );
    let next = 100;
    const add = (values: { zip?: string | null; country?: string | null; status?: string }) =>
      Number(lead.run({ phone: `+1212555${String(next++).padStart(4, '0')}`, zip: '98100', country: 'US', status: 'queued', ...values }).lastInsertRowid);
    const typo = add({});
    const noZip = add({ zip: null });
    const canadian = add({ zip: 'M5V 2T6', country: 'CA' });
    const sent = add({ status: 'synced' });
    const job = old.prepare(
      `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, send_gate)
       VALUES (1, ?, 'sync', 'k' || ?, 'queued', 0, 1, 1, 1, 'paced')`,
    );
    for (const id of [typo, noZip]) job.run(id, id);
    old.close();

    const db = openDatabase(file, { migrationsDir: migrationsThrough('_place_again_unread_zips', tempDir()) }).$client;
    const source = (id: number) => db.prepare(`SELECT time_zone_source FROM leads WHERE id = ?`).pluck().get(id);
    const gate = (id: number) => db.prepare(`SELECT send_gate FROM sync_jobs WHERE lead_id = ?`).pluck().get(id);
    expect([source(typo), gate(typo)]).toEqual([null, 'unplaced']);
    expect([source(noZip), gate(noZip)]).toEqual(['phone', 'paced']);
    expect(source(canadian)).toBe('phone');
    expect(source(sent)).toBe('phone');
    new LeadPlacement(db).placeChunk(await loadZipDirectory());
    expect(db.prepare(`SELECT time_zone_source AS source, rule_state AS rule FROM leads WHERE id = ?`).get(typo)).toEqual({ source: 'unknown', rule: '?' });
    db.close();
  });
});
