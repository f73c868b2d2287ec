/**
 * A lead the app failed on its own judgement after its calls went (the contact already had the campaign tag): its
 * "Sync attempts" ended on "Done" beside a status of Failed (a review). The panel now says why it stopped above them.
 */
import { startGhlSimulator, type GhlSimulator } from '../../electron/ghl-sandbox/server';
import { expect, screenshot, test } from './harness';
import { companyWithLeads, leadStatus } from './seed';

const LOCATION = 'locDecidedAAAAAAAAAAA';
const TOKEN = 'pit-decided-token-0123456789';

let sim: GhlSimulator;
test.beforeEach(async () => {
  sim = await startGhlSimulator({ locations: [{ id: LOCATION, name: 'Tag Roofing', token: TOKEN, allowDuplicateContact: false }], seed: 5 });
});
test.afterEach(async () => {
  await sim.close();
});

test('a lead failed after its calls went says why above its sync attempts', async ({ page, harness }) => {
  // The customer is in GHL already, with the campaign's tag (someone tagged her by hand).
  sim.state.createContact(LOCATION, { firstName: 'Ada', lastName: 'Moss', phone: '+13035550144' }).tags.push('reactivation');
  await page.goto(harness.url);
  const [adaId] = await companyWithLeads(page, { name: 'Tag Roofing', location: LOCATION, token: TOKEN, url: sim.url }, [{ firstName: 'Ada', lastName: 'Moss', phone: '(303) 555-0144' }]);
  await expect.poll(() => leadStatus(page, adaId!), { timeout: 30_000 }).toBe('failed');

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${harness.url.split('#')[0]}#/leads/${adaId}`);
  const ada = page.getByRole('dialog', { name: 'Ada Moss' });
  await expect(ada.getByTestId('lead-status')).toHaveText('Failed');
  await expect(ada.getByRole('table', { name: 'Sync attempts' })).toBeVisible();
  await expect(ada.getByRole('status', { name: 'Why it stopped' })).toContainText('Stopped after these calls: The contact already had the tag "reactivation"');
  await ada.getByRole('heading', { name: 'Sync attempts' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'lead-decided-failure');
});
