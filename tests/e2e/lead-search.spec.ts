import { expect, screenshot, test } from './harness';

test.use({ viewport: { width: 1366, height: 768 } });

const people = [
  { firstName: 'Ana', lastName: 'Peña', phone: '(303) 555-0101', email: 'ana.pena@roofmail.com', city: 'Denver', address1: '12 Larch St' },
  { firstName: 'John', lastName: 'Smith', phone: '(303) 555-0102', email: 'jsmith@example.com', city: 'Golden', address1: '4 Elm Ave' },
  { firstName: 'Johnny', lastName: 'Baker', phone: '(303) 555-0103', email: 'baker@example.com', city: 'Aurora', address1: '9 Oak Rd' },
  { firstName: 'Mary', lastName: 'Smithers', phone: '(303) 555-0104', email: 'mary@shinglepros.net', city: 'Colorado Springs', address1: '77 Pine Ct' },
];

test('the Leads page finds people: accents, part of an email, words in any order, a city; files by name; plain words', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.evaluate(async (leads) => {
    const company = await window.api.companies.create({ name: 'Summit Roofing', ghlLocationId: 'locSummit42' });
    if (!company.ok) throw new Error(company.error.message);
    for (const lead of leads) {
      const created = await window.api.leads.create({ companyId: company.value.id, ...lead });
      if (!created.ok) throw new Error(created.error.message);
    }
  }, people);

  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  const table = page.getByRole('table', { name: 'Leads' });
  await expect(table.getByRole('row', { name: /Ana Peña/ })).toBeVisible();
  await expect(page.getByLabel('How many leads')).toContainText('4 leads.');
  // Every column fits at 1366 px: the last header is on screen, not cut off.
  const added = await table.getByRole('columnheader', { name: 'Added' }).boundingBox();
  expect(added!.x + added!.width).toBeLessThanOrEqual(1366);
  await screenshot(page, 'leads-list');

  const search = page.getByLabel('Search');
  const expectOnly = async (query: string, names: RegExp[]) => {
    await search.fill(query);
    // The search index catches up with new leads in the background: wait for the rows, never sleep.
    for (const name of names) await expect(table.getByRole('row', { name })).toBeVisible({ timeout: 20_000 });
    await expect(table.getByRole('row').filter({ hasText: '@' })).toHaveCount(names.length);
  };
  await expectOnly('pena', [/Ana Peña/]);
  await expectOnly('roofmail', [/Ana Peña/]);
  await expectOnly('smith john', [/John Smith/]);
  await expectOnly('golden', [/John Smith/]);
  await expectOnly('colorado spr', [/Mary Smithers/]);
  await search.fill('nobody-like-this');
  await expect(page.getByText('No lead matches these filters')).toBeVisible();
  await screenshot(page, 'leads-no-match');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(table.getByRole('row').filter({ hasText: '@' })).toHaveCount(4);

  // The lead's panel: plain words, ids for support behind "Copy details".
  await table.getByRole('row', { name: /Ana Peña/ }).click();
  const drawer = page.getByRole('dialog', { name: 'Ana Peña' });
  await expect(drawer.getByRole('button', { name: 'Copy details' })).toBeVisible();
  await expect(drawer.getByText('GHL contact id')).toHaveCount(0);
  await expect(drawer.getByText('In GHL and enrolled')).toHaveCount(0);
  await screenshot(page, 'lead-detail-plain');
});
