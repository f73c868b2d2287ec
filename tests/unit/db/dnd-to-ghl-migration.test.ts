/**
 * The DND-to-GHL migration (…_dnd_to_ghl.sql) on a database from the version before: a lead marked
 * do-not-contact after its contact went to GHL (its job was only cancelled then) gets its job once more,
 * queued and unpaced, to set DND in GHL; leads GHL never had, or already reported on DND, stay as they
 * were. From then on a lead marked do-not-contact has an unpaced job.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { migrationsBefore, migrationsThrough } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the DND-to-GHL migration', () => {
  const tempDir = useTempDirs();

  it('queues DND for the opted-out leads GHL has, and only those', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_dnd_to_ghl', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://x', 1, 1)`).run();
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, status, do_not_contact, ghl_contact_id, time_zone_source, enrolled_at, created_at, updated_at) VALUES (1, ?, ?, ?, ?, 'company', ?, 1, 1)`,
    );
    const job = old.prepare(
      `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at) VALUES (1, ?, 'sync', ?, ?, 0, 1, 1, 1)`,
    );
    const rows = [
      // phone, status, dnc, contact, enrolled, job state
      ['+15125550001', 'do-not-contact', 1, 'c1', 5, 'cancelled'], // in GHL, enrolled, opted out later → DND goes
      ['+15125550002', 'do-not-contact', 1, null, null, 'cancelled'], // never in GHL → nothing to send
      ['+15125550003', 'dnd', 1, 'c3', null, 'succeeded'], // GHL reported DND itself
      ['+15125550004', 'synced', 0, 'c4', 5, 'succeeded'], // not opted out
    ] as const;
    for (const [i, [phone, status, dnc, contact, enrolled, state]] of rows.entries()) {
      job.run(Number(lead.run(phone, status, dnc, contact, enrolled).lastInsertRowid), `1:${i + 1}:sync`, state);
    }
    old.close();

    const db = openDatabase(file, { migrationsDir: migrationsThrough('_dnd_to_ghl', tempDir()) }).$client;
    const jobs = () => db.prepare(`SELECT state, send_gate AS gate FROM sync_jobs ORDER BY lead_id`).all();
    expect(jobs()).toEqual([
      { state: 'queued', gate: 'free' },
      // The others are untouched (rows written straight into the old schema keep its default gate).
      { state: 'cancelled', gate: 'unplaced' },
      { state: 'succeeded', gate: 'unplaced' },
      { state: 'succeeded', gate: 'unplaced' },
    ]);
    // The trigger follows do_not_contact now: a lead marked later gets an unpaced job.
    db.prepare(`UPDATE leads SET do_not_contact = 1 WHERE id = 4`).run();
    expect(jobs()[3]).toEqual({ state: 'succeeded', gate: 'free' });
    db.prepare(`UPDATE leads SET do_not_contact = 0, enrolled_at = NULL WHERE id = 4`).run();
    expect(jobs()[3]).toEqual({ state: 'succeeded', gate: 'paced' });
    db.close();
  });
});
