/**
 * The scheduler-gate migration (…_scheduler_gate.sql) on a database that already has jobs: each job takes its lead's placement (unplaced,
 * paced, or free once enrolled), and from then on the trigger keeps it in step.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { migrationsBefore, migrationsThrough } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the scheduler-gate migration', () => {
  const tempDir = useTempDirs();

  it('gives existing jobs their lead’s placement, and the trigger follows later changes', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_scheduler_gate', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://x', 1, 1)`).run();
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, status, time_zone, time_zone_source, rule_state, enrolled_at, created_at, updated_at) VALUES (1, ?, 'queued', ?, ?, ?, ?, 1, 1)`,
    );
    const job = old.prepare(
      `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at) VALUES (1, ?, 'sync', ?, 'queued', 0, 1, 1, 1)`,
    );
    const rows = [
      ['+15125550001', null, null, null, null],
      ['+15125550002', 'America/New_York', 'phone', 'fl', null],
      ['+15125550003', null, 'company', null, 5],
    ] as const;
    for (const [i, row] of rows.entries()) job.run(Number(lead.run(...row).lastInsertRowid), `1:${i + 1}:sync`);
    old.close();

    const db = openDatabase(file, { migrationsDir: migrationsThrough('_scheduler_gate', tempDir()) }).$client;
    const gates = () => db.prepare(`SELECT send_gate AS gate, send_zone AS zone, send_state AS state FROM sync_jobs ORDER BY lead_id`).all();
    expect(gates()).toEqual([
      { gate: 'unplaced', zone: null, state: null },
      { gate: 'paced', zone: 'America/New_York', state: 'FL' },
      { gate: 'free', zone: null, state: null },
    ]);
    db.prepare(`UPDATE leads SET time_zone_source = 'company' WHERE id = 1`).run();
    db.prepare(`UPDATE leads SET enrolled_at = 9 WHERE id = 2`).run();
    expect(gates()).toEqual([
      { gate: 'paced', zone: null, state: null },
      { gate: 'free', zone: 'America/New_York', state: 'FL' },
      { gate: 'free', zone: null, state: null },
    ]);
    db.close();
  });
});
