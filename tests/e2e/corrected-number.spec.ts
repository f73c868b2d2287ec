/**
 * The office corrects the number of a lead already in the campaign. The panel says what the app did in GHL in words
 * ("Update the contact in GHL", the contact the campaign texts), and when GHL refuses the new number because another
 * contact has it, what to do.
 */
import { startGhlSimulator, type GhlSimulator } from '../../electron/ghl-sandbox/server';
import { expect, test } from './harness';
import { changePhone, companyWithLeads, leadStatus } from './seed';

const LOCATION = 'locCorrectedAAAAAAAAA';
const TOKEN = 'pit-corrected-token-0123456789';

let sim: GhlSimulator;
const company = () => ({ name: 'Fix Roofing', location: LOCATION, token: TOKEN, url: sim.url });
test.beforeEach(async () => {
  sim = await startGhlSimulator({ locations: [{ id: LOCATION, name: 'Fix Roofing', token: TOKEN, allowDuplicateContact: false }], seed: 7 });
});
test.afterEach(async () => {
  await sim.close();
});

test('a corrected number goes to the contact in the campaign; one another contact has fails with what to do', async ({ page, harness }) => {
  await page.goto(harness.url);
  const [hanaId, kenId] = await companyWithLeads(page, company(), [
    { firstName: 'Hana', lastName: 'Ito', phone: '(303) 555-0166' },
    { firstName: 'Ken', lastName: 'Ito', phone: '(303) 555-0177' },
  ]);
  const statusOf = (id: number) => leadStatus(page, id);
  await expect.poll(() => statusOf(hanaId), { timeout: 30_000 }).toBe('synced');
  await expect.poll(() => statusOf(kenId), { timeout: 30_000 }).toBe('synced');
  // Another contact of the location (entered in GHL by hand) has the number Ken's lead is corrected to.
  sim.state.createContact(LOCATION, { firstName: 'Lee', lastName: 'Park', phone: '+13035550199' });

  await changePhone(page, hanaId, '(303) 555-0188');
  await changePhone(page, kenId, '(303) 555-0199');
  await expect.poll(() => statusOf(kenId), { timeout: 30_000 }).toBe('failed');
  await expect.poll(() => statusOf(hanaId), { timeout: 30_000 }).toBe('synced');

  await page.goto(`${harness.url.split('#')[0]}#/leads/${hanaId}`);
  const hana = page.getByRole('dialog', { name: 'Hana Ito' });
  await expect(hana.getByRole('cell', { name: 'Update the contact in GHL' }).first()).toBeVisible({ timeout: 30_000 });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: test.info().outputPath('corrected-number-hana.png') });

  await page.goto(`${harness.url.split('#')[0]}#/leads/${kenId}`);
  const ken = page.getByRole('dialog', { name: 'Ken Ito' });
  await expect(ken.getByTestId('lead-status')).toHaveText('Failed');
  // Not "GHL did not accept the phone number — fix the phone number": the number is right (the first screenshot).
  await expect(ken).toContainText('Another contact in GHL already has this lead’s new phone or email');
  await expect(ken).not.toContainText('did not accept the phone number');
  await expect(ken).toContainText('GHL has another contact with this phone or email');
  await expect(ken).toContainText('Find that contact in GHL: if it is the same customer, merge the two there, else correct the lead; then retry.');
  await page.screenshot({ path: test.info().outputPath('corrected-number-ken.png') });
  // Hana's one contact has her new number; Ken's keeps its old one, Lee's his own.
  expect(sim.contacts(LOCATION).map((c) => c.phone).sort()).toEqual(['+13035550177', '+13035550188', '+13035550199']);
});

// The campaign's contact was on DND (a STOP to the number it had): after the correction, the Opt-outs page lists the old
// number beside the new one, and says why a number no lead has any more is there.
test('a correction that meets a contact on DND: the Opt-outs page lists the old number, and why', async ({ page, harness }) => {
  await page.goto(harness.url);
  const [hanaId] = await companyWithLeads(page, company(), [{ firstName: 'Hana', lastName: 'Ito', phone: '(303) 555-0166' }]);
  const statusOf = () => leadStatus(page, hanaId);
  await expect.poll(statusOf, { timeout: 30_000 }).toBe('synced');
  sim.state.contacts.get(sim.contacts(LOCATION)[0]!.id)!.dnd = true;

  await changePhone(page, hanaId, '(303) 555-0188');
  await expect.poll(statusOf, { timeout: 30_000 }).toBe('dnd');

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('link', { name: 'Opt-outs' }).click();
  const oldNumber = page.getByRole('row', { name: /\(303\) 555-0166/ });
  await expect(oldNumber).toContainText("A number GHL's contact of Hana Ito had before it took (303) 555-0188");
  await expect(page.getByRole('row', { name: /^\(303\) 555-0188/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('corrected-number-optouts.png') });
});
