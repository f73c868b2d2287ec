/**
 * The place-again-provinces migration (…_place_again_provinces.sql): a Canadian lead's province was not read, and its
 * phone placed it as certain (a Vancouver roof with a Toronto mobile: texted at 05:00 at home). Leads still to be sent,
 * placed by their phone, with a province, are placed again; placed again, their province places them.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { LeadPlacement } from '../../../electron/core/leads/lead-placement';
import { loadZipDirectory } from '../../../electron/pacing/zip-directory';
import { migrationsThrough, oldDatabaseWithCompany } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the place-again-provinces migration', () => {
  const tempDir = useTempDirs();

  it('unplaces the Canadian leads still to be sent that their phone placed beside a province, and leaves the others', async () => {
    const { file, old, nextPhone } = oldDatabaseWithCompany('_place_again_provinces', tempDir, '+1416392');
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, state, country, status, time_zone, time_zone_source, created_at, updated_at)
       VALUES (1, @phone, @state, @country, @status, 'America/Toronto', 'phone', 1, 1)`,
    );
    const add = (values: { state?: string | null; country?: string; status?: string }) =>
      Number(lead.run({ phone: nextPhone(), state: 'BC', country: 'CA', status: 'queued', ...values }).lastInsertRowid);
    const vancouver = add({});
    const noProvince = add({ state: null });
    const sent = add({ status: 'synced' });
    const job = old.prepare(
      `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, send_gate)
       VALUES (1, ?, 'sync', 'k' || ?, 'queued', 0, 1, 1, 1, 'paced')`,
    );
    for (const id of [vancouver, noProvince]) job.run(id, id);
    old.close();

    const db = openDatabase(file, { migrationsDir: migrationsThrough('_place_again_provinces', tempDir()) }).$client;
    const source = (id: number) => db.prepare(`SELECT time_zone_source FROM leads WHERE id = ?`).pluck().get(id);
    const gate = (id: number) => db.prepare(`SELECT send_gate FROM sync_jobs WHERE lead_id = ?`).pluck().get(id);
    expect([source(vancouver), gate(vancouver)]).toEqual([null, 'unplaced']);
    expect([source(noProvince), gate(noProvince)]).toEqual(['phone', 'paced']);
    expect(source(sent)).toBe('phone');
    new LeadPlacement(db).placeChunk(await loadZipDirectory());
    expect(db.prepare(`SELECT time_zone AS zone, time_zone_source AS source FROM leads WHERE id = ?`).get(vancouver)).toEqual({ zone: 'America/Vancouver', source: 'state' });
    db.close();
  });
});
