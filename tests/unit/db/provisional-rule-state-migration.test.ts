/**
 * Migration 0039 (…_provisional_rule_state.sql) on a database whose queue has jobs waiting for their lead's
 * placement: those whose row names a US state wait under it, marked unsure, and the waiting counts the plan reads
 * move with them; placed leads' jobs keep their key.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { migrationsBefore, migrationsThrough } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the provisional-rule-state migration', () => {
  const tempDir = useTempDirs();

  it('gives the jobs of leads not placed yet their row’s state, marked unsure, and counts them there', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_provisional_rule_state', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://x', 1, 1)`).run();
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, state, country, status, time_zone, time_zone_source, rule_state, created_at, updated_at) VALUES (1, ?, ?, ?, 'queued', ?, ?, ?, 1, 1)`,
    );
    const job = old.prepare(
      `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, send_gate, send_zone, send_state)
       VALUES (1, ?, 'sync', ?, 'queued', 0, 1, 1, 1, ?, ?, ?)`,
    );
    // state, country, placed (zone, source, key)
    const rows = [
      ['MS', 'US', null, null, null],
      ['ms', 'us', null, null, null],
      ['ON', 'CA', null, null, null],
      [null, 'PR', null, null, null],
      ['TX', 'US', 'America/Chicago', 'zip', 'TX'],
    ] as const;
    for (const [i, [state, country, zone, source, key]] of rows.entries()) {
      const leadId = Number(lead.run(`+1601555000${i}`, state, country, zone, source, key).lastInsertRowid);
      job.run(leadId, `1:${leadId}:sync`, source === null ? 'unplaced' : 'paced', zone, key);
    }
    old.close();

    // Through this migration only: a later one places some of these leads again (…_place_by_every_state).
    const db = openDatabase(file, { migrationsDir: migrationsThrough('_provisional_rule_state', join(tempDir(), 'through')) }).$client;
    expect(db.prepare(`SELECT send_state FROM sync_jobs ORDER BY lead_id`).pluck().all()).toEqual(['MS~', 'MS~', null, 'PR~', 'TX']);
    expect(db.prepare(`SELECT state, sum(n) AS n FROM waiting_job_counts WHERE n > 0 GROUP BY state ORDER BY state`).all()).toEqual([
      { state: '', n: 1 },
      { state: 'MS~', n: 2 },
      { state: 'PR~', n: 1 },
      { state: 'TX', n: 1 },
    ]);
    db.close();
  });
});
