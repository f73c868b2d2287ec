import { startGhlSimulator, type GhlSimulator } from '../../electron/ghl-sandbox/server';
import { expect, screenshot, test } from './harness';
import { importThroughWizard } from './wizard';

test.use({ viewport: { width: 1366, height: 768 } });

const LOCATION = 'locHistoryAAAAAAAAAAA';
const TOKEN = 'pit-history-token-0123456789';

/** Three go; Di was in last year's campaign (her GHL contact has its tag: the lead fails); Ed asked not to be contacted. */
const CSV = `First Name,Phone,DNC
Ann,(303) 555-0101,no
Bo,(303) 555-0102,no
Cy,(303) 555-0103,no
Di,(303) 555-0104,no
Ed,(303) 555-0105,yes
`;

let sim: GhlSimulator;
test.beforeEach(async () => {
  sim = await startGhlSimulator({ locations: [{ id: LOCATION, name: 'History Roofing', token: TOKEN, allowDuplicateContact: false }], seed: 4 });
});
test.afterEach(async () => {
  await sim.close();
});

test('import history says what became of each file’s leads since: sent, failed (with the way to them), opted out', async ({ page, harness }) => {
  const di = sim.state.createContact(LOCATION, { firstName: 'Di', phone: '+13035550104' });
  sim.state.addTags(di, ['reactivation'], 'seed'); // the campaign tag
  await page.goto(harness.url);
  await page.evaluate(
    async ({ url, location, token }) => {
      const company = await window.api.companies.create({ name: 'History Roofing', ghlLocationId: location, ghlBaseUrl: url });
      if (!company.ok) throw new Error(company.error.message);
      const key = await window.api.companies.setKey({ id: company.value.id, apiKey: token });
      if (!key.ok) throw new Error(key.error.message);
    },
    { url: sim.url, location: LOCATION, token: TOKEN },
  );
  await importThroughWizard(page, { company: 'History Roofing', name: 'spring-2021.csv', csv: CSV });
  await page.getByRole('link', { name: 'See all imports' }).click();

  const outcome = page.getByRole('table', { name: 'Import batches' }).getByRole('row', { name: /spring-2021\.csv/ }).getByTestId(/^batch-outcome-/);
  // The history follows the sync as it goes (the page stays open): no reload.
  await expect(outcome).toHaveText(['3 sent to GHL', '1 failed', '1 do not contact'].join(''), { timeout: 30_000 });
  await screenshot(page, 'batches-outcome');

  await outcome.getByRole('link', { name: '1 failed' }).click();
  await expect(page.getByRole('heading', { name: 'Leads' })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Leads' }).getByRole('row');
  await expect(rows.filter({ hasText: 'Di' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Ann' })).toHaveCount(0);
});
