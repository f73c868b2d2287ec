import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { migrationsBefore } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

const migrationsDir = join(__dirname, '../../../db/migrations');

describe('migration 0011 (schedule, opt-outs) on an existing database', () => {
  const tempDir = useTempDirs();

  it("gives a company without a tag the month's tag it was sending, fixed from now on; puts its do-not-contact leads on the opt-out list", () => {
    const file = join(tempDir(), 'old.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore('_schedule_optouts', tempDir()) }).$client;
    const now = Date.now();
    old.prepare(`INSERT INTO companies (id, name, ghl_location_id, ghl_base_url, enrol_tag, created_at, updated_at) VALUES (1, 'No tag', 'locA', 'https://x', NULL, ?, ?), (2, 'Tagged', 'locB', 'https://x', 'storm', ?, ?)`).run(now, now, now, now);
    old.prepare(`INSERT INTO leads (company_id, phone, email, email_key, do_not_contact, status, created_at, updated_at) VALUES
      (1, '+15125550142', NULL, NULL, 1, 'do-not-contact', ?, ?), (2, '+15125550199', 'Dnd@Example.com', 'dnd@example.com', 0, 'dnd', ?, ?), (2, '+15125550100', NULL, NULL, 0, 'queued', ?, ?)`).run(now, now, now, now, now, now);
    old.close();

    // The migration's clock is SQLite's local time, like the monthly tag it replaces.
    const client = openDatabase(file, { migrationsDir }).$client;
    const month = client.prepare(`SELECT strftime('%Y-%m', 'now', 'localtime')`).pluck().get();
    expect(client.prepare('SELECT name, enrol_tag AS tag FROM companies ORDER BY id').all()).toEqual([
      { name: 'No tag', tag: `reactivation-${month}` },
      { name: 'Tagged', tag: 'storm' },
    ]);
    expect(client.prepare('SELECT value, source, company_id AS companyId FROM opt_outs ORDER BY value').all()).toEqual([
      { value: '+15125550142', source: 'lead-dnc', companyId: 1 },
      { value: '+15125550199', source: 'ghl-dnd', companyId: 2 },
      { value: 'dnd@example.com', source: 'ghl-dnd', companyId: 2 },
    ]);
    client.close();
  });
});
