/**
 * The zips-from-notes migration (…_zips_from_notes.sql): a ZIP cell the import could not read was dropped to the notes,
 * and a lead with no state placed by its phone as certain (a Seattle ZIP "98101 1234", a New York mobile: texted at 05:00
 * at home). Leads still to be sent get the ZIP back from their notes and are placed again: by it now.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { LeadPlacement } from '../../../electron/core/leads/lead-placement';
import { loadZipDirectory } from '../../../electron/pacing/zip-directory';
import { migrationsThrough, oldDatabaseWithCompany } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the zips-from-notes migration', () => {
  const tempDir = useTempDirs();

  it('gives the leads still to be sent the ZIP their notes kept, places them again, and leaves the others', async () => {
    const { file, old, nextPhone } = oldDatabaseWithCompany('_zips_from_notes', tempDir);
    const lead = old.prepare(
      `INSERT INTO leads (company_id, phone, notes, status, enrolled_at, time_zone, time_zone_source, created_at, updated_at)
       VALUES (1, @phone, @notes, @status, @enrolledAt, 'America/New_York', 'phone', 1, 1)`,
    );
    const add = (values: { notes?: string; status?: string; enrolledAt?: number | null }) =>
      Number(lead.run({ phone: nextPhone(), notes: 'Roof 2019\nZIP (not understood): 98101 1234\nGate code 4411', status: 'queued', enrolledAt: null, ...values }).lastInsertRowid);
    const seattle = add({});
    const last = add({ notes: 'ZIP (not understood): 99501-' });
    const sent = add({ status: 'synced', enrolledAt: 5 });
    const none = add({ notes: 'Roof 2019' });
    old.close();

    const db = openDatabase(file, { migrationsDir: migrationsThrough('_zips_from_notes', tempDir()) }).$client;
    const row = (id: number) => db.prepare(`SELECT postal_code AS zip, time_zone_source AS source FROM leads WHERE id = ?`).get(id);
    expect(row(seattle)).toEqual({ zip: '98101 1234', source: null });
    expect(row(last)).toEqual({ zip: '99501-', source: null });
    expect(row(sent)).toEqual({ zip: null, source: 'phone' });
    expect(row(none)).toEqual({ zip: null, source: 'phone' });
    new LeadPlacement(db).placeChunk(await loadZipDirectory());
    expect(db.prepare(`SELECT time_zone AS zone, time_zone_source AS source FROM leads WHERE id = ?`).get(seattle)).toEqual({ zone: 'America/Los_Angeles', source: 'zip' });
    // Unread still: not placed by the phone as certain.
    expect(db.prepare(`SELECT time_zone_source AS source FROM leads WHERE id = ?`).get(last)).toEqual({ source: 'unknown' });
    db.close();
  });
});
