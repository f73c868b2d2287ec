/**
 * The place-again-off-mainland-ties migration (…_place_again_off_mainland_ties.sql): off the mainland, a row whose state
 * contradicted its ZIP was placed on one side's clock with an hour to spare however far the other side was (a Texas row
 * with a Honolulu ZIP: 20:00 in Honolulu is midnight in Dallas). Leads still to be sent, placed unsure with a state and a
 * ZIP (a phone or none), are placed again: unplaced, their waiting jobs wait until then.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { migrationsBefore, migrationsThrough } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the place-again-off-mainland-ties migration', () => {
  const tempDir = useTempDirs();

  it('unplaces the unsure leads still to be sent with a state and a ZIP, gates their jobs, and leaves the others', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_place_again_off_mainland_ties', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('Alpha', 'locAlpha', 'http://x', 1, 1)`).run();
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, state, postal_code, status, time_zone, time_zone_source, rule_state, created_at, updated_at)
       VALUES (1, @phone, @state, @zip, @status, 'Pacific/Honolulu', 'zip', @rule, 1, 1)`,
    );
    let next = 100;
    const add = (values: { phone?: string | null; state?: string | null; zip?: string | null; status?: string; rule?: string }) =>
      Number(lead.run({ phone: `+1808555${String(next++).padStart(4, '0')}`, state: 'TX', zip: '96813', status: 'queued', rule: 'TX~', ...values }).lastInsertRowid);
    const texasRowHonoluluZip = add({});
    const sure = add({ state: 'HI', rule: 'HI' });
    const noPhone = add({ phone: null });
    const noZip = add({ zip: null });
    // A Guam lead written as the country, its state empty (a review: the first cut asked for a state).
    const guamCountry = add({ state: null, rule: 'GU~' });
    old.prepare(`UPDATE leads SET country = 'GU' WHERE id = ?`).run(guamCountry);
    const sent = add({ status: 'synced' });
    const enrolled = add({});
    old.prepare('UPDATE leads SET enrolled_at = 1 WHERE id = ?').run(enrolled);
    const job = old.prepare(
      `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, send_gate)
       VALUES (1, ?, 'sync', 'k' || ?, 'queued', 0, 1, 1, 1, 'paced')`,
    );
    for (const id of [texasRowHonoluluZip, sure, noPhone, noZip]) job.run(id, id);
    old.close();

    const db = openDatabase(file, { migrationsDir: migrationsThrough('_place_again_off_mainland_ties', tempDir()) }).$client;
    const source = (id: number) => db.prepare(`SELECT time_zone_source FROM leads WHERE id = ?`).pluck().get(id);
    const gate = (id: number) => db.prepare(`SELECT send_gate FROM sync_jobs WHERE lead_id = ?`).pluck().get(id);
    expect([source(texasRowHonoluluZip), gate(texasRowHonoluluZip)]).toEqual([null, 'unplaced']);
    // Off the mainland a tie is placed the new way with or without a phone (an Alaska row, an Eastern ZIP).
    expect([source(noPhone), gate(noPhone)]).toEqual([null, 'unplaced']);
    expect([source(sure), gate(sure)]).toEqual(['zip', 'paced']);
    expect([source(noZip), gate(noZip)]).toEqual(['zip', 'paced']);
    expect(source(guamCountry)).toBeNull();
    expect(source(sent)).toBe('zip');
    expect(source(enrolled)).toBe('zip');
    db.close();
  });
});
