/**
 * The place-again-zip-doubts migration (…_place_again_zip_doubts.sql): West Wendover's ZIP was placed on Pacific time,
 * ZIPs of two possible clocks as sure, and a ZIP of another state's clock overrode the row's state. Leads still to be
 * sent that have such a ZIP, or a ZIP and a state, are placed again: unplaced, their waiting jobs wait until then.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { migrationsBefore, migrationsThrough } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the place-again-zip-doubts migration', () => {
  const tempDir = useTempDirs();

  it('unplaces the leads still to be sent with a ZIP in doubt or a ZIP and a state, gates their jobs, and leaves the others', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_place_again_zip_doubts', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('Alpha', 'locAlpha', 'http://x', 1, 1)`).run();
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, state, postal_code, status, time_zone, time_zone_source, rule_state, created_at, updated_at)
       VALUES (1, @phone, @state, @zip, @status, 'America/Los_Angeles', @source, @rule, 1, 1)`,
    );
    const add = (values: { phone: string | null; state?: string | null; zip?: string | null; status?: string; source?: string }) =>
      Number(lead.run({ state: null, zip: null, status: 'queued', source: 'zip', rule: 'NV', ...values }).lastInsertRowid);
    const westWendover = add({ phone: '+17755550142', zip: '89883-1234' });
    const mississippiRowAtlantaZip = add({ phone: '+16015550142', state: 'MS', zip: '30301' });
    const renoZipOnly = add({ phone: '+17755550143', zip: '89501' });
    const phoneOnly = add({ phone: '+17755550144', source: 'phone' });
    const sent = add({ phone: '+17755550145', zip: '89883', status: 'synced' });
    const enrolled = add({ phone: '+17755550146', zip: '89883' });
    old.prepare('UPDATE leads SET enrolled_at = 1 WHERE id = ?').run(enrolled);
    const job = old.prepare(
      `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, send_gate)
       VALUES (1, ?, 'upsert', 'k' || ?, 'queued', 0, 1, 1, 1, 'paced')`,
    );
    for (const id of [westWendover, mississippiRowAtlantaZip, renoZipOnly, enrolled]) job.run(id, id);
    old.close();

    // Through this migration only: a later one (0050) places enrolled leads again.
    const db = openDatabase(file, { migrationsDir: migrationsThrough('_place_again_zip_doubts', tempDir()) }).$client;
    const source = (id: number) => db.prepare(`SELECT time_zone_source FROM leads WHERE id = ?`).pluck().get(id);
    const gate = (id: number) => db.prepare(`SELECT send_gate FROM sync_jobs WHERE lead_id = ?`).pluck().get(id);
    expect([source(westWendover), gate(westWendover)]).toEqual([null, 'unplaced']);
    expect([source(mississippiRowAtlantaZip), gate(mississippiRowAtlantaZip)]).toEqual([null, 'unplaced']);
    expect([source(renoZipOnly), gate(renoZipOnly)]).toEqual(['zip', 'paced']);
    expect(source(phoneOnly)).toBe('phone');
    expect(source(sent)).toBe('zip');
    expect([source(enrolled), gate(enrolled)]).toEqual(['zip', 'paced']);
    db.close();
  });
});
