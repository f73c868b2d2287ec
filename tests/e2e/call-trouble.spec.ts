/**
 * GHL answers contacts but fails every tag call (an incident at GHL): no lead fails, the connection is up, and the
 * dashboard said "Sending" with leads waiting and nothing going. It now names the calls that fail, says the internet
 * is fine, and that the leads wait; once GHL answers, the alert goes and the leads are sent.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startGhlSimulator, type GhlSimulator } from '../../electron/ghl-sandbox/server';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './harness';

const LOCATION = 'locTagTroubleAAAAAAAA';
const TOKEN = 'pit-tag-trouble-token-0123456789';
const LEADS = 8;

test.use({ viewport: { width: 1366, height: 768 } });

let sim: GhlSimulator;

/** Summit Roofing with its key (on the simulator) and LEADS leads queued; its id. */
async function addCompanyWithLeads(page: Page, lastName: string): Promise<number> {
  return page.evaluate(
    async ({ url, location, token, count, lastName }) => {
      const company = await window.api.companies.create({ name: 'Summit Roofing', ghlLocationId: location, ghlBaseUrl: url });
      if (!company.ok) throw new Error(company.error.message);
      const key = await window.api.companies.setKey({ id: company.value.id, apiKey: token });
      if (!key.ok) throw new Error(key.error.message);
      for (let i = 0; i < count; i++) {
        const lead = await window.api.leads.create({ companyId: company.value.id, firstName: `Lead${i}`, lastName, phone: `(303) 555-${String(2000 + i)}` });
        if (!lead.ok) throw new Error(lead.error.message);
      }
      return company.value.id;
    },
    { url: sim.url, location: LOCATION, token: TOKEN, count: LEADS, lastName },
  );
}
test.beforeEach(async () => {
  sim = await startGhlSimulator({ locations: [{ id: LOCATION, name: 'Summit Roofing', token: TOKEN, allowDuplicateContact: false }], seed: 5 });
});
test.afterEach(async () => {
  await sim.close();
});

test.describe('with short retry pauses', () => {
  // At the defaults a tag call GHL answered with an error waits a minute to settle (3 × the 20 s request timeout: it
  // may have tagged), then its retry: the alert's going waited for that (the test took 66 s). Many tries, so that
  // no lead fails while the test looks at the alert.
  test.use({ harnessEnv: { RLM_SYNC_TUNING: JSON.stringify({ requestTimeoutMs: 2_000, retryBaseMs: 2_000, retryCapMs: 4_000, maxAttempts: 100 }) } });

  test('GHL failing every tag call: the dashboard names it and what it costs, and the alert goes once GHL answers', async ({ page, harness }) => {
    // Every tag call answers 503, bulk or one contact's.
    sim.addFaultRule({ route: 'create-association', kind: '5xx', probability: 1 });
    sim.addFaultRule({ route: 'add-tags', kind: '5xx', probability: 1 });
    await page.goto(harness.url);
    await addCompanyWithLeads(page, 'Tag');

    const alert = page.getByRole('alert', { name: 'GoHighLevel fails to add the campaign tag that starts the texts' });
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await expect(alert).toContainText('your internet is fine');
    // A 503 is an answer: each uses one of a lead's tries, and the alert says so.
    await expect(alert).toContainText('tried again by themselves');
    await expect(alert).toContainText('listed in Failed leads');
    // The contacts went (the other calls answer), the tags did not, and nothing is called failed.
    expect(sim.contacts(LOCATION)).toHaveLength(LEADS);
    await expect(page.getByRole('group', { name: 'Failed: 0', exact: true })).toBeVisible();
    // Nothing goes: the card says it waits for GHL ("About to send" stood under the alert), and promises no day;
    // nor does the plan say "sending now".
    const card = page.getByLabel('Sync progress', { exact: true });
    await expect(card).toContainText('Waiting for GHL');
    await expect(card).not.toContainText('About to send');
    await expect(page.getByLabel(/^Done by: /)).toHaveAttribute('aria-label', 'Done by: When GHL answers');
    const plan = page.getByRole('region', { name: 'Sending plan' });
    await expect(plan).toContainText('Waiting for GoHighLevel — some of its calls keep failing');
    await expect(plan).not.toContainText('sending now');
    // A tag call GHL answered with an error may still have tagged the contact (and started the campaign): those count
    // against the cap, and the plan says why its "N of 100 today" stands beside "Sent today 0".
    await expect(plan.getByTestId('plan-unanswered')).toContainText('without a clear answer from GHL: counted in case they were texted');
    await screenshot(page, 'dashboard-call-trouble');

    // GHL answers again: the leads go when their retry comes, and the alert goes with the first tag call answered.
    sim.clearFaults();
    await expect(alert).toBeHidden({ timeout: 90_000 });
  });
});

// GHL answering every call with "Too Many Requests" (another app using the location's limit): a 429 uses none of a lead's
// tries, so nothing failed either, and the dashboard said "Sending" with leads waiting and nothing going.
test('GHL turning every call away with 429s: the dashboard says it asks the app to slow down, and the alert goes once calls go', async ({ page, harness }) => {
  // Every call the sync makes (the key's check reads, and goes).
  sim.addFaultRule({ route: /^POST /, kind: '429', probability: 1, retryAfterSec: 2 });
  await page.goto(harness.url);
  const companyId = await addCompanyWithLeads(page, 'Limit');
  // The 429s began a minute and a half ago: a rate limit is said once it has lasted a minute, which this test need not wait for.
  const db = new Database(join(harness.dataDir, 'leads.sqlite'));
  try {
    db.prepare(
      `INSERT INTO sync_attempts (job_id, lead_id, company_id, operation, http_status, error_code, message, trace_id, duration_ms, at)
       VALUES (NULL, NULL, ?, 'upsertContact', 429, 'transient', 'Too Many Requests', NULL, 5, ?)`,
    ).run(companyId, Date.now() - 90_000);
  } finally {
    db.close();
  }

  const alert = page.getByRole('alert', { name: 'GoHighLevel asks the app to slow down (too many requests)' });
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).toContainText('(HTTP 429)');
  await expect(alert).toContainText('calling GoHighLevel with the same key');
  await expect(alert).toContainText('No lead fails for a rate limit');
  await expect(alert).not.toContainText('status page');
  await expect(page.getByRole('group', { name: 'Failed: 0', exact: true })).toBeVisible();
  const card = page.getByLabel('Sync progress', { exact: true });
  await expect(card).toContainText('Waiting for GHL');
  // GHL answers (with 429s): the connection works ("Connection not checked yet" stood while the first call waited).
  await expect(page.getByTestId('connectivity-state')).toHaveText('Online');
  const plan = page.getByRole('region', { name: 'Sending plan' });
  await expect(plan).toContainText('Waiting for GoHighLevel — it asks the app to slow down (too many requests)');
  await expect(plan).not.toContainText('sending now');
  await screenshot(page, 'dashboard-rate-limited');

  // GHL accepts calls again: the leads go, and the alert goes with the first call answered.
  sim.clearFaults();
  await expect(alert).toBeHidden({ timeout: 60_000 });
  expect(sim.contacts(LOCATION)).not.toHaveLength(0);
});
