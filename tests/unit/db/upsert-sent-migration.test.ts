/**
 * Migration 0033 (…_upsert_sent_at.sql) on a database with jobs in every state: the jobs that show they were
 * tried (an attempt spent, an error, running, done, given up) count as having sent their upsert, so an
 * opt-out of their leads asks GHL for the contact; a job never tried stays unsent (its lead's opt-out costs
 * GHL nothing).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { migrationsBefore } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the upsert-sent migration', () => {
  const tempDir = useTempDirs();

  it('marks the jobs that were tried as having sent their upsert, at their last change', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_upsert_sent_at', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://x', 1, 1)`).run();
    const lead = old.prepare(`INSERT INTO leads (company_id, phone, status, created_at, updated_at) VALUES (1, ?, 'queued', 1, 1)`);
    const job = old.prepare(
      `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, last_error_code, next_run_at, created_at, updated_at)
       VALUES (1, ?, 'upsert', ?, ?, ?, ?, 1, 1, ?)`,
    );
    const cases = [
      ['queued', 0, null],
      ['queued', 2, 'GHL_5XX'],
      ['queued', 0, 'OFFLINE'],
      ['running', 0, null],
      ['succeeded', 0, null],
      ['failed', 8, 'GHL_5XX'],
      ['cancelled', 0, null],
    ] as const;
    cases.forEach(([state, attempts, code], i) => {
      const leadId = Number(lead.run(`+1512555010${i}`).lastInsertRowid);
      job.run(leadId, `k${i}`, state, attempts, code, 100 + i);
    });
    old.close();

    const db = openDatabase(file).$client;
    expect(db.prepare('SELECT state, upsert_sent_at AS at FROM sync_jobs ORDER BY id').all()).toEqual([
      { state: 'queued', at: null },
      { state: 'queued', at: 101 },
      { state: 'queued', at: 102 },
      { state: 'running', at: 103 },
      { state: 'succeeded', at: 104 },
      { state: 'failed', at: 105 },
      { state: 'cancelled', at: null },
    ]);
    db.close();
  });
});
