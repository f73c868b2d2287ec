/**
 * The place-by-every-state migration (…_place_by_every_state.sql): the state rules were the row's state's alone, so
 * a Georgia row with a 305 mobile had no Florida 20:00 close. Leads still to be sent that their row, ZIP and phone
 * could put under two states' laws are placed again: unplaced, their waiting jobs wait until then.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { migrationsBefore, migrationsThrough } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the place-by-every-state migration', () => {
  const tempDir = useTempDirs();

  it('unplaces the leads still to be sent that name a state twice over, gates their jobs, and leaves the others as they were', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_place_by_every_state', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('Alpha', 'locAlpha', 'http://x', 1, 1)`).run();
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, state, postal_code, status, time_zone, time_zone_source, rule_state, created_at, updated_at)
       VALUES (1, @phone, @state, @zip, @status, 'America/New_York', @source, @rule, 1, 1)`,
    );
    const add = (values: { phone: string | null; state?: string | null; zip?: string | null; status?: string; source?: string; rule?: string | null }) =>
      Number(lead.run({ state: null, zip: null, status: 'queued', source: 'state', rule: values.state ?? null, ...values }).lastInsertRowid);
    const georgiaRowMiamiPhone = add({ phone: '+13055550142', state: 'GA' });
    const georgiaRowMiamiZip = add({ phone: null, state: 'GA', zip: '33101', source: 'zip' });
    const heldBack = add({ phone: '+13055550143', state: 'GA', status: 'new' });
    // Claimed by a run killed before it enrolled her, and a Puerto Rico row written as the country (a review).
    const leftSyncing = add({ phone: '+13055550147', state: 'GA', status: 'syncing' });
    const territory = add({ phone: '+13055550148', state: null, source: 'phone' });
    old.prepare(`UPDATE leads SET country = 'PR' WHERE id = ?`).run(territory);
    const phoneOnly = add({ phone: '+13055550144', source: 'phone', rule: 'FL' });
    const sent = add({ phone: '+13055550145', state: 'GA', status: 'synced' });
    const enrolled = add({ phone: '+13055550146', state: 'GA' });
    old.prepare('UPDATE leads SET enrolled_at = 1 WHERE id = ?').run(enrolled);
    const job = old.prepare(
      `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, send_gate)
       VALUES (1, ?, 'upsert', 'k' || ?, 'queued', 0, 1, 1, 1, 'paced')`,
    );
    for (const id of [georgiaRowMiamiPhone, georgiaRowMiamiZip, phoneOnly, enrolled]) job.run(id, id);
    old.close();

    // Through this migration only: a later one (0050) places enrolled leads again.
    const db = openDatabase(file, { migrationsDir: migrationsThrough('_place_by_every_state', tempDir()) }).$client;
    const source = (id: number) => db.prepare(`SELECT time_zone_source FROM leads WHERE id = ?`).pluck().get(id);
    const gate = (id: number) => db.prepare(`SELECT send_gate FROM sync_jobs WHERE lead_id = ?`).pluck().get(id);
    expect([source(georgiaRowMiamiPhone), gate(georgiaRowMiamiPhone)]).toEqual([null, 'unplaced']);
    expect([source(georgiaRowMiamiZip), gate(georgiaRowMiamiZip)]).toEqual([null, 'unplaced']);
    expect(source(heldBack)).toBeNull();
    expect(source(leftSyncing)).toBeNull();
    expect(source(territory)).toBeNull();
    expect([source(phoneOnly), gate(phoneOnly)]).toEqual(['phone', 'paced']);
    expect(source(sent)).toBe('state');
    expect([source(enrolled), gate(enrolled)]).toEqual(['state', 'paced']); // as it was
    db.close();
  });
});
