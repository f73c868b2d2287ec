/**
 * Migration 0031 (…_own_do_not_contact.sql) on a database with do-not-contact leads: their marks count as
 * their own, so a number stays on the opt-out list rather than come off on a guess when another lead's mark
 * is lifted; leads free to contact have none.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { migrationsBefore } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the own-do-not-contact migration', () => {
  const tempDir = useTempDirs();

  it("counts every do-not-contact mark made before it as the lead's own", () => {
    const file = join(tempDir(), 'leads.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_own_do_not_contact', tempDir()) }).$client;
    old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA', 'http://x', 1, 1)`).run();
    const lead = old.prepare(`INSERT INTO leads (company_id, phone, do_not_contact, status, created_at, updated_at) VALUES (1, ?, ?, ?, 1, 1)`);
    lead.run('+15125550100', 1, 'do-not-contact');
    lead.run('+15125550101', 0, 'queued');
    old.close();

    const db = openDatabase(file).$client;
    expect(db.prepare('SELECT phone, own_do_not_contact AS own FROM leads ORDER BY id').all()).toEqual([
      { phone: '+15125550100', own: 1 },
      { phone: '+15125550101', own: 0 },
    ]);
    db.close();
  });
});
