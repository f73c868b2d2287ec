import Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { expect, screenshot, test } from './harness';

test.use({ viewport: { width: 1366, height: 768 } });

/**
 * `rlm sync --company "Oak Ridge"` takes the runner while the app is open: it sends Oak Ridge's leads only. The app read
 * it as sending everything: the card said "Sending" and the sandbox company's lead "Expected now", with nothing sending them.
 */
test('a sync another program runs for one company only: the others’ leads are said not to be sent', async ({ page, harness }) => {
  await page.goto(harness.url);
  const { oak } = await page.evaluate(async () => {
    const sandbox = await window.api.app.startSandbox();
    if (!sandbox.ok) throw new Error(sandbox.error.message);
    const created = await window.api.companies.create({ name: 'Oak Ridge', ghlLocationId: 'locOakRidge01' });
    if (!created.ok) throw new Error(created.error.message);
    return { oak: created.value.id };
  });
  // The command line takes the runner over for Oak Ridge alone (as its lock row says); the app's runner sees it at its
  // next heartbeat and stops, so that no lead is sent by two programs.
  const db = new Database(join(harness.dataDir, 'leads.sqlite'));
  const holder = () =>
    JSON.stringify({ owner: 'rlm-sync-test', pid: process.pid, host: hostname(), process: 'the command line (rlm sync)', heartbeatAt: Date.now(), isPaused: false, companyIds: [oak] });
  const write = () => db.prepare(`INSERT INTO app_meta (key, value) VALUES ('sync.runner-lock', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(holder());
  try {
    db.pragma('busy_timeout = 5000');
    write();
    await expect
      .poll(async () => page.evaluate(async () => {
        const runner = await window.api.sync.runner();
        return runner.ok ? runner.value.state : 'unread';
      }), { timeout: 15_000 })
      .toBe('stopped');
    await page.evaluate(async () => {
      const companies = await window.api.companies.list();
      if (!companies.ok) throw new Error(companies.error.message);
      const sandbox = companies.value.find((company) => company.name !== 'Oak Ridge')!;
      const lead = await window.api.leads.create({ companyId: sandbox.id, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142' });
      if (!lead.ok) throw new Error(lead.error.message);
    });
    write(); // a fresh heartbeat
    await page.goto(`${harness.url.split('#')[0]}#/`);
    const card = page.getByRole('region', { name: 'Sync progress' }).or(page.getByLabel('Sync progress'));
    await expect(card.getByTestId('runner-state')).toHaveText('Stopped');
    await expect(card).toContainText('Sending is run by the command line (rlm sync) on this computer for Oak Ridge only: other companies’ leads wait until it ends and sending runs for every company.');
    // The company's plan says nothing sends it (its lead's panel, once placed: tests/integration/sync/runner-scope.test.ts).
    await expect(page.getByRole('region', { name: 'Sending plan' })).toContainText('Sending is stopped — no lead goes until it is started');
    await screenshot(page, 'dashboard-sync-for-another-company');
    // Filtered to the sandbox company, the card still names the one the sync sends (it said "company #2").
    await page.getByRole('combobox', { name: 'Company' }).click();
    await page.getByRole('option', { name: 'Oak Ridge' }).waitFor();
    await page.getByRole('option').filter({ hasNotText: 'Oak Ridge' }).first().click();
    await expect(card.getByTestId('runner-state')).toHaveText('Stopped');
    await expect(card).toContainText('on this computer for Oak Ridge only: other companies’ leads wait until it ends');
  } finally {
    db.prepare(`DELETE FROM app_meta WHERE key = 'sync.runner-lock'`).run();
    db.close();
  }
});
