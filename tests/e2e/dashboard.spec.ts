import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { leadStatusLabels as statusLabels } from '../../shared/lead-status-labels';
import { expect, screenshot, test } from './harness';

const people = [
  { firstName: 'Alice', lastName: 'Shingle', phone: '(303) 201-0001', email: 'alice@example.com', city: 'Denver' },
  { firstName: 'Bob', lastName: 'Gutter', phone: '303.201.0002', email: 'bob@example.com', city: 'Boulder' },
  { firstName: 'Carla', lastName: 'Ridge', phone: '303-201-0003', email: 'carla@example.com', city: 'Aurora' },
  { firstName: 'Dan', lastName: 'Flashing', phone: '3032010004', email: 'dan@example.com', city: 'Golden', doNotContact: true },
];

/** Seeds through the same window.api the pages use, so the test exercises the real channels. */
async function seed(page: Page) {
  return page.evaluate(async (leads) => {
    const company = await window.api.companies.create({ name: 'Summit Roofing', ghlLocationId: 'locSummit42' });
    if (!company.ok) throw new Error(company.error.message);
    const other = await window.api.companies.create({ name: 'Valley Roofs', ghlLocationId: 'locValley07' });
    if (!other.ok) throw new Error(other.error.message);
    for (const lead of leads) {
      const created = await window.api.leads.create({ companyId: company.value.id, ...lead });
      if (!created.ok) throw new Error(created.error.message);
    }
    const extra = await window.api.leads.create({ companyId: other.value.id, firstName: 'Eve', lastName: 'Valley', phone: '720-301-0005' });
    if (!extra.ok) throw new Error(extra.error.message);
    return company.value.id;
  }, people);
}

test('dashboard counts match the summary; the lead browser lists, searches and opens leads', async ({ page, harness }) => {
  await page.goto(harness.url);
  // The dashboard is the home page.
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await seed(page);

  // Counts can move while the runner works; compare until the page and main agree.
  await expect(async () => {
    const summary = await page.evaluate(async () => {
      const result = await window.api.dashboard.overview(undefined);
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    });
    const total = Object.values(summary.totals).reduce((sum, n) => sum + n, 0);
    expect(total).toBe(5);
    for (const [status, label] of Object.entries(statusLabels)) {
      const n = summary.totals[status as keyof typeof statusLabels] ?? 0;
      await expect(page.getByRole('group', { name: `${label}: ${n.toLocaleString()}`, exact: true })).toBeVisible({ timeout: 1_000 });
    }
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole('table', { name: 'Company progress' }).getByRole('row', { name: /Summit Roofing/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Company progress' }).getByRole('row', { name: /Valley Roofs/ })).toBeVisible();
  await screenshot(page, 'dashboard');

  // The company selector narrows the cards to one company.
  await page.getByRole('combobox', { name: 'Company' }).click();
  await page.getByRole('option', { name: 'Valley Roofs' }).click();
  await expect(page.getByRole('table', { name: 'Company progress' }).getByRole('row', { name: /Summit Roofing/ })).toHaveCount(0);

  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  const table = page.getByRole('table', { name: 'Leads' });
  await expect(table.getByRole('row', { name: /Alice Shingle/ })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: '@' }).or(table.getByRole('row', { name: /Eve Valley/ }))).toHaveCount(5);
  // Neither company has a key: a waiting lead reads "No API key", not "Waiting to send" (nothing sends it).
  await expect(table.getByRole('row').filter({ hasText: 'No API key' }).first()).toBeVisible();
  expect(await table.getByRole('row').filter({ hasText: 'Waiting to send' }).count()).toBe(0);
  await screenshot(page, 'lead-browser');

  // Search is by name, phone or email.
  await page.getByLabel('Search').fill('carla@');
  await expect(table.getByRole('row', { name: /Carla Ridge/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /Alice Shingle/ })).toHaveCount(0);
  await page.getByLabel('Search').fill('201-0002');
  await expect(table.getByRole('row', { name: /Bob Gutter/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /Carla Ridge/ })).toHaveCount(0);
  await page.getByLabel('Search').fill('');

  // Filter by status: the do-not-contact lead only.
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Do not contact' }).click();
  await expect(table.getByRole('row', { name: /Dan Flashing/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /Alice Shingle/ })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Do not contact' }).click(); // deselects

  await table.getByRole('row', { name: /Alice Shingle/ }).click();
  const drawer = page.getByRole('dialog', { name: 'Alice Shingle' });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText('alice@example.com')).toBeVisible();
  await expect(drawer.getByRole('heading', { name: 'Sync attempts' })).toBeVisible();
  await expect(page).toHaveURL(/#\/leads\/\d+/);
  await screenshot(page, 'lead-detail');
  // One clock in the app: times read like the sending windows beside them ("10:00–19:00"), never "8:00 PM".
  // Every event's time names its zone (this computer's): beside the plan's company zones, a bare time was ambiguous.
  await expect(drawer.getByText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} [A-Z+\-0-9]{2,}$/).first()).toBeVisible();
  await expect(drawer).not.toContainText(/\d\s(AM|PM)\b/);

  await expect(drawer.getByTestId('lead-no-phone')).toHaveCount(0);

  // Marked do-not-contact in one click; lifting the mark (textable again) asks first, and "Keep" keeps it.
  await drawer.getByRole('button', { name: 'Mark do-not-contact' }).click();
  await drawer.getByRole('button', { name: 'Allow contact' }).click();
  const allow = page.getByRole('dialog', { name: 'Allow texts to Alice Shingle again?' });
  await expect(allow).toContainText('Only do this if the customer asked to hear from you again');
  await screenshot(page, 'lead-allow-contact-confirm');
  await allow.getByRole('button', { name: 'Keep do-not-contact' }).click();
  await expect(allow).toHaveCount(0);
  await expect(drawer.getByRole('button', { name: 'Allow contact' })).toBeVisible();
  await drawer.getByRole('button', { name: 'Allow contact' }).click();
  await page.getByRole('dialog', { name: 'Allow texts to Alice Shingle again?' }).getByRole('button', { name: 'Allow contact' }).click();
  await expect(drawer.getByRole('button', { name: 'Mark do-not-contact' })).toBeVisible();

  // The panel survives a reload: the hash names the lead.
  await page.reload();
  await expect(page.getByRole('dialog').getByText('alice@example.com')).toBeVisible();

  // A lead kept for its email alone says, where its status is, that the SMS campaign cannot text it.
  const emailOnly = await page.evaluate(async () => {
    const companies = await window.api.companies.list();
    if (!companies.ok) throw new Error(companies.error.message);
    const created = await window.api.leads.create({ companyId: companies.value[0]!.id, firstName: 'Fay', lastName: 'Black', email: 'fay.black@example.com' });
    if (!created.ok) throw new Error(created.error.message);
    return created.value.id;
  });
  await page.goto(`${harness.url.split('#')[0]}#/leads/${emailOnly}`);
  await expect(page.getByRole('dialog', { name: 'Fay Black' }).getByTestId('lead-no-phone')).toHaveText(
    'No phone number: this lead goes to GHL with its email, but the SMS campaign cannot text it.',
  );

  // A do-not-contact lead was "Sent to GHL: Not yet", as if it would still go.
  await page.keyboard.press('Escape');
  // The closing panel's overlay takes a click meant for the table until it is gone.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await table.getByRole('row', { name: /Dan Flashing/ }).click();
  await expect(page.getByRole('dialog', { name: 'Dan Flashing' })).toContainText('Sent to GHLNo: do not contact');
});

// GHL's daily limit holds a company and lifts by itself the next day, and sending resumes with it. The office could
// not pause such a company from the dashboard (no Pause beside "Daily limit reached"); and a pause recorded then was
// dropped (the company has one pause reason).
test('a company held by GHL’s daily limit can be paused, and the pause outlives the limit', async ({ page, harness }) => {
  await page.goto(harness.url);
  const companyId = await page.evaluate(async () => {
    const sandbox = await window.api.app.startSandbox();
    if (!sandbox.ok) throw new Error(sandbox.error.message);
    return sandbox.value.company.id;
  });
  // As the sync records GHL's daily limit (until tomorrow), before the lead is typed in.
  const db = new Database(join(harness.dataDir, 'leads.sqlite'));
  db.prepare(`UPDATE companies SET sync_paused_reason = 'daily-limit', sync_paused_until = ? WHERE id = ?`).run(Date.now() + 86_400_000, companyId);
  await page.evaluate(async (id) => {
    const lead = await window.api.leads.create({ companyId: id, firstName: 'Ann', lastName: 'Lee', phone: '(303) 201-0099' });
    if (!lead.ok) throw new Error(lead.error.message);
  }, companyId);
  const row = page.getByRole('table', { name: 'Company progress' }).getByRole('row', { name: /Demo Roofing/ });
  await expect(row).toContainText('Daily limit reached');
  await row.getByRole('button', { name: /^Pause sending for / }).click();
  await expect(row).toContainText('Paused');
  // The limit's day comes: the office's pause stays.
  db.prepare(`UPDATE companies SET sync_paused_until = ? WHERE id = ?`).run(Date.now() - 1, companyId);
  expect(db.prepare('SELECT sync_paused_reason AS reason FROM companies WHERE id = ?').get(companyId)).toEqual({ reason: 'user' });
  db.close();
});
