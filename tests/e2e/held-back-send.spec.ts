/**
 * "Send to GoHighLevel" on a held-back lead's panel (imported with "Queue now" off) sent an empty edit, which
 * leaves a held-back lead where it is: the screen said "Queued to be sent." and nothing was queued.
 */
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './harness';

test.use({ viewport: { width: 1366, height: 768 } });

/** Rosa Diaz imported with "Queue now" off, for a company without a key; answers her lead id once stored. */
async function importHeldBack(page: Page): Promise<number> {
  return page.evaluate(async () => {
    // No key: once queued, the lead waits in the queue, where a test can see it.
    const company = await window.api.companies.create({ name: 'Held Roofing', ghlLocationId: 'locHeld00001' });
    if (!company.ok) throw new Error(company.error.message);
    const csv = 'First Name,Last Name,Phone\nRosa,Diaz,303-555-0177\n';
    const { handle: path } = await window.api.files.handleFor(new File([csv], 'later.csv', { type: 'text/csv' }));
    const inspected = await window.api.imports.inspect({ path, companyId: company.value.id });
    if (!inspected.ok) throw new Error(inspected.error.message);
    const { encoding, delimiter, hasHeader, mapping } = inspected.value;
    const started = await window.api.imports.start({ path, companyId: company.value.id, options: { encoding, delimiter, hasHeader }, mapping, queueSync: false });
    if (!started.ok) throw new Error(started.error.message);
    for (let tries = 0; tries < 200; tries++) {
      const found = await window.api.leads.page({ filters: { companyId: company.value.id }, sort: 'newest', limit: 10 });
      if (found.ok && found.value.rows.length === 1) return found.value.rows[0]!.id;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the import did not finish');
  });
}

test("a held-back lead's Send to GoHighLevel queues it", async ({ page, harness }) => {
  await page.goto(harness.url);
  const leadId = await importHeldBack(page);

  await page.goto(`${harness.url.split('#')[0]}#/leads/${leadId}`);
  const panel = page.getByRole('dialog', { name: 'Rosa Diaz' });
  await expect(panel.getByTestId('lead-status')).toHaveText('New, not queued');
  await panel.getByRole('button', { name: 'Send to GoHighLevel' }).click();
  await expect(page.getByText('Queued to be sent.')).toBeVisible();
  // No key: its badge says so, as its row in the list does (it said "Waiting to send · In line to be sent to GHL").
  await expect(panel.getByTestId('lead-status')).toHaveText('No API key');
  // Nothing goes, so no time is promised (it said "May go now" beside "has no GHL API key").
  await expect(panel.getByText('has no GHL API key')).toBeVisible();
  await expect(panel.getByTestId('lead-turn')).toHaveCount(0);
  // On its way now: no second button to send it ("Send again to GHL" is for a lead already in GHL).
  await expect(panel.getByRole('button', { name: /Send to GoHighLevel|Send again to GHL/ })).toHaveCount(0);
  await screenshot(page, 'lead-held-back-sent');
});

test('a held-back file whose leads no longer wait says "Nothing was queued", not a green "0 leads … will be sent"', async ({ page, harness }) => {
  await page.goto(harness.url);
  await importHeldBack(page);
  await page.reload();
  const send = page.getByRole('button', { name: 'Send 1 lead' });
  await expect(send).toBeEnabled({ timeout: 20_000 });
  // Main counts what it really queued: 0 when another window or `rlm send` queued them first.
  await page.route(/\/api\/imports%3Aqueue$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: { queued: 0 } }) }));
  await send.click();
  await expect(page.getByText('Nothing was queued')).toBeVisible();
  expect(await page.getByText(/0 leads from/).count()).toBe(0);
});
