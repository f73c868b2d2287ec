import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, screenshot, test } from './harness';

/**
 * A messy export as old office PCs write it: Windows-1252 (no BOM), semicolons, mixed phone formats,
 * a repeated customer, a phone too short to be real (fixed in the review), a row without any contact.
 */
const MESSY_CSV = Buffer.concat(
  [
    'Name;Phone;Email;City;State;Zip\r\n',
    'Mar\xeda Mu\xf1oz;(512) 555-0143;maria@example.com;San Antonio;TX;78201\r\n',
    'Ren\xe9e C\xf4t\xe9;512.867.5309;renee@example.com;Austin;TX;78701\r\n',
    'Jos\xe9 Pe\xf1a;+1 214 555 0199;;Dallas;TX;75201\r\n',
    'Bob Smith;214-555-0122;bob@example.com;Dallas;TX;75202\r\n',
    'Robert Smith;(214) 555-0122;;Dallas;TX;75202\r\n',
    'Ines Short;555-12;;Houston;TX;77001\r\n',
    'Nobody Reachable;;;Houston;TX;77002\r\n',
  ].map((line) => Buffer.from(line, 'latin1')),
);

async function createCompany(page: Page): Promise<void> {
  const result = await page.evaluate(() => window.api.companies.create({ name: 'Summit Roofing', ghlLocationId: 'locSummit42' }));
  expect(result.ok).toBe(true);
}

/** The drop zone takes files once the company is chosen (it is picked by itself when there is one). */
async function openImportWizard(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Import leads' }).click();
  await expect(page.getByRole('combobox', { name: 'Company' })).toHaveValue('Summit Roofing');
}

/** Picks an option of a Mantine Select by its visible label. */
async function choose(page: Page, selectLabel: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: selectLabel }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('import wizard: a Windows-1252 semicolon file, a fix in place, summary and rejected rows', async ({ page, harness }) => {
  // The office's laptop screen: the steps' buttons must be in view without scrolling (they sat 300–400 px below it).
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(harness.url);
  await createCompany(page);
  await page.getByRole('link', { name: 'Import leads' }).click();

  // Step 1: file. Detection must see through the encoding and the delimiter.
  await expect(page.getByRole('combobox', { name: 'Company' })).toHaveValue('Summit Roofing');
  await page.locator('input[type=file]').setInputFiles({ name: 'old-customers.csv', mimeType: 'text/csv', buffer: MESSY_CSV });
  const filePreview = page.getByRole('table', { name: 'File preview' });
  await expect(filePreview).toContainText('María Muñoz');
  await expect(filePreview).toContainText('Renée Côté');
  // Rows are numbered as the review names them (the header is row 1): "3" here was "row 4" there.
  await expect(filePreview.getByRole('row', { name: /María Muñoz/ }).getByRole('cell').first()).toHaveText('2');
  await expect(page.getByRole('combobox', { name: 'Text encoding' })).toHaveValue(/Windows/);
  await expect(page.getByRole('combobox', { name: 'Columns separated by' })).toHaveValue(/Semicolon/);
  await expect(page.getByRole('switch', { name: 'First row has the column names' })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Next: match columns' })).toBeInViewport({ ratio: 1 });
  await screenshot(page, 'import-1-file');
  await page.getByRole('button', { name: 'Next: match columns' }).click();

  // Step 2: columns. Unmapping phone and email is refused with a plain message.
  const mapping = page.getByRole('table', { name: 'Column mapping' });
  await expect(mapping.getByRole('combobox', { name: 'Map column Phone' })).toHaveValue('Phone');
  await expect(mapping.getByRole('combobox', { name: 'Map column Email' })).toHaveValue('Email');
  await choose(page, 'Map column Phone', 'Ignore this column');
  await choose(page, 'Map column Email', 'Ignore this column');
  await expect(page.getByRole('alert')).toContainText('No column is mapped to Phone or Email');
  await expect(page.getByRole('button', { name: 'Next: review' })).toBeDisabled();
  await screenshot(page, 'import-2-mapping-error');
  await choose(page, 'Map column Phone', 'Phone');
  await choose(page, 'Map column Email', 'Email');
  await expect(page.getByRole('button', { name: 'Next: review' })).toBeEnabled();
  await screenshot(page, 'import-2-mapping');
  await page.getByRole('button', { name: 'Next: review' }).click();

  // Step 3: review. Counts, the problem rows, then a fix typed into the bad cell.
  await expect(page.getByRole('group', { name: 'Rows in file: 7' })).toBeVisible();
  await expect(page.getByRole('group', { name: /^Repeated in this file: 1$/ })).toBeVisible();
  // The valid rows that are not new leads are named (the fifth was unexplained beside "Already in the app: 0").
  await expect(page.getByRole('group', { name: /^Valid rows: 5$/ })).toContainText('4 of them new leads; 1 repeated in this file');
  await expect(page.getByRole('group', { name: /^Cannot be imported: 2$/ })).toBeVisible();
  const problems = page.getByRole('table', { name: 'Problem rows' });
  const shortPhoneRow = problems.getByRole('row', { name: /Ines Short/ });
  await expect(shortPhoneRow).toBeVisible();
  await expect(page.getByRole('button', { name: /^Import \d+ new leads?$/ })).toBeInViewport({ ratio: 1 });
  await screenshot(page, 'import-3-review');

  await page.getByText('Repeated in this file (1)', { exact: true }).click();
  await expect(problems.getByRole('row', { name: /Robert Smith/ })).toBeVisible();
  await expect(problems.getByRole('row', { name: /Ines Short/ })).toHaveCount(0);
  // A repeat may be someone else of the household: it says why only the first goes, and offers their own phone.
  const repeat = problems.getByRole('row', { name: /Robert Smith/ });
  await expect(repeat).toContainText('GHL keeps one contact per phone');
  await expect(repeat.getByRole('textbox', { name: /own phone$/ })).toBeVisible();
  // Empty: it showed the row's own number, the very one that clashes, as if it were the answer.
  const ownPhone = repeat.getByRole('textbox', { name: /own phone$/ });
  await expect(ownPhone).toHaveValue('');
  // Typed and emptied again: the row stays as it is (an empty correction blanked its phone, unseen).
  await ownPhone.fill('(214) 555-0199');
  await ownPhone.blur();
  await expect(page.getByTestId('fix-list')).toContainText('Row 6');
  await ownPhone.fill('');
  await ownPhone.blur();
  await expect(page.getByTestId('fix-list')).toHaveCount(0);
  await page.getByText('All', { exact: true }).click();

  const phoneCell = shortPhoneRow.getByRole('textbox');
  await phoneCell.fill('713-555-0100');
  await phoneCell.press('Enter');
  await expect(page.getByTestId('fix-list')).toContainText('713-555-0100');
  await expect(page.getByRole('group', { name: /^Cannot be imported: 1$/ })).toBeVisible();
  await expect(problems.getByRole('row', { name: /Ines Short/ })).toHaveCount(0);
  await expect(page.getByLabel('Batch tag')).toHaveValue('reactivation');
  // In tag mode the batch tag is the workflow's trigger: another one starts only a workflow made for it.
  await expect(page.getByText('The tag your GHL workflow starts on, added to each lead of this file as it goes.')).toBeVisible();
  await page.getByLabel('Batch tag').fill('storm-2024');
  await expect(page.getByText('These leads get “storm-2024” in GHL instead of “reactivation”: only a GHL workflow that starts on “storm-2024” texts them.')).toBeVisible();
  await page.getByLabel('Batch tag').fill('reactivation');
  await screenshot(page, 'import-3-review-fixed');

  // Step 4 → 5: import, then the summary.
  await page.getByRole('button', { name: 'Import 5 new leads' }).click();
  await expect(page.getByText('Import finished')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Imported: 5' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Duplicates skipped: 1' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Rejected: 1' })).toBeVisible();
  // No key yet: the banner says what holds the leads, in yellow (a green "queued to go" sat above "nothing goes").
  const banner = page.getByRole('status').filter({ hasText: 'Import finished' });
  await expect(banner).toContainText('Import finished: nothing is sent until the API key is saved');
  await expect(banner).toContainText('new leads wait in the queue: Summit Roofing has no GHL API key yet');
  await screenshot(page, 'import-5-summary');

  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download rejected rows (1)' }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const rejected = readFileSync((await download.path())!, 'utf8');
  expect(rejected.split(/\r?\n/)[0]).toContain('Reason');
  expect(rejected).toContain('Nobody Reachable');

  // "Import leads" in the menu, on this summary, starts a new import (the same link changed nothing).
  await page.getByRole('link', { name: 'Import leads' }).click();
  await expect(page.getByText('Import finished')).toHaveCount(0);
  await expect(page.locator('input[type=file]')).toHaveCount(1);

  // Batch history lists the import with its counts.
  await page.getByRole('link', { name: 'Import history' }).click();
  const batchRow = page.getByRole('table', { name: 'Import batches' }).getByRole('row', { name: /old-customers\.csv/ });
  await expect(batchRow).toContainText('Imported');
  await expect(batchRow).not.toContainText(/\d\s(AM|PM)\b/);
  await screenshot(page, 'batches-list');
  // Stop sending: the file's waiting leads are held back (Send to GHL sends them later), nothing is removed.
  await batchRow.getByRole('button', { name: 'Stop sending' }).click();
  await expect(page.getByRole('dialog')).toContainText('The 5 leads of old-customers.csv still waiting for their first text will not be sent.');
  await screenshot(page, 'batches-stop-sending');
  await page.getByRole('dialog').getByRole('button', { name: 'Stop sending' }).click();
  await expect(page.getByText('Sending stopped: 5 leads held back')).toBeVisible();
  await expect(batchRow.getByRole('button', { name: 'Send 5 to GHL' })).toBeVisible();
  await expect(batchRow.getByRole('button', { name: 'Stop sending' })).toHaveCount(0);
  await batchRow.getByRole('button', { name: 'Undo import' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Undo import' }).click();
  await expect(page.getByTestId('undo-summary')).toContainText('5 leads removed');
  // A review: the notice "Send to GHL on this page sends them" stayed over the dialog that says they were removed.
  await expect(page.getByText('Sending stopped: 5 leads held back')).toHaveCount(0);
  await screenshot(page, 'batches-undo');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(batchRow).toContainText('Undone');
});

test('import wizard: a big file shows live progress and can be cancelled', async ({ page, harness }) => {
  const lines = ['First Name,Last Name,Cell Phone,Email'];
  for (let i = 0; i < 300_000; i++) lines.push(`Pat${i},Homeowner,(512) ${String(2_000_000 + i).replace(/^(\d{3})(\d{4})$/, '$1-$2')},pat${i}@example.com`);
  const bigCsv = Buffer.from(lines.join('\n'), 'utf8');

  await page.goto(harness.url);
  await createCompany(page);
  await openImportWizard(page);
  await page.locator('input[type=file]').setInputFiles({ name: 'big-list.csv', mimeType: 'text/csv', buffer: bigCsv });
  await expect(page.getByRole('table', { name: 'File preview' })).toContainText('Pat0');
  await page.getByRole('button', { name: 'Next: match columns' }).click();
  await page.getByRole('button', { name: 'Next: review' }).click();
  await expect(page.getByRole('group', { name: 'Rows in file: 300,000' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: /^Import [\d,]+ new leads$/ }).click();

  // The window keeps answering while main's worker imports.
  await expect(page.getByTestId('import-rows')).toHaveText(/^[1-9][\d,]* rows done · [\d,]+ rows\/s$/);
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await screenshot(page, 'import-4-progress');
  await page.getByRole('button', { name: 'Cancel import' }).click();
  await expect(page.getByText(/Import cancelled|Import finished/)).toBeVisible({ timeout: 60_000 });
  // How much of the file the kept rows are, and that they will be sent unless stopped.
  if (await page.getByText('Import cancelled').isVisible()) {
    await expect(page.getByTestId('import-cancelled-extent')).toHaveText(/^[\d,]+ rows of the file were read before the cancel; the rest was not imported\. Their leads go to GoHighLevel/);
    // The stepper does not tick the import as done (it did, beside "Import cancelled").
    await expect(page.getByRole('button', { name: /Import.*Cancelled part-way/ })).toBeVisible();
  }
  await screenshot(page, 'import-5-cancelled');
});

test('import history: a file imported without queueing is sent later from its row', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createCompany(page);
  await openImportWizard(page);
  await page.locator('input[type=file]').setInputFiles({ name: 'send-later.csv', mimeType: 'text/csv', buffer: MESSY_CSV });
  await page.getByRole('button', { name: 'Next: match columns' }).click();
  await page.getByRole('button', { name: 'Next: review' }).click();
  await page.getByRole('switch', { name: /Start sending right after the import/ }).uncheck();
  await page.getByRole('button', { name: /^Import [\d,]+ new leads$/ }).click();
  await expect(page.getByText('Import finished')).toBeVisible({ timeout: 30_000 });
  // The summary itself says they wait, and offers the way on (it ended on "not queued for sync", no next step).
  const heldBack = page.getByTestId('import-held-back');
  await expect(heldBack).toContainText(/\d+ leads of this file wait until you send them/);
  await expect(heldBack.getByRole('button', { name: /^Send \d+ to GHL$/ })).toBeVisible();
  await screenshot(page, 'import-5-held-back');

  await page.getByRole('link', { name: 'See all imports' }).click();
  const batchRow = page.getByRole('table', { name: 'Import batches' }).getByRole('row', { name: /send-later\.csv/ });
  const send = batchRow.getByRole('button', { name: /^Send \d+ to GHL$/ });
  await expect(send).toBeVisible();
  await screenshot(page, 'batches-send-later');
  await send.click();
  await expect(send).toHaveCount(0);
  // The button just vanished before: now it says what happened and where to see when they go.
  await expect(page.getByText(/^\d+ leads? queued$/)).toBeVisible();
  await expect(page.getByText("From send-later.csv: they go to GoHighLevel on the company's schedule.", { exact: false })).toBeVisible();
  const totals = await page.evaluate(async () => {
    const summary = await window.api.dashboard.summary({});
    return summary.ok ? summary.value.totals : null;
  });
  expect(totals).toMatchObject({ new: 0 });
  expect(totals?.queued ?? 0).toBeGreaterThan(0);
});

test('review: an existing lead opens beside the wizard, which keeps its file and step', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createCompany(page);
  await page.evaluate(async () => {
    const companies = await window.api.companies.list();
    if (!companies.ok) throw new Error(companies.error.message);
    await window.api.leads.create({ companyId: companies.value[0]!.id, firstName: 'Renée', lastName: 'Existing', phone: '512-867-5309' });
  });
  await openImportWizard(page);
  await page.locator('input[type=file]').setInputFiles({ name: 'with-existing.csv', mimeType: 'text/csv', buffer: MESSY_CSV });
  await page.getByRole('button', { name: 'Next: match columns' }).click();
  await page.getByRole('button', { name: 'Next: review' }).click();
  await page.getByRole('button', { name: 'Open the existing lead' }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText('Renée Existing');
  await screenshot(page, 'import-3-existing-lead');
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: /^Import [\d,]+ new leads$/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Problem rows' })).toBeVisible();
});

test('keyboard: Enter on "Next" moves focus to the new step, so a second Enter does not skip the column check', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createCompany(page);
  await openImportWizard(page);
  await page.locator('input[type=file]').setInputFiles({ name: 'keys.csv', mimeType: 'text/csv', buffer: MESSY_CSV });
  await expect(page.getByRole('table', { name: 'File preview' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next: match columns' })).toBeEnabled();
  await page.getByRole('button', { name: 'Next: match columns' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Next: review' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next: review' })).not.toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300); // a skip to Review would show by now
  await expect(page.getByRole('button', { name: 'Next: review' })).toBeVisible(); // still on Columns
  const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
  expect(focused).toContain('Columns');
});

test('file step: a click opens the file dialog and the file loads; the page cannot name a path', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createCompany(page);
  await openImportWizard(page);
  const chooser = page.waitForEvent('filechooser');
  await page.locator('[aria-label="Drop a CSV file here or click to choose one"]').click();
  await (await chooser).setFiles({ name: 'clicked.csv', mimeType: 'text/csv', buffer: MESSY_CSV });
  await expect(page.getByRole('table', { name: 'File preview' })).toContainText('María Muñoz');
  await expect(page.getByText('clicked.csv', { exact: true })).toBeVisible();
  // The renderer cannot name a file: a path for inspect is refused.
  const refused = await page.evaluate(() => window.api.imports.inspect({ path: '/etc/passwd', companyId: 1 }));
  expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } });
});

test('review: leads that would be texted on a home or work number are counted, with what to do about it', async ({ page, harness }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(harness.url);
  await createCompany(page);
  await openImportWizard(page);
  // JobNimbus's columns: Mobile first; Gus has only a Home number, Hal and Kim only a Work one, Ida repeats Gus's.
  const csv = readFileSync(new URL('../fixtures/import/jobnimbus-home-phones.csv', import.meta.url));
  await page.locator('input[type=file]').setInputFiles({ name: 'jobnimbus-export.csv', mimeType: 'text/csv', buffer: csv });
  await page.getByRole('button', { name: 'Next: match columns' }).click();
  await page.getByRole('button', { name: 'Next: review' }).click();
  const notice = page.getByTestId('home-or-work-phones');
  await expect(notice).toContainText('3 leads will be texted on a home or work number, often a landline (rows 3, 4, 7).');
  await expect(notice).toContainText('They have no mobile number in the file');
  await screenshot(page, 'import-review-home-phones');
});

// The summary said "Imported 7" and nothing of the row the file marks do-not-contact, nor of the new leads
// no text can reach (Bob's vanity number, Fay's email only); `rlm import` said both.
test('the review and the summary say which new leads cannot be texted and which rows the file marks do-not-contact', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createCompany(page);
  await openImportWizard(page);
  await page.locator('input[type=file]').setInputFiles({
    name: 'old-crm-export.csv',
    mimeType: 'text/csv',
    buffer: readFileSync(new URL('../fixtures/demo/old-crm-export.csv', import.meta.url)),
  });
  await page.getByRole('button', { name: 'Next: match columns' }).click();
  await page.getByRole('button', { name: 'Next: review' }).click();
  // Said before anything is written too, counted as the import counts it.
  const notTexted = page.getByTestId('not-texted');
  await expect(notTexted).toContainText('1 row is marked do-not-contact in the file: its lead (new, or already in the app with the same phone or email) is do-not-contact: nothing more goes to GHL for it, and a contact already there gets do-not-disturb.');
  await expect(notTexted).toContainText('2 new leads have no usable phone number');
  await screenshot(page, 'import-3-review-not-texted');
  await page.getByRole('button', { name: /^Import [\d,]+ new leads$/ }).click();
  await expect(page.getByText('Import finished')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('import-marked-dnc')).toHaveText('1 row is marked do-not-contact in the file: its lead (new, or already in the app with the same phone or email) is do-not-contact: nothing more goes to GHL for it, and a contact already there gets do-not-disturb.');
  await expect(page.getByTestId('import-no-phone')).toContainText('2 new leads have no usable phone number');
  await screenshot(page, 'import-5-summary-facts');
});

// A review: a row kept for its email with a phone the import could not use ("555-0105") said "Imported, with a note" and
// offered no way to correct the number; the lead went to GHL with none to text.
test('review: the unusable phone of a row kept for its email can be corrected there', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createCompany(page);
  await openImportWizard(page);
  const csv = 'First Name,Last Name,Phone,Email\nTom,Short,555-0105,tom@example.com\nAnn,Fine,512-555-0142,ann@example.com\n';
  await page.locator('input[type=file]').setInputFiles({ name: 'short-phone.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Next: match columns' }).click();
  await page.getByRole('button', { name: 'Next: review' }).click();
  await expect(page.getByTestId('not-texted')).toContainText('1 new lead has no usable phone number');
  const tom = page.getByRole('table', { name: 'Problem rows' }).getByRole('row', { name: /Tom/ });
  await expect(tom).toContainText('To import, with a note');
  const phone = tom.getByRole('textbox', { name: 'Row 2 Phone' });
  await screenshot(page, 'import-3-review-phone-to-correct');
  await phone.fill('512-555-0105');
  await phone.press('Enter');
  await expect(page.getByTestId('fix-list')).toContainText('512-555-0105');
  // Every new lead can be texted now: the notice is gone, and so is the row's note.
  await expect(page.getByTestId('not-texted')).toHaveCount(0);
  await expect(page.getByText('No problems found: every row can be imported.')).toBeVisible();
  await screenshot(page, 'import-3-review-phone-corrected');
});

// A review: "+44 20 7946 0958" on a row with no country passed without a word (the lead read "London, US", and the
// campaign's US number would have texted it abroad). The review names it, with the phone field to correct it.
test('review: a number outside the US and Canada is named, and can be corrected there', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createCompany(page);
  await openImportWizard(page);
  const csv = 'First Name,Last Name,Phone,City\nAl,Hart,+44 20 7946 0958,London\nAnn,Fine,512-555-0142,Austin\n';
  await page.locator('input[type=file]').setInputFiles({ name: 'abroad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Next: match columns' }).click();
  await page.getByRole('button', { name: 'Next: review' }).click();
  const al = page.getByRole('table', { name: 'Problem rows' }).getByRole('row', { name: /Al/ });
  await expect(al).toContainText('is not a US or Canadian number (United Kingdom)');
  await expect(al.getByRole('textbox', { name: 'Row 2 Phone' })).toBeVisible();
  await screenshot(page, 'import-3-review-number-abroad');
});

// A review: Home Phone's "555-0199" fixed in the review went into Mobile's cell (the first phone column), and the row's
// good mobile number was lost. The fix goes into the cell it was typed for.
test('review: a second phone column’s number fixed there leaves the first column’s number as it is', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createCompany(page);
  await openImportWizard(page);
  const csv = 'First Name,Last Name,Mobile,Home Phone\nAnn,Lee,512-555-0142,555-0199\nBo,Fine,512-555-0150,\n';
  await page.locator('input[type=file]').setInputFiles({ name: 'two-phones.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Next: match columns' }).click();
  await page.getByRole('button', { name: 'Next: review' }).click();
  const ann = page.getByRole('table', { name: 'Problem rows' }).getByRole('row', { name: /Ann/ });
  const home = ann.getByRole('textbox', { name: 'Row 2 Home Phone' });
  await expect(home).toHaveValue('555-0199');
  await home.fill('512-555-0199');
  await home.press('Enter');
  await expect(page.getByTestId('fix-list')).toContainText('512-555-0199');
  await page.getByRole('button', { name: /^Import [\d,]+ new leads$/ }).click();
  await expect(page.getByText('Import finished')).toBeVisible({ timeout: 60_000 });
  const db = new Database(join(harness.dataDir, 'leads.sqlite'), { readonly: true });
  try {
    expect(db.prepare("SELECT phone, notes FROM leads WHERE first_name = 'Ann'").get()).toEqual({ phone: '+15125550142', notes: 'Home Phone: +15125550199' });
  } finally {
    db.close();
  }
});

// A column left out ("Flags") whose cells say DNC: the mapping step said nothing, and those customers were texted.
test('match columns: opt-outs in a column that is not imported are named, until it is mapped to Do not contact', async ({ page, harness }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(harness.url);
  await createCompany(page);
  await openImportWizard(page);
  // Eve's "DNC" is on row 33: past the 20 first rows the Columns step reads, not past the review, which reads them all.
  const more = Array.from({ length: 28 }, (_, i) => `Filler ${i},512-555-${String(1000 + i)},,Won`);
  const csv = ['Name,Mobile,Flags,Status', 'Ann Lee,512-555-0142,VIP,Won', 'Bo Fine,512-555-0150,DNC,Lost', 'Cy Moe,512-555-0151,,Do Not Contact', ...more, 'Eve Ray,512-555-0160,DNC,Won', ''].join('\n');
  await page.locator('input[type=file]').setInputFiles({ name: 'flags.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Next: match columns' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Opt-outs in a column that is not imported' });
  await expect(notice).toContainText('“Flags” is not imported, but it says “DNC” in 1 of the first 20 rows');
  await expect(notice).toContainText('Its other values, such as “VIP”, then keep their leads out too (the review lists them).');
  await screenshot(page, 'import-mapping-ignored-opt-outs');
  // Left so, the review says it again of the whole file (the step above saw its first rows only).
  await page.getByRole('button', { name: 'Next: review' }).click();
  await expect(page.getByTestId('ignored-opt-outs')).toContainText('“Flags” is not imported, but it says “DNC” in 2 of its 32 rows: if it marks customers who asked not to be texted, go back to Columns and map it to “Do not contact”');
  await screenshot(page, 'import-review-ignored-opt-outs');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await choose(page, 'Map column Flags', 'Do not contact');
  await expect(notice).toHaveCount(0);
  await page.getByRole('button', { name: 'Next: review' }).click();
  await expect(page.getByText(/rows? read|Rows that need a look/).first()).toBeVisible();
  await expect(page.getByTestId('ignored-opt-outs')).toHaveCount(0);
  await page.getByRole('button', { name: /^Import [\d,]+ new leads?$/ }).click();
  await expect(page.getByText('Import finished')).toBeVisible({ timeout: 60_000 });
  const db = new Database(join(harness.dataDir, 'leads.sqlite'), { readonly: true });
  try {
    // Bo by the Flags column, Cy by the old CRM's status; Ann by her "VIP" there, as the notice said.
    expect(db.prepare(`SELECT first_name AS name, do_not_contact AS dnc FROM leads WHERE first_name != 'Filler' ORDER BY id`).all()).toEqual([
      { name: 'Ann', dnc: 1 },
      { name: 'Bo', dnc: 1 },
      { name: 'Cy', dnc: 1 },
      { name: 'Eve', dnc: 1 },
    ]);
  } finally {
    db.close();
  }
});
