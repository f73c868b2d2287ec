import { utils, write } from '@e965/xlsx';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './harness';

test.use({ viewport: { width: 1366, height: 768 } });

/** An old CRM's export after a hail storm in Austin: who is a lost estimate, and how far from 78701. */
const OLD_CRM_CSV = `Display Name,Mobile Phone,Email,Zip,Status Name,Job Type,Date Created,Tags,DNC
Eve Adams,(512) 555-0101,eve@roofmail.net,78701,Lost Estimate,Roof replacement,03/14/2019,storm; VIP,no
Gina Cruz,(512) 555-0103,gina@roofmail.net,78664,Lost Estimate,Roof replacement,2020-05-01,storm,no
Hank Diaz,(512) 555-0104,hank@roofmail.net,78702,Lost Estimate,Repair,2023-02-01,,no
Ivy Evans,(214) 555-0105,ivy@roofmail.net,75201,Lost Estimate,Repair,2021-07-07,storm,no
Jack Ford,(512) 555-0106,jack@roofmail.net,78702,lost estimate,Repair,2020-01-15,,yes
Kim Gray,(512) 555-0107,kim@roofmail.net,78701,Closed Won,Roof replacement,2020-03-03,storm,no
`;

/** Picks an option of a Mantine Select by its visible label. */
async function choose(page: Page, selectLabel: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: selectLabel }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function leadStatuses(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const result = await window.api.leads.page({ filters: {}, sort: 'newest', limit: 50 });
    if (!result.ok) throw new Error(result.error.message);
    return Object.fromEntries(result.value.rows.map((row) => [row.email ?? '', row.status]));
  });
}

test('an audience sent from the Leads page: lost estimates within 15 miles of 78701 are queued, the rest stay', async ({ page, harness }) => {
  await page.goto(harness.url);
  const batchId = await page.evaluate(async (csv) => {
    const company = await window.api.companies.create({ name: 'Summit Roofing', ghlLocationId: 'locSummit42' });
    if (!company.ok) throw new Error(company.error.message);
    // An import with "Queue now" off, through the same channels as the wizard.
    const { handle: path } = await window.api.files.handleFor(new File([csv], 'old-crm-export.csv', { type: 'text/csv' }));
    const inspected = await window.api.imports.inspect({ path, companyId: company.value.id });
    if (!inspected.ok) throw new Error(inspected.error.message);
    const { encoding, delimiter, hasHeader, mapping } = inspected.value;
    const started = await window.api.imports.start({ path, companyId: company.value.id, options: { encoding, delimiter, hasHeader }, mapping, queueSync: false });
    if (!started.ok) throw new Error(started.error.message);
    return started.value.batchId;
  }, OLD_CRM_CSV);
  await expect
    .poll(
      () =>
        page.evaluate(async (id) => {
          const batch = await window.api.imports.get({ batchId: id });
          return batch.ok ? batch.value.state : batch.error.message;
        }, batchId),
      { timeout: 30_000 },
    )
    .toBe('completed');

  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Leads' })).toContainText('Eve Adams');
  await page.getByRole('button', { name: 'Send a group to GHL' }).click();
  const panel = page.getByRole('region', { name: 'Send a group of leads' });
  const preview = page.getByLabel('What a send would do');
  // Nothing chosen yet: every lead of the company; the one do-not-contact lead is never sent.
  await expect(preview).toHaveText('6 match: 5 will be queued, 1 marked do not contact — never sent.');

  // The choices come from the data: "lost estimate" is the same status as "Lost Estimate".
  await page.getByRole('combobox', { name: 'Old status' }).click();
  await expect(page.getByRole('option')).toHaveText(['Closed Won', 'Lost Estimate']);
  await page.getByRole('option', { name: 'Lost Estimate', exact: true }).click();
  await expect(preview).toHaveText('5 match: 4 will be queued, 1 marked do not contact — never sent.');
  await panel.getByText('Near a ZIP', { exact: true }).click();
  await expect(panel.getByRole('radio', { name: 'Near a ZIP' })).toBeChecked();
  await page.getByRole('textbox', { name: 'of ZIP' }).fill('78701');
  await expect(page.getByRole('textbox', { name: 'Within (miles)' })).toHaveValue('15');
  // Eve (78701) and Hank (78702) are in town; Jack (78702) is do-not-contact; Gina (~17 miles) and Ivy (Dallas) are out.
  await expect(preview).toHaveText('3 match: 2 will be queued, 1 marked do not contact — never sent.');
  // The table lists exactly those three (the same query as the count): who would be texted, before anything is sent.
  const leadsTable = page.getByRole('table', { name: 'Leads' });
  const chip = page.getByRole('status', { name: 'The list shows the audience' });
  await expect(chip).toContainText('Showing 3 leads of the group');
  await expect(leadsTable).toHaveAttribute('aria-rowcount', '3');
  for (const name of ['Eve Adams', 'Hank Diaz', 'Jack Ford']) await expect(leadsTable).toContainText(name);
  await expect(page.getByLabel('How many leads')).toContainText('3 leads.');
  await screenshot(page, 'audience-1-preview');

  await page.getByRole('button', { name: 'Send these 2' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send 2 leads to GHL?' });
  await expect(dialog).toContainText("Summit Roofing's queue and go out on its schedule: 100 a day, Mon–Sat 10:00–19:00 in each lead's own time.");
  // The company has no key yet: the leads would wait, and the dialog says so before anything is queued.
  await expect(dialog).toContainText('Summit Roofing has no GHL API key yet');
  await screenshot(page, 'audience-2-confirm');
  await dialog.getByRole('button', { name: 'Send 2 leads' }).click();
  await expect(dialog).toBeHidden();
  // The numbers refresh: the two are now waiting to go, nothing is left to queue.
  await expect(preview).toHaveText('3 match: none left to queue, 2 already waiting to go, 1 marked do not contact — never sent.');
  await expect(page.getByRole('button', { name: 'Nothing to send' })).toBeDisabled();
  await expect(page.getByText("They wait until Summit Roofing's GHL API key is added on the Companies page.")).toBeVisible();
  await screenshot(page, 'audience-3-sent');

  expect(await leadStatuses(page)).toEqual({
    'eve@roofmail.net': 'queued',
    'hank@roofmail.net': 'queued',
    'jack@roofmail.net': 'do-not-contact',
    'gina@roofmail.net': 'new',
    'ivy@roofmail.net': 'new',
    'kim@roofmail.net': 'new',
  });

  // The lead's panel shows what the old CRM knew, which the audience chose by.
  await page.getByRole('table', { name: 'Leads' }).getByRole('row', { name: /Eve Adams/ }).click();
  const detail = page.getByLabel('Lead detail');
  await expect(detail).toContainText(/Lost Estimate · Roof replacement · came in Mar 14, 2019 · tags: storm, VIP/);
  await expect(detail).toContainText('Central Time (Chicago), from its ZIP');
  // Its consent record: the file and the row it came from; queued, not enrolled yet.
  const consent = detail.getByRole('region', { name: 'Consent record' });
  await expect(consent).toContainText(/Imported from old-crm-export\.csv, row 2, on \w{3} \d{1,2}, \d{4}/);
  await expect(consent).toContainText('Mar 14, 2019');
  await expect(consent).toContainText('Not enrolled yet — waiting to be sent');
  await screenshot(page, 'audience-4-lead-panel');
  await consent.scrollIntoViewIfNeeded();
  await screenshot(page, 'audience-5-consent-record');
  await page.getByRole('button', { name: 'Close' }).click();

  // A half-typed ZIP is said plainly, and not counted as something else; the table keeps its own filters meanwhile.
  await page.getByRole('textbox', { name: 'of ZIP' }).fill('787');
  await expect(preview).toHaveText('Type a 5-digit ZIP to measure the distance from.');
  await expect(chip).toBeHidden();
  await expect(leadsTable).toHaveAttribute('aria-rowcount', '6');

  // Clear starts the choices afresh, and the table lists every lead again.
  await page.getByRole('textbox', { name: 'of ZIP' }).fill('78701');
  await expect(chip).toContainText('Showing 3 leads of the group');
  await chip.getByRole('button', { name: 'Clear' }).click();
  await expect(chip).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Old status' })).toHaveValue('');
  await expect(leadsTable).toHaveAttribute('aria-rowcount', '6');
});

test('sheet picker: a workbook with two sheets, the one with phones read first, the other picked and back, its columns shown', async ({ page, harness }) => {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet([['Invoice', 'Amount'], ['A-1001', 1200], ['A-1002', 800]]), 'Invoices');
  utils.book_append_sheet(
    book,
    utils.aoa_to_sheet([
      ['Customer Name', 'Cell Phone', 'Street', 'Zip Code'],
      ['Ann Lee', '(512) 555-0142', '100 Oak St', '78701'],
      ['Bo Chen', '(512) 555-0143', '12 Elm Ave', '78702'],
      ['Cy Diaz', '(512) 555-0144', '7 Pine Rd', '78703'],
    ]),
    'Customers',
  );
  const workbook = write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;

  await page.goto(harness.url);
  const created = await page.evaluate(() => window.api.companies.create({ name: 'Summit Roofing', ghlLocationId: 'locSummit42' }));
  expect(created.ok).toBe(true);
  await page.getByRole('link', { name: 'Import leads' }).click();
  await expect(page.getByRole('combobox', { name: 'Company' })).toHaveValue('Summit Roofing');
  await page.locator('input[type=file]').setInputFiles({
    name: 'office-workbook.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: workbook,
  });
  const sheet = page.getByRole('combobox', { name: 'Sheet' });
  // The sheet with phones is read first, though Invoices comes before it; the other is one pick away.
  await expect(sheet).toHaveValue('Customers (3 rows)');
  const filePreview = page.getByRole('table', { name: 'File preview' });
  await expect(filePreview).toContainText('Ann Lee');
  await choose(page, 'Sheet', 'Invoices (2 rows)');
  await expect(sheet).toHaveValue('Invoices (2 rows)');
  await expect(filePreview).toContainText('A-1001');
  await choose(page, 'Sheet', 'Customers (3 rows)');
  await expect(sheet).toHaveValue('Customers (3 rows)');
  // The app's note says which sheet is read (the Sheet list beside it picks another; the command line's adds --sheet).
  await expect(page.getByText('This workbook has 2 sheets with data; "Customers" is read.', { exact: true })).toBeVisible();
  await expect(filePreview).toContainText('Customer Name');
  await expect(filePreview).toContainText('Ann Lee');
  await expect(filePreview).not.toContainText('A-1001');
  await screenshot(page, 'import-sheet-picker');
  await page.getByRole('button', { name: 'Next: match columns' }).click();
  const mapping = page.getByRole('table', { name: 'Column mapping' });
  await expect(mapping.getByRole('combobox', { name: 'Map column Cell Phone' })).toHaveValue('Phone');
  await expect(mapping.getByRole('combobox', { name: 'Map column Zip Code' })).toBeVisible();
  await screenshot(page, 'import-sheet-picker-mapping');
});

// A read that failed showed as "nothing": the Check-in-GHL panel vanished (as if no enrolment waited), and the
// group send's choices read "no statuses in this company's leads". Both now say the read failed.
test('a read that fails is said, not shown as nothing: enrolments to check, and the group send’s choices', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.evaluate(async () => {
    const company = await window.api.companies.create({ name: 'Summit Roofing', ghlLocationId: 'locSummit42' });
    if (!company.ok) throw new Error(company.error.message);
    const lead = await window.api.leads.create({ companyId: company.value.id, firstName: 'Eve', lastName: 'Adams', phone: '(512) 555-0101' });
    if (!lead.ok) throw new Error(lead.error.message);
  });
  const failure = { ok: false, error: { code: 'db-busy', message: 'The database is busy (another program holds it).' } };
  for (const channel of ['sync:unconfirmed', 'audiences:options']) {
    await page.route(new RegExp(`/api/${encodeURIComponent(channel)}$`), (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(failure) }));
  }
  await page.reload();
  const unconfirmed = page.getByRole('alert').filter({ hasText: 'Could not read the enrolments to check in GHL' });
  await expect(unconfirmed).toContainText('The database is busy');
  await screenshot(page, 'dashboard-unconfirmed-read-failed');

  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  await page.getByRole('button', { name: 'Send a group to GHL' }).click();
  const panel = page.getByRole('region', { name: 'Send a group of leads' });
  await expect(panel.getByRole('alert').filter({ hasText: 'The choices could not be read' })).toContainText('The database is busy');
  await screenshot(page, 'audience-options-read-failed');
});
