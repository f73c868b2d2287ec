import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { expect, screenshot, screenshotDir, test } from './harness';

// The office's laptop screen: what is "above the fold" is judged here.
test.use({ viewport: { width: 1366, height: 768 } });

async function overview(page: Page) {
  return page.evaluate(async () => {
    const result = await window.api.dashboard.overview(undefined);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  });
}

/** The bottom of `name`'s button, in page pixels: above 768 means visible without scrolling. */
async function bottomOf(page: Page, name: string) {
  const box = await page.getByRole('button', { name }).or(page.getByRole('link', { name })).first().boundingBox();
  if (!box) throw new Error(`${name} is not on the page`);
  return box.y + box.height;
}

test('a first start welcomes, above the fold, and leads to a company or the sandbox', async ({ page, harness }) => {
  await page.goto(harness.url);
  const welcome = page.getByRole('region', { name: 'Welcome' });
  await expect(welcome).toBeVisible();
  // No zero cards, no "All sent", no green "Up to date" before there is anything to send.
  await expect(page.getByRole('group', { name: /^Sent to GHL: / })).toHaveCount(0);
  await expect(page.getByText('All sent')).toHaveCount(0);
  await expect(page.getByText('No failed leads')).toHaveCount(0);
  expect(await bottomOf(page, 'Add your company')).toBeLessThanOrEqual(768);
  expect(await bottomOf(page, 'Try with a sandbox')).toBeLessThanOrEqual(768);
  // What the screen shows without scrolling, not the whole page.
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, 'dashboard-first-start.png'), animations: 'disabled' });
  // "Add your company" opens the new company's form, not the list (a review).
  await page.getByRole('link', { name: 'Add your company' }).click();
  await expect(page.getByRole('dialog', { name: 'New company' })).toBeVisible();
  await page.screenshot({ path: join(screenshotDir, 'company-new-from-welcome.png'), animations: 'disabled' });
  await page.goto(harness.url);

  // The sandbox button makes the demo company; the dashboard then shows it, with nothing to send.
  await page.getByRole('button', { name: 'Try with a sandbox' }).click();
  await expect(page.getByRole('table', { name: 'Company progress' }).getByRole('row', { name: /Demo Roofing \(sandbox\)/ })).toBeVisible();
  await expect(welcome).toHaveCount(0);
  // A company without leads: the next step, and no "All sent" for leads that never existed.
  await expect(page.getByRole('region', { name: 'No leads yet' }).getByRole('link', { name: 'Import a spreadsheet' })).toBeVisible();
  await expect(page.getByTestId('runner-state')).toHaveText('No leads yet');
  await expect(page.getByText('All sent')).toHaveCount(0);
  await screenshot(page, 'dashboard-sandbox-empty');

  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  // The Leads page's own words: the dashboard's "No leads yet" heading and badge may still be on
  // screen for a moment while the route changes, and matching them would pass (or be ambiguous) early.
  await expect(page.getByText('No leads yet. Import a spreadsheet of old customers, or type one in.')).toBeVisible();
  await screenshot(page, 'leads-empty');
  await page.getByRole('link', { name: 'Import history', exact: true }).click();
  await expect(page.getByText(/No imports yet/)).toBeVisible();
  await screenshot(page, 'import-history-empty');
});

test('a company without a key is shown first with what to do; held-back leads go when Send is pressed', async ({ page, harness }) => {
  await page.goto(harness.url);
  const ids = await page.evaluate(async () => {
    const sandbox = await window.api.app.startSandbox();
    if (!sandbox.ok) throw new Error(sandbox.error.message);
    const birch = await window.api.companies.create({ name: 'Birch Roofs', ghlLocationId: 'locBirch0001' });
    if (!birch.ok) throw new Error(birch.error.message);
    for (const phone of ['(720) 301-0001', '(720) 301-0002']) {
      const lead = await window.api.leads.create({ companyId: birch.value.id, firstName: 'Birch', lastName: 'Lead', phone });
      if (!lead.ok) throw new Error(lead.error.message);
    }
    // An import with "Queue now" off, through the same channels as the wizard.
    const csv = 'First Name,Last Name,Phone,City\nAna,Peña,303-555-0101,Denver\nJohn,Smith,303-555-0102,Golden\nMaria,Lopez,303-555-0103,Aurora\n';
    const { handle: path } = await window.api.files.handleFor(new File([csv], 'spring-canvass.csv', { type: 'text/csv' }));
    const inspected = await window.api.imports.inspect({ path, companyId: sandbox.value.company.id });
    if (!inspected.ok) throw new Error(inspected.error.message);
    const { encoding, delimiter, hasHeader, mapping } = inspected.value;
    const started = await window.api.imports.start({ path, companyId: sandbox.value.company.id, options: { encoding, delimiter, hasHeader }, mapping, queueSync: false });
    if (!started.ok) throw new Error(started.error.message);
    return { sandbox: sandbox.value.company.id, birch: birch.value.id, batchId: started.value.batchId };
  });

  // The import finishes in its worker; then the dashboard lists its three leads by file name.
  const heldBack = page.getByRole('group', { name: 'spring-canvass.csv: 3 leads' });
  await expect(heldBack).toBeVisible({ timeout: 30_000 });
  const blocked = page.getByRole('alert').filter({ hasText: 'Birch Roofs has no GHL API key' });
  await expect(blocked).toBeVisible();
  await expect(blocked).toContainText('2 leads waiting');
  await expect(blocked).toContainText('Companies page');
  await expect(blocked.getByRole('link', { name: 'Add the API key' })).toHaveAttribute('href', `#/companies/${ids.birch}`);
  // Blocked first: above the held-back list, which is above the cards.
  const y = async (locator: import('@playwright/test').Locator) => (await locator.boundingBox())!.y;
  expect(await y(blocked)).toBeLessThan(await y(heldBack));
  expect(await y(heldBack)).toBeLessThan(await y(page.getByRole('group', { name: /^Sent to GHL: / })));
  // Not "All sent" while leads wait for a key and for Send.
  await expect(page.getByLabel(/^Done by: /)).not.toHaveAttribute('aria-label', 'Done by: All sent');
  // Nor a finished look: the held-back leads are in the bar and beside "Still to go" (it read 0 under a full green bar).
  await expect(page.getByLabel(/^Still to go: /)).toContainText('3 more held back until you press Send');
  await expect(page.getByLabel('Held back until you press Send: 3')).toBeVisible();
  const before = await overview(page);
  expect(before.isAllSent).toBe(false);
  expect(before.heldBackTotal).toBe(3);
  expect(before.blocked.map((b) => [b.company, b.reason])).toEqual([['Birch Roofs', 'no-key']]);
  await screenshot(page, 'dashboard-blocked-and-held-back');

  await heldBack.getByRole('button', { name: 'Send 3 leads' }).click();
  await expect(heldBack).toHaveCount(0);
  const after = await overview(page);
  expect(after.heldBackTotal).toBe(0);
  const sandboxRow = after.companies.find((c) => c.companyId === ids.sandbox)!;
  // Queued, being sent or already in the sandbox GHL: none of the three is held back any more.
  expect(sandboxRow.counts.new).toBe(0);
  expect(sandboxRow.counts.queued + sandboxRow.counts.syncing + sandboxRow.counts.synced).toBe(3);

  // The sandbox sends them; Birch still waits for its key, so the page never says "All sent".
  await expect.poll(async () => (await overview(page)).companies.find((c) => c.companyId === ids.sandbox)!.counts.synced, { timeout: 60_000 }).toBe(3);
  await expect(page.getByRole('group', { name: 'Sent to GHL: 3', exact: true })).toBeVisible();
  await expect(page.getByTestId('runner-state')).toHaveText('Needs you');
  await expect(page.getByLabel(/^Done by: /)).not.toHaveAttribute('aria-label', 'Done by: All sent');
  await screenshot(page, 'dashboard-after-send');

  // Paused too: the key alone would not start sending, so the alert says so and offers Resume beside the key's button.
  await page.evaluate(async (companyId) => {
    const paused = await window.api.sync.pause({ companyId });
    if (!paused.ok) throw new Error(paused.error.message);
  }, ids.birch);
  await expect(blocked).toContainText('also paused');
  await expect(blocked).not.toContainText('starts by itself');
  await expect(blocked.getByRole('link', { name: 'Add the API key' })).toBeVisible();
  // The plan and the companies table say it too (they named the key alone: the office saved it, and nothing went).
  await expect(page.getByTestId('plan-also-paused')).toHaveText(/^Also paused/);
  // The waiting card says none of them can go ("In line to be sent to GHL" beside a company that cannot send).
  await expect(page.getByRole('group', { name: 'Waiting to send: 2' })).toContainText('None can go yet: see what holds them above');
  await expect(page.getByRole('table', { name: 'Company progress' }).getByRole('row', { name: /Birch Roofs/ })).toContainText(/No API key\s*Paused/);
  await screenshot(page, 'dashboard-no-key-and-paused');
  await blocked.getByRole('button', { name: 'Resume' }).click();
  await expect(blocked).toContainText('starts by itself');
  await expect(blocked.getByRole('button', { name: 'Resume' })).toHaveCount(0);

  // All sending paused: an opt-out still reaches GHL, but not Birch's, which has no key to call GHL with (it said so of every company).
  await page.evaluate(async () => {
    const paused = await window.api.sync.pause(undefined);
    if (!paused.ok) throw new Error(paused.error.message);
  });
  const allPaused = page.getByRole('alert', { name: 'Sending is paused' });
  await expect(allPaused).toContainText('still gets do-not-disturb in GHL meanwhile, except at Birch Roofs (it has no API key)');
  // … and the key's alert promises no start by itself: the pause of all sending outlasts the key.
  await expect(blocked).toContainText('Add the key on the Companies page; sending starts once you resume all sending.');
  await screenshot(page, 'dashboard-all-paused-no-key');
  // A Birch lead's panel says the pause holds it too, once the key is saved ("sending then starts by itself" was untrue).
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(join(harness.dataDir, 'leads.sqlite'), { readonly: true });
  const birchLead = db.prepare<[], { id: number }>(`SELECT id FROM leads WHERE first_name = 'Birch' ORDER BY id LIMIT 1`).get()!.id;
  db.close();
  // The harness's URL carries its token in the hash: the lead's link is followed in the page, as a click would.
  await page.evaluate((id) => (window.location.hash = `#/leads/${id}`), birchLead);
  await expect(page.getByRole('dialog').getByRole('alert').filter({ hasText: 'Birch Roofs has no GHL API key' })).toContainText('all sending is paused too: resume it on the Dashboard.');
  await page.evaluate(() => (window.location.hash = '#/dashboard'));
  // It speaks for every company: with the sandbox picked (nothing waits there), it still counts Birch's and names it.
  await page.getByRole('combobox', { name: 'Company' }).click();
  await page.getByRole('option', { name: 'Demo Roofing (sandbox)' }).click();
  await expect(page.getByRole('table', { name: 'Company progress' }).getByRole('row', { name: /Birch Roofs/ })).toHaveCount(0);
  await expect(allPaused).toContainText('until you resume: 2 leads wait');
  await expect(allPaused).toContainText('except at Birch Roofs (it has no API key)');
  await page.getByRole('combobox', { name: 'Company' }).click();
  await page.getByRole('option', { name: 'Demo Roofing (sandbox)' }).click();
  await expect(page.getByRole('combobox', { name: 'Company' })).toHaveValue('');
  await allPaused.getByRole('button', { name: 'Resume sending' }).click();
  await expect(allPaused).toHaveCount(0);

  // "Add the API key" opens Birch's own drawer with the key first, above the fold (it opened the plain list).
  await blocked.getByRole('link', { name: 'Add the API key' }).click();
  const drawer = page.getByRole('dialog', { name: 'Birch Roofs' });
  const keyField = drawer.getByLabel('Paste key');
  await expect(keyField).toBeVisible();
  expect((await keyField.boundingBox())!.y).toBeLessThan(768);
  await screenshot(page, 'companies-add-key-from-dashboard');
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  expect(page.url()).toMatch(/#\/companies$/);
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();

  // Once Birch's leads are out of the way (here: removed), and nothing else waits, it is "All sent" — and not "Sending".
  await page.evaluate(async (companyId) => {
    const removed = await window.api.companies.remove({ id: companyId, force: true });
    if (!removed.ok) throw new Error(removed.error.message);
  }, ids.birch);
  await expect(page.getByTestId('runner-state')).toHaveText('Up to date', { timeout: 10_000 });
  await expect(page.getByLabel('Done by: All sent')).toBeVisible();
  await expect(page.getByLabel('Speed: —')).toBeVisible();
  await screenshot(page, 'dashboard-all-sent');

  // The Leads page picks the import by its file name, not a number.
  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  await page.getByRole('combobox', { name: 'Imported from' }).click();
  await page.getByRole('option', { name: /^spring-canvass\.csv · / }).click();
  const table = page.getByRole('table', { name: 'Leads' });
  for (const name of [/Ana Peña/, /John Smith/, /Maria Lopez/]) await expect(table.getByRole('row', { name })).toBeVisible();
  await expect(page.getByLabel('How many leads')).toContainText('3 leads.');
  await screenshot(page, 'leads-by-file');
});

// Sending that stopped by itself read "Stopped" in gray, like a stop someone asked for, with no word of why.
test('sending that stops by itself (another program took over) says so, with why', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.evaluate(async () => {
    const company = await window.api.companies.create({ name: 'Stop Roofing', ghlLocationId: 'locStop00001' });
    if (!company.ok) throw new Error(company.error.message);
    const lead = await window.api.leads.create({ companyId: company.value.id, firstName: 'Ann', phone: '(512) 555-0142' });
    if (!lead.ok) throw new Error(lead.error.message);
    const started = await window.api.sync.start(undefined);
    if (!started.ok) throw new Error(started.error.message);
  });
  // Another program on this computer takes the runner lock over, as it does from a runner that looked dead.
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(join(harness.dataDir, 'leads.sqlite'));
  const lock = db.prepare<[], { value: string }>(`SELECT value FROM app_meta WHERE key = 'sync.runner-lock'`);
  await expect.poll(() => lock.get() !== undefined).toBe(true);
  db.prepare(`UPDATE app_meta SET value = ? WHERE key = 'sync.runner-lock'`).run(
    JSON.stringify({ owner: 'other', pid: process.pid, host: hostname(), process: 'the command line (rlm sync)', heartbeatAt: Date.now(), isPaused: false }),
  );
  // While that program sends, the card names it (and says nothing of pressing Start).
  await expect(page.getByText(/Sending is run by the command line \(rlm sync\) on this computer: pause or stop it there/)).toBeVisible({ timeout: 15_000 });
  // Whether it sends, and its Pause, above the fold of a 1366×768 screen (they sat ~1,000 px down, under the counts).
  const card = await page.getByLabel('Sync progress').boundingBox();
  expect(card!.y + 60).toBeLessThan(768);
  await expect(page.getByTestId('stopped-by')).toHaveCount(0);
  // This app's runner sees it at its next heartbeat (every 5 s) and stops.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const status = await window.api.sync.status(undefined);
          if (!status.ok) throw new Error(status.error.message);
          return status.value.runner.state;
        }),
      { timeout: 15_000 },
    )
    .toBe('stopped');
  // That program ends: nothing sends now, and the card says why this one stopped.
  db.prepare(`DELETE FROM app_meta WHERE key = 'sync.runner-lock'`).run();
  db.close();
  await expect(page.getByTestId('stopped-by')).toContainText(/^The command line \(rlm sync\) on this computer took over sending.*Nothing is sent until you press Start/, { timeout: 15_000 });
  await expect(page.getByTestId('runner-state')).toHaveText('Stopped');
  await screenshot(page, 'dashboard-stopped-by-itself');
});
