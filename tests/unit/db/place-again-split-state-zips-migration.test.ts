/**
 * The place-again-split-state-zips migration (…_place_again_split_state_zips.sql): a row of a state of two zones with a ZIP
 * on a third clock (a Texas row, a New York ZIP) was placed on the ZIP's clock as sure, and a row state's rules were
 * dropped where another state's ZIP placed the lead. Leads still to be sent with a state and a ZIP are placed again:
 * unplaced, their waiting jobs wait until then.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { migrationsBefore, migrationsThrough } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the place-again-split-state-zips migration', () => {
  const tempDir = useTempDirs();

  it('unplaces the leads still to be sent with a state and a ZIP, gates their jobs, and leaves the others', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_place_again_split_state_zips', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('Alpha', 'locAlpha', 'http://x', 1, 1)`).run();
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, state, postal_code, status, time_zone, time_zone_source, rule_state, created_at, updated_at)
       VALUES (1, @phone, @state, @zip, @status, 'America/New_York', @source, 'NY', 1, 1)`,
    );
    const add = (values: { phone: string | null; state?: string | null; zip?: string | null; status?: string; source?: string }) =>
      Number(lead.run({ state: null, zip: null, status: 'queued', source: 'zip', ...values }).lastInsertRowid);
    const texasRowNewYorkZip = add({ phone: '+12145550142', state: 'tx', zip: '10001' });
    const mississippiRowAtlantaZip = add({ phone: '+14045550142', state: 'MS', zip: '30303' });
    const zipOnly = add({ phone: '+12125550142', zip: '10001' });
    const texasRowNoZip = add({ phone: '+12145550143', state: 'TX', source: 'state' });
    const sent = add({ phone: '+12145550144', state: 'TX', zip: '10001', status: 'synced' });
    const enrolled = add({ phone: '+12145550145', state: 'TX', zip: '10001' });
    old.prepare('UPDATE leads SET enrolled_at = 1 WHERE id = ?').run(enrolled);
    const job = old.prepare(
      `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, send_gate)
       VALUES (1, ?, 'upsert', 'k' || ?, 'queued', 0, 1, 1, 1, 'paced')`,
    );
    for (const id of [texasRowNewYorkZip, mississippiRowAtlantaZip, zipOnly, enrolled]) job.run(id, id);
    old.close();

    // Through this migration only: a later one (0050) places enrolled leads again.
    const db = openDatabase(file, { migrationsDir: migrationsThrough('_place_again_split_state_zips', tempDir()) }).$client;
    const source = (id: number) => db.prepare(`SELECT time_zone_source FROM leads WHERE id = ?`).pluck().get(id);
    const gate = (id: number) => db.prepare(`SELECT send_gate FROM sync_jobs WHERE lead_id = ?`).pluck().get(id);
    expect([source(texasRowNewYorkZip), gate(texasRowNewYorkZip)]).toEqual([null, 'unplaced']);
    expect([source(mississippiRowAtlantaZip), gate(mississippiRowAtlantaZip)]).toEqual([null, 'unplaced']);
    expect([source(zipOnly), gate(zipOnly)]).toEqual(['zip', 'paced']);
    expect(source(texasRowNoZip)).toBe('state');
    expect(source(sent)).toBe('zip');
    expect([source(enrolled), gate(enrolled)]).toEqual(['zip', 'paced']);
    db.close();
  });
});
