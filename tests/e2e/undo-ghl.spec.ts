import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startGhlSimulator, type GhlSimulator } from '../../electron/ghl-sandbox/server';
import { expect, screenshot, test } from './harness';
import { importThroughWizard } from './wizard';

test.use({ viewport: { width: 1366, height: 768 } });

const LOCATION = 'locUndoGhlAAAAAAAAAAA';
const TOKEN = 'pit-undo-ghl-token-0123456789';

/** Ann asked not to be contacted (never sent); Cal and Dee are new to GHL; Eve was a GHL contact before. */
const CSV = `First Name,Last Name,Phone,Email,DNC
Ann,Able,(512) 555-0101,ann@roofmail.net,yes
Cal,Cole,(512) 555-0103,cal@roofmail.net,no
Dee,Dunn,(512) 555-0104,dee@roofmail.net,no
Eve,Existing,(512) 555-0105,eve@roofmail.net,no
`;

let sim: GhlSimulator;
test.beforeEach(async () => {
  sim = await startGhlSimulator({ locations: [{ id: LOCATION, name: 'Undo Roofing', token: TOKEN, allowDuplicateContact: false }], seed: 3 });
});
test.afterEach(async () => {
  await sim.close();
});

/** Undo Roofing, on the simulator, with its key: the company of every test here. */
async function addUndoRoofing(page: Page): Promise<number> {
  return page.evaluate(
    async ({ url, location, token }) => {
      const company = await window.api.companies.create({ name: 'Undo Roofing', ghlLocationId: location, ghlBaseUrl: url });
      if (!company.ok) throw new Error(company.error.message);
      const key = await window.api.companies.setKey({ id: company.value.id, apiKey: token });
      if (!key.ok) throw new Error(key.error.message);
      return company.value.id;
    },
    { url: sim.url, location: LOCATION, token: TOKEN },
  );
}

test('undo says what it will do, deletes in GHL only the contacts the import created after a typed confirmation, and the result downloads', async ({ page, harness }) => {
  const eveBefore = sim.state.createContact(LOCATION, { firstName: 'Eve', email: 'eve@roofmail.net', phone: '+15125550105' });
  await page.goto(harness.url);
  await addUndoRoofing(page);

  await importThroughWizard(page, { company: 'Undo Roofing', name: 'spring-mailer.csv', csv: CSV });

  // The sync sends Cal, Dee and Eve (GHL creates Cal and Dee, and matches Eve's existing contact).
  await expect
    .poll(() => sim.requests().filter((r) => r.operationId === 'upsert-contact' && r.status === 200).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(3);
  await expect
    .poll(async () => page.evaluate(async () => (await window.api.imports.list({ limit: 5 })).ok), { timeout: 5_000 })
    .toBe(true);
  // Once they have gone, the summary says so (the "3 leads queued" line used to vanish without a word).
  await expect(page.getByTestId('import-when')).toHaveText('None of this file’s leads wait to be sent any more. See how each went', { timeout: 30_000 });

  await page.getByRole('link', { name: 'See all imports' }).click();
  const batchRow = page.getByRole('table', { name: 'Import batches' }).getByRole('row', { name: /spring-mailer\.csv/ });
  await batchRow.getByRole('button', { name: 'Undo import' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('undo-plan-created')).toContainText('2', { timeout: 15_000 });
  await expect(dialog.getByTestId('undo-plan-app')).toContainText('1');
  await expect(dialog.getByTestId('undo-plan-existed')).toContainText('1');
  // The 3 that went are in the campaign in GHL: undo here does not stop their texts, and the dialog says so.
  await expect(dialog.getByTestId('undo-in-campaign')).toContainText('Undo does not stop texts: 3 leads already went to GoHighLevel');
  await screenshot(page, 'undo-1-plan');

  await dialog.getByRole('checkbox', { name: /Also delete in GoHighLevel the 2 contacts/ }).check();
  await expect(dialog).toContainText('restorable for about 60 days');
  const confirmButton = dialog.getByRole('button', { name: 'Undo import and delete 2 in GoHighLevel' });
  await expect(confirmButton).toBeDisabled();
  await dialog.getByRole('textbox', { name: /Type 2 or DELETE/ }).fill('3');
  await expect(confirmButton).toBeDisabled();
  await dialog.getByRole('textbox', { name: /Type 2 or DELETE/ }).fill('2');
  await screenshot(page, 'undo-2-confirm');
  await confirmButton.click();

  await expect(page.getByTestId('undo-summary')).toContainText('2 contacts deleted in GoHighLevel');
  await expect(page.getByTestId('undo-summary')).toContainText('1 lead not in GoHighLevel removed from the app');
  await screenshot(page, 'undo-3-result');
  expect(sim.deletedContacts(LOCATION).map((c) => c.firstName).sort()).toEqual(['Cal', 'Dee']);
  expect(sim.contacts(LOCATION).map((c) => c.id)).toEqual([eveBefore.id]);

  const downloaded = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /Download what happened to each lead \(4\)/ }).click();
  const file = readFileSync((await (await downloaded).path())!, 'utf8');
  expect(file).toContain('Deleted in GHL and removed from the app');
  expect(file).toMatch(/Eve,Existing,.*Kept: the contact existed in GHL before this import/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  // Eve stays: the history says the undo was partial ("Undone" beside "Imported 3" read as all gone).
  await expect(batchRow).toContainText('Partly undone');
  await expect(batchRow.getByTestId('kept-after-undo')).toHaveText('1 lead kept: already sent to GHL');
});

test('offline mid-way: undo says what was not deleted, and a second undo finishes', async ({ page, harness }) => {
  await page.goto(harness.url);
  await addUndoRoofing(page);
  await importThroughWizard(page, { company: 'Undo Roofing', name: 'spring-mailer.csv', csv: CSV });
  await expect.poll(() => sim.contacts(LOCATION).length, { timeout: 30_000 }).toBe(3);

  await page.getByRole('link', { name: 'See all imports' }).click();
  const batchRow = page.getByRole('table', { name: 'Import batches' }).getByRole('row', { name: /spring-mailer\.csv/ });
  await batchRow.getByRole('button', { name: 'Undo import' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('undo-plan-created')).toContainText('3', { timeout: 15_000 });
  await dialog.getByRole('checkbox', { name: /Also delete in GoHighLevel the 3 contacts/ }).check();
  await dialog.getByRole('textbox', { name: /Type 3 or DELETE/ }).fill('DELETE');
  // The office internet drops just before the click: nothing can be deleted, the rest of undo still happens.
  await sim.setOffline(true);
  await dialog.getByRole('button', { name: 'Undo import and delete 3 in GoHighLevel' }).click();
  const stopped = dialog.getByRole('alert', { name: 'Deleting in GoHighLevel stopped' });
  await expect(stopped).toContainText('Cannot reach GoHighLevel');
  await expect(stopped).toContainText('3 contacts not deleted yet');
  // Kept because their delete stopped, not only because "contacts that were in GoHighLevel before" are never deleted; phones as the office writes them.
  await expect(dialog).toContainText('a contact that could not be deleted there keeps its lead');
  await expect(dialog.getByRole('list', { name: 'Leads kept because they are in GoHighLevel' })).toContainText(/\(\d{3}\) \d{3}-\d{4}/);
  await screenshot(page, 'undo-4-stopped-offline');
  await dialog.getByRole('button', { name: 'Done' }).click();

  await sim.setOffline(false);
  await batchRow.getByRole('button', { name: 'Undo import' }).click();
  await expect(dialog.getByTestId('undo-plan-created')).toContainText('3', { timeout: 15_000 });
  await dialog.getByRole('checkbox', { name: /Also delete in GoHighLevel the 3 contacts/ }).check();
  await dialog.getByRole('textbox', { name: /Type 3 or DELETE/ }).fill('3');
  await dialog.getByRole('button', { name: 'Undo import and delete 3 in GoHighLevel' }).click();
  await expect(page.getByTestId('undo-summary')).toContainText('3 contacts deleted in GoHighLevel');
  expect(sim.deletedContacts(LOCATION)).toHaveLength(3);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(batchRow).toContainText('Undone');
  await expect(batchRow.getByTestId('kept-after-undo')).toHaveCount(0);
});

// GHL took the upsert and every answer was lost: the app has no contact id, but GHL may have the contact.
// Undo used to remove such a lead as "only in this app"; it now keeps it, says why, and sends it no more.
test('a lead whose upsert got no answer is kept by undo, said to be maybe in GHL, and held back until the office sends it again', async ({ page, harness }) => {
  sim.failNext('upsert-contact', '5xx-after-work', 1_000);
  await page.goto(harness.url);
  const companyId = await addUndoRoofing(page);
  const csv = 'First Name,Last Name,Phone\nGus,Gray,(512) 555-0107\nHal,Hunt,(512) 555-0108\n';
  await importThroughWizard(page, { company: 'Undo Roofing', name: 'fall-mailer.csv', csv });
  // Both upserts went (GHL made both contacts) and no answer came back; the office pauses sending.
  await expect.poll(() => sim.contacts(LOCATION).length, { timeout: 30_000 }).toBe(2);
  await page.evaluate(async (id) => {
    const paused = await window.api.sync.pause({ companyId: id });
    if (!paused.ok) throw new Error(paused.error.message);
  }, companyId);
  const batchId = await page.evaluate(async () => {
    const list = await window.api.imports.list({ limit: 1 });
    if (!list.ok) throw new Error(list.error.message);
    return list.value[0]!.id;
  });
  await expect
    .poll(async () => page.evaluate(async (id) => {
      const plan = await window.api.imports.undoPlan({ batchId: id });
      return plan.ok ? [plan.value.appOnly, plan.value.mayBeInGhl, plan.value.sendingNow] : plan.error.message;
    }, batchId), { timeout: 30_000 })
    .toEqual([0, 2, 0]);

  await page.getByRole('link', { name: 'See all imports' }).click();
  const batchRow = page.getByRole('table', { name: 'Import batches' }).getByRole('row', { name: /fall-mailer\.csv/ });
  await batchRow.getByRole('button', { name: 'Undo import' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('undo-plan-unanswered')).toContainText('Sent to GoHighLevel, but no answer came back', { timeout: 15_000 });
  await expect(dialog.getByTestId('undo-plan-unanswered')).toContainText('2');
  // Held back, not "not sent again": Send to GHL on the import sends them (below).
  await expect(dialog.getByTestId('undo-plan-unanswered')).toContainText('nothing more goes unless you press Send to GHL');
  await expect(dialog.getByTestId('undo-plan-app')).toContainText('0');
  // The warning says "may", as the table does (it said "2 leads already went to GoHighLevel").
  await expect(dialog.getByTestId('undo-in-campaign')).toContainText('Undo may not stop texts: 2 leads may already be in GoHighLevel');
  await screenshot(page, 'undo-5-plan-no-answer');
  await dialog.getByRole('button', { name: 'Undo import' }).click();
  await expect(page.getByTestId('undo-summary')).toContainText('2 kept leads not in the campaign yet will not be sent any further');
  await expect(dialog).toContainText('Sending stopped; no lead removed');
  await expect(dialog).toContainText('These leads are in GoHighLevel, or may be (sent, with no answer from GoHighLevel yet)');
  await screenshot(page, 'undo-6-result-no-answer');
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Kept, and nothing of theirs is sent again when sending resumes.
  sim.clearFaults();
  const before = sim.requests().length;
  await page.evaluate(async (id) => {
    const resumed = await window.api.sync.resume({ companyId: id });
    if (!resumed.ok) throw new Error(resumed.error.message);
  }, companyId);
  await page.waitForTimeout(1_500);
  expect(sim.requests().slice(before).filter((r) => r.operationId !== 'get-location').map((r) => r.operationId)).toEqual([]);
  // They can be sent again on purpose.
  await expect(batchRow.getByRole('button', { name: 'Send 2 to GHL' })).toBeVisible();
});
