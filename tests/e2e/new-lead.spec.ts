import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './harness';

async function createCompany(page: Page, name: string): Promise<void> {
  const result = await page.evaluate((companyName) => window.api.companies.create({ name: companyName, ghlLocationId: 'locNewLead1' }), name);
  expect(result.ok).toBe(true);
}

test('new lead: validate, save and queue, then warn about the same phone on a second lead', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createCompany(page, 'Summit Roofing');
  await page.getByRole('link', { name: 'New lead' }).click();

  const form = page.getByRole('form', { name: 'New lead' });
  // The only company is chosen for the user.
  await expect(form.getByRole('combobox', { name: 'Company' })).toHaveValue('Summit Roofing');

  // Checked in the renderer before anything is sent.
  await form.getByRole('button', { name: 'Save lead' }).click();
  await expect(form.getByText('Enter a phone or an email')).toBeVisible();

  await form.getByLabel('First name').fill('María');
  await form.getByLabel('Last name').fill('Muñoz');
  await form.getByLabel('Phone').fill('(512) 555-0143');
  await form.getByLabel('Email').fill('maria@example.com');
  await form.getByLabel('City').fill('San Antonio');
  await form.getByLabel('State').fill('TX');
  await form.getByLabel('Last service date').fill('2019-06-14');
  await expect(form.getByLabel('Country')).toHaveValue('US');
  await form.getByRole('button', { name: 'Save lead' }).click();

  const saved = page.getByTestId('lead-saved');
  // No key yet: it is queued, but nothing sends it (a green "queued for sync" said otherwise).
  await expect(saved).toContainText('Saved, but not sent: Summit Roofing has no GHL API key');
  await expect(saved).toContainText('It waits until the key is added on the Companies page.');
  await expect(saved).toContainText('(512) 555-0143');
  await expect(form.getByLabel('First name')).toHaveValue('');
  await screenshot(page, 'new-lead-saved');

  // Same phone in another format: main normalises it and the live check names the existing lead.
  await form.getByLabel('First name').fill('Maria');
  // The last lead's notice goes once the next one is being typed.
  await expect(saved).toHaveCount(0);
  await form.getByLabel('Phone').fill('512.555.0143');
  const warning = page.getByTestId('duplicate-warning');
  await expect(warning).toBeVisible();
  const link = warning.getByRole('link', { name: 'María Muñoz' });
  await expect(link).toHaveAttribute('href', /^#\/leads\/\d+$/);
  await expect(warning).toContainText('already has the phone (512) 555-0143.');
  await expect(warning).toContainText('A lead with this phone number already exists');
  await screenshot(page, 'new-lead-duplicate');

  // "This lead cannot be saved with it": Save cannot be pressed meanwhile (a review: it could, beside "Saving will be
  // refused"). Main refuses a duplicate all the same (leads:create), should the check not have answered yet.
  await expect(form.getByRole('button', { name: 'Save lead' })).toBeDisabled();
  await expect(page.getByTestId('lead-saved')).toHaveCount(0);

  // A do-not-contact lead is stored but never queued.
  await form.getByRole('button', { name: 'Clear' }).click();
  await expect(warning).toBeHidden();
  await form.getByLabel('First name').fill('Walter');
  await form.getByLabel('Phone').fill('713-482-1937');
  await form.getByLabel(/Do not contact/).check();
  await form.getByRole('button', { name: 'Save lead' }).click();
  await expect(page.getByTestId('lead-saved')).toContainText('Saved as do-not-contact: it is never sent to GHL');
  // Its panel does not promise a send ("Not sent to GHL yet" said one would come).
  await page.getByTestId('lead-saved').getByRole('link', { name: /Walter/ }).click();
  const panel = page.getByRole('dialog', { name: /Walter/ });
  await expect(panel.getByText('Never sent to GHL: the lead is do-not-contact.')).toBeVisible();
  await expect(panel.getByText('Not sent to GHL yet.')).toHaveCount(0);
  await page.goto(`${harness.url.split('#')[0]}#/new-lead`);

  // Not ticked here, but the number is on the office's opt-out list: the notice says why (it said only "do-not-contact").
  const listed = await page.evaluate(() => window.api.optouts.add({ phone: '(713) 482-1938', reason: 'Asked by phone' }));
  expect(listed.ok).toBe(true);
  await form.getByLabel('First name').fill('Vera');
  await form.getByLabel('Phone').fill('713-482-1938');
  await form.getByRole('button', { name: 'Save lead' }).click();
  await expect(page.getByTestId('lead-saved')).toContainText('Saved as do-not-contact: its phone or email is on the office’s opt-out list, so it is never sent to GHL');
});
