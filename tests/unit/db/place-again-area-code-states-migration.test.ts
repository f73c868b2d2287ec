/**
 * The place-again-area-code-states migration (…_place_again_area_code_states.sql): Florida, Oklahoma and Maryland presume
 * a number of their area codes is a resident's, but a lead placed on another clock lost that state's rule (an Illinois
 * ZIP with a 305 mobile was texted at 20:45 Central, 21:45 in Miami). Leads still to be sent with such a phone whose rules
 * key does not name the state are placed again: unplaced, their waiting jobs wait until then; placed again, they keep it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { LeadPlacement } from '../../../electron/core/leads/lead-placement';
import { loadZipDirectory } from '../../../electron/pacing/zip-directory';
import { migrationsBefore, migrationsThrough } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the place-again-area-code-states migration', () => {
  const tempDir = useTempDirs();

  it('unplaces the leads still to be sent whose phone’s state presumes residence, and leaves the others', async () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_place_again_area_code_states', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('Alpha', 'locAlpha', 'http://x', 1, 1)`).run();
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, state, postal_code, status, time_zone, time_zone_source, rule_state, created_at, updated_at)
       VALUES (1, @phone, @state, '60601', @status, 'America/Chicago', @source, @rule, 1, 1)`,
    );
    const add = (values: { phone: string; state?: string | null; status?: string; rule?: string | null; source?: string }) =>
      Number(lead.run({ state: 'IL', status: 'queued', rule: 'IL', source: 'zip', ...values }).lastInsertRowid);
    const miamiMobile = add({ phone: '+13055550142' });
    const tulsaMobile = add({ phone: '+19185550142' });
    const baltimoreMobile = add({ phone: '+14105550142' });
    const keptFlorida = add({ phone: '+13055550143', rule: 'FL~' });
    const chicagoMobile = add({ phone: '+13125550142' });
    const nothingPlaced = add({ phone: '+13055550144', source: 'unknown', rule: '?' });
    const sent = add({ phone: '+13055550145', status: 'synced' });
    const enrolled = add({ phone: '+13055550146' });
    old.prepare('UPDATE leads SET enrolled_at = 1 WHERE id = ?').run(enrolled);
    const job = old.prepare(
      `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, send_gate)
       VALUES (1, ?, 'sync', 'k' || ?, 'queued', 0, 1, 1, 1, 'paced')`,
    );
    for (const id of [miamiMobile, chicagoMobile]) job.run(id, id);
    old.close();

    const db = openDatabase(file, { migrationsDir: migrationsThrough('_place_again_area_code_states', tempDir()) }).$client;
    const source = (id: number) => db.prepare(`SELECT time_zone_source FROM leads WHERE id = ?`).pluck().get(id);
    const gate = (id: number) => db.prepare(`SELECT send_gate FROM sync_jobs WHERE lead_id = ?`).pluck().get(id);
    expect([source(miamiMobile), gate(miamiMobile)]).toEqual([null, 'unplaced']);
    expect([source(tulsaMobile), source(baltimoreMobile)]).toEqual([null, null]);
    expect([source(chicagoMobile), gate(chicagoMobile)]).toEqual(['zip', 'paced']);
    // Its key names Florida, but may read it on the wrong clock: placed again too.
    expect(source(keptFlorida)).toBeNull();
    expect(source(nothingPlaced)).toBe('unknown');
    expect(source(sent)).toBe('zip');
    expect(source(enrolled)).toBe('zip');

    // Placed again, each keeps its phone's state's rule on Chicago's clock.
    new LeadPlacement(db).placeChunk(await loadZipDirectory());
    const rule = (id: number) => db.prepare(`SELECT rule_state FROM leads WHERE id = ?`).pluck().get(id);
    expect([rule(miamiMobile), rule(tulsaMobile), rule(baltimoreMobile)]).toEqual(['FL~', 'OK', 'MD~']);
    db.close();
  });
});
