/**
 * The place-unknown-leads-again migration (…_place_unknown_leads_again.sql): leads nothing places (rule_state '?')
 * were placed on their company's clock with three hours to spare inside 08:00–21:00, which let an office in Honolulu
 * text the mainland at 22:45. They are placed again by the new rule: unplaced, and their waiting jobs wait until then.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { migrationsBefore, migrationsThrough } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the place-unknown-leads-again migration', () => {
  const tempDir = useTempDirs();

  it('unplaces the leads nothing placed that are not in the campaign yet, gates their waiting jobs, and leaves every other lead as it was', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_place_unknown_leads_again', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('Alpha', 'locAlpha', 'http://x', 1, 1)`).run();
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, status, time_zone, time_zone_source, rule_state, created_at, updated_at) VALUES (1, @phone, 'queued', @zone, @source, @rule, 1, 1)`,
    );
    const unknown = Number(lead.run({ phone: '+17485550142', zone: null, source: 'company', rule: '?' }).lastInsertRowid);
    const placed = Number(lead.run({ phone: '+15125550142', zone: 'America/Chicago', source: 'phone', rule: 'TX' }).lastInsertRowid);
    const unsureState = Number(lead.run({ phone: '+15125550143', zone: null, source: 'company', rule: 'AS~' }).lastInsertRowid);
    // In the campaign already: its window has passed.
    const enrolled = Number(lead.run({ phone: '+17485550144', zone: null, source: 'company', rule: '?' }).lastInsertRowid);
    old.prepare('UPDATE leads SET enrolled_at = 1 WHERE id = ?').run(enrolled);
    const job = old.prepare(
      `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, send_gate)
       VALUES (1, ?, 'upsert', 'k' || ?, 'queued', 0, 1, 1, 1, 'paced')`,
    );
    for (const id of [unknown, placed, unsureState, enrolled]) job.run(id, id);
    old.close();

    // Through this migration only: a later one (0050) places enrolled leads again.
    const db = openDatabase(file, { migrationsDir: migrationsThrough('_place_unknown_leads_again', tempDir()) }).$client;
    const row = (id: number) => db.prepare(`SELECT l.time_zone_source AS source, l.rule_state AS rule, j.send_gate AS gate FROM leads l JOIN sync_jobs j ON j.lead_id = l.id WHERE l.id = ?`).get(id);
    expect(row(unknown)).toEqual({ source: null, rule: '?', gate: 'unplaced' });
    expect(row(placed)).toEqual({ source: 'phone', rule: 'TX', gate: 'paced' });
    expect(row(unsureState)).toEqual({ source: 'company', rule: 'AS~', gate: 'paced' });
    expect(row(enrolled)).toEqual({ source: 'company', rule: '?', gate: 'paced' });
    db.close();
  });
});
