import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startGhlSimulator, type GhlSimulator } from '../../electron/ghl-sandbox/server';
import { expect, screenshot, test } from './harness';

test.use({ viewport: { width: 1366, height: 768 } });

const LOCATION = 'locCustomFieldsAAAAAA';
const TOKEN = 'pit-custom-fields-token-0123456789';
const SHOTS = '/tmp/shots-cf';

/** JobNimbus-shaped: "Insurer" names no field (mapped by hand), "Claim Number" has none in GHL yet (created). */
const CSV = `Display Name,Mobile Phone,Email,Job Type,Insurer,Claim Number
Eve Adams,(512) 555-0101,eve@roofmail.net,Roof replacement,State Farm,CLM-1001
Frank Baker,(512) 555-0102,frank@roofmail.net,Repair,,
`;

let sim: GhlSimulator;
test.beforeEach(async () => {
  sim = await startGhlSimulator({
    locations: [{ id: LOCATION, name: 'Custom Roofing', token: TOKEN, allowDuplicateContact: false, customFields: [{ name: 'Insurance Company' }, { name: 'Roof Age' }] }],
    seed: 5,
  });
});
test.afterEach(async () => {
  await sim.close();
});

async function choose(page: Page, selectLabel: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: selectLabel }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test("a column mapped to an existing GHL custom field and one to a field created from the wizard reach the contact", async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.evaluate(
    async ({ url, location, token }) => {
      const company = await window.api.companies.create({ name: 'Custom Roofing', ghlLocationId: location, ghlBaseUrl: url });
      if (!company.ok) throw new Error(company.error.message);
      const key = await window.api.companies.setKey({ id: company.value.id, apiKey: token });
      if (!key.ok) throw new Error(key.error.message);
    },
    { url: sim.url, location: LOCATION, token: TOKEN },
  );

  await page.getByRole('link', { name: 'Import leads' }).click();
  await expect(page.getByRole('combobox', { name: 'Company' })).toHaveValue('Custom Roofing');
  await page.locator('input[type=file]').setInputFiles({ name: 'jobnimbus.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.getByRole('button', { name: 'Next: match columns' }).click();

  const mapping = page.getByRole('table', { name: 'Column mapping' });
  await expect(mapping.getByRole('combobox', { name: 'Map column Job Type' })).toHaveValue('Job type');
  await expect(mapping.getByRole('combobox', { name: 'Map column Insurer' })).toHaveValue('Ignore this column');
  await choose(page, 'Map column Insurer', 'Insurance Company');
  await expect(mapping.getByRole('combobox', { name: 'Map column Insurer' })).toHaveValue('Insurance Company');

  await choose(page, 'Map column Claim Number', '+ Create text field “Claim Number” in GHL…');
  const dialog = page.getByRole('dialog', { name: 'Create a custom field in GHL?' });
  await expect(dialog).toContainText(`Custom Roofing’s GHL location (${LOCATION})`);
  await expect(dialog.getByRole('textbox', { name: 'Field name' })).toHaveValue('Claim Number');
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/create-dialog.png`, animations: 'disabled' });
  expect(sim.customFields(LOCATION).map((f) => f.name)).toEqual(['Insurance Company', 'Roof Age']);
  await dialog.getByRole('button', { name: 'Create field' }).click();
  await expect(dialog).toBeHidden();
  await expect(mapping.getByRole('combobox', { name: 'Map column Claim Number' })).toHaveValue('Claim Number');
  expect(sim.customFields(LOCATION).map((f) => f.name)).toEqual(['Insurance Company', 'Roof Age', 'Claim Number']);
  await page.screenshot({ path: `${SHOTS}/mapping.png`, animations: 'disabled' });
  await screenshot(page, 'custom-fields-mapping');

  // The choices list groups the location's fields below the lead fields.
  await page.getByRole('combobox', { name: 'Map column Insurer' }).click();
  await expect(page.getByRole('option', { name: 'Roof Age', exact: true })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/mapping-open.png`, animations: 'disabled' });
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Next: review' }).click();
  await page.getByRole('button', { name: /^Import \d+ new leads$/ }).click();
  await expect(page.getByText('Import finished')).toBeVisible({ timeout: 60_000 });

  const fieldId = (name: string) => sim.customFields(LOCATION).find((f) => f.name === name)!.id;
  await expect.poll(() => sim.contacts(LOCATION).length, { timeout: 30_000 }).toBe(2);
  const eve = sim.contacts(LOCATION).find((c) => c.email === 'eve@roofmail.net')!;
  expect([...eve.customFields].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
    { id: fieldId('Insurance Company'), value: 'State Farm' },
    { id: fieldId('Claim Number'), value: 'CLM-1001' },
  ].sort((a, b) => a.id.localeCompare(b.id)));
  expect(sim.contacts(LOCATION).find((c) => c.email === 'frank@roofmail.net')!.customFields).toEqual([]);
  expect(sim.duplicates()).toEqual([]);
});

test('GHL unreachable: the wizard says the custom fields cannot be read and the import goes on', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.evaluate(
    async ({ url, location, token }) => {
      const company = await window.api.companies.create({ name: 'Custom Roofing', ghlLocationId: location, ghlBaseUrl: url });
      if (!company.ok) throw new Error(company.error.message);
      const key = await window.api.companies.setKey({ id: company.value.id, apiKey: token });
      if (!key.ok) throw new Error(key.error.message);
    },
    { url: sim.url, location: LOCATION, token: TOKEN },
  );
  await sim.setOffline(true);
  await page.getByRole('link', { name: 'Import leads' }).click();
  await expect(page.getByRole('combobox', { name: 'Company' })).toHaveValue('Custom Roofing');
  await page.locator('input[type=file]').setInputFiles({ name: 'jobnimbus.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.getByRole('button', { name: 'Next: match columns' }).click();
  await expect(page.getByText(/^Could not read GHL's custom fields \(Cannot reach GoHighLevel.*\)\. You can still import, but a column meant for one of them is left out/)).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: `${SHOTS}/offline.png`, animations: 'disabled' });
  await expect(page.getByRole('button', { name: 'Next: review' })).toBeEnabled();
});
