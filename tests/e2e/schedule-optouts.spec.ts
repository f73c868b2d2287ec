import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, screenshot, test } from './harness';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The real `rlm` bin on the harness' data folder (SQLite in WAL mode: both processes read and write it). */
function rlm(dataDir: string, args: string[]): unknown {
  const result = spawnSync(process.execPath, [join(root, 'scripts/rlm.cjs'), '--data-dir', dataDir, ...args, '--json'], { encoding: 'utf8', cwd: root });
  if (result.status !== 0) throw new Error(`rlm ${args.join(' ')} failed: ${result.stdout}${result.stderr}`);
  return JSON.parse(result.stdout) as unknown;
}

// What an office PC shows: the schedule and the list must read well at 1366×768.
test.use({ viewport: { width: 1366, height: 768 } });

test('the schedule form: defaults, the legal floor in plain words, saved and shown in the list', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('link', { name: 'Companies' }).click();
  await page.getByRole('button', { name: 'Add company' }).click();
  const form = page.getByRole('form', { name: 'New company' });
  await expect(form.getByLabel('Campaign tag')).toHaveValue('reactivation');
  await expect(form.getByText('Your GHL workflow must start on this exact tag')).toBeVisible();
  await form.getByLabel('Company name').fill('Summit Roofing');
  await form.getByLabel('GHL location ID').fill('locSummit42');
  await form.getByRole('button', { name: 'Create company' }).click();

  const schedule = page.getByRole('form', { name: 'Sending schedule' });
  await expect(schedule.getByTestId('schedule-summary')).toHaveText("At most 100 leads a day start the campaign, Mon–Sat 10:00–19:00 in each lead's own time; the last starts 10 minutes before the close.");
  // No lead waits yet: the plan says today's count against the cap and nothing more.
  const now = page.getByRole('region', { name: 'Where sending stands' });
  await expect(now.getByTestId('plan-today')).toHaveText('0 of 100 today');
  await expect(now.getByText('Nothing waits to go. Leads you queue go on the schedule below.')).toBeVisible();
  // The default hours are the office's own; only the states with rules of their own are noted (not as a warning).
  await expect(schedule.getByTestId('schedule-floor')).toContainText('State laws narrow these hours for some leads');
  await expect(schedule.getByTestId('schedule-floor')).toContainText('10:00–18:00 for leads in Rhode Island');

  await schedule.getByLabel('Leads per day').fill('40');
  await schedule.getByLabel('Leads per hour').fill('60');
  await expect(schedule.getByText('At or above the leads per day: it changes nothing')).toBeVisible();
  await schedule.getByLabel('Leads per hour').fill('8');
  await schedule.getByLabel('From').fill('06:00');
  await schedule.getByLabel('Until').fill('23:00');
  // Typed and shown on a 24-hour clock like every time on the page (a native time field showed "06:00 AM").
  await expect(schedule.getByLabel('From')).toHaveAttribute('placeholder', 'HH:MM');
  await schedule.getByText('Sat', { exact: true }).click();
  const floor = schedule.getByTestId('schedule-floor');
  await expect(floor).toContainText('The law narrows these hours');
  await expect(floor).toContainText("Your window 06:00–23:00 is held to 08:00–21:00, the legal limit in each lead's own time; 08:00–20:00 for leads in Alabama, Florida");
  await expect(floor).toContainText('No texts on legal holidays to leads in Alabama, Louisiana, Mississippi, Pennsylvania, Rhode Island and Utah');
  await expect(schedule.getByTestId('schedule-summary')).toHaveText("At most 40 leads a day (at most 8 an hour) start the campaign, Mon–Fri 08:00–21:00 (the legal limit; you set 06:00–23:00) in each lead's own time; the last starts 10 minutes before the close.");
  await schedule.getByRole('combobox', { name: 'Company time zone' }).click();
  await schedule.getByRole('combobox', { name: 'Company time zone' }).fill('Denver');
  // Named as the page names it (it listed 400 IANA ids such as "America/Denver").
  await page.getByRole('option', { name: 'Mountain Time (Denver)' }).click();
  await schedule.getByLabel('Start sending on').fill('2027-01-04');
  // Days off: the coming year's US holidays in one press (the suite's clock is Dec 2, 2026), one removed, one added.
  const daysOff = schedule.getByRole('list', { name: 'Days off' });
  await schedule.getByRole('button', { name: 'Add US holidays' }).click();
  await expect(daysOff.getByRole('listitem')).toHaveText([
    'Fri, Dec 25, 2026 · Christmas Day',
    'Fri, Jan 1, 2027 · New Year’s Day',
    'Mon, May 31, 2027 · Memorial Day',
    'Sun, Jul 4, 2027 · Independence Day',
    'Mon, Jul 5, 2027 · Independence Day (observed)',
    'Mon, Sep 6, 2027 · Labor Day',
    'Thu, Nov 25, 2027 · Thanksgiving',
  ]);
  await expect(schedule.getByRole('button', { name: 'US holidays added' })).toBeDisabled();
  await daysOff.getByRole('button', { name: 'Remove Mon, May 31, 2027' }).click();
  await schedule.getByLabel('Day off to add').fill('2026-12-24');
  await schedule.getByRole('button', { name: 'Add day off' }).click();
  await expect(daysOff.getByRole('listitem').first()).toHaveText('Thu, Dec 24, 2026');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(schedule.getByText('Schedule saved')).toBeVisible();
  await expect(schedule.getByTestId('schedule-summary')).toHaveText(
    "At most 40 leads a day (at most 8 an hour) start the campaign, Mon–Fri 08:00–21:00 (the legal limit; you set 06:00–23:00) in each lead's own time, from Jan 4, 2027; the last starts 10 minutes before the close. " +
      "No lead starts on Dec 24, Dec 25, Jan 1, Jul 4 and 3 more (days off, in each lead's own calendar).",
  );
  await schedule.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(root, 'test-results/screenshots/schedule-form.png'), animations: 'disabled' });

  // A bad value is refused in words, before anything is sent.
  // 0 a day was turned into 1 as the field lost focus, and saved: an office stopping the campaign kept texting.
  await schedule.getByLabel('Leads per day').fill('0');
  await schedule.getByLabel('Leads per hour').focus();
  await expect(schedule.getByLabel('Leads per day')).toHaveValue('0');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(schedule.getByText('The daily cap must be at least 1 (pause the company to stop sending)')).toBeVisible();
  await schedule.getByLabel('Leads per day').fill('40');
  await schedule.getByLabel('Until').fill('05:00');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(schedule.getByText('The sending window must end after it starts')).toBeVisible();
  // The summary above no longer describes the last good schedule while a field is wrong.
  await expect(schedule.getByTestId('schedule-summary')).toHaveText('Fix the fields marked below to see what this schedule does.');

  await page.reload();
  await page.getByRole('link', { name: 'Companies' }).click();
  const row = page.getByRole('row', { name: /Summit Roofing/ });
  // The hours texts go at, not only the hours set (it read 'Mon–Fri 06:00–23:00' for texts that never go before 08:00).
  await expect(row).toContainText('40 a day, 8 an hour, Mon–Fri 08:00–21:00 (you set 06:00–23:00)');
  await expect(row).toContainText('Some states allow fewer hours (see Edit)');
  await expect(row).toContainText("hours in each lead's own time · the daily count restarts at midnight Mountain Time (Denver) · from Jan 4, 2027");
  await expect(row).toContainText('7 days off ahead');
  await expect(row).toContainText('Tag reactivation');
  await screenshot(page, 'schedule-companies-list');
  expect(rlm(harness.dataDir, ['company', 'list'])).toMatchObject([{ schedule: { dailyCap: 40, hourlyCap: 8, sendDays: ['mon', 'tue', 'wed', 'thu', 'fri'], timeZone: 'America/Denver', startDate: '2027-01-04', daysOff: ['2026-12-24', '2026-12-25', '2027-01-01', '2027-07-04', '2027-07-05', '2027-09-06', '2027-11-25'] } }]);
});

test("saving the schedule sends only what was changed: a zone adopted from GHL while the panel was open is not overwritten by the panel's old one", async ({ page, harness }) => {
  await page.goto(harness.url);
  const companyId = await page.evaluate(async () => {
    const company = await window.api.companies.create({ name: 'Summit Roofing', ghlLocationId: 'locSummit42' });
    if (!company.ok) throw new Error(company.error.message);
    return company.value.id;
  });
  await page.getByRole('link', { name: 'Companies' }).click();
  await page.getByRole('button', { name: 'Edit' }).first().click();
  const schedule = page.getByRole('form', { name: 'Sending schedule' });
  await expect(schedule.getByRole('combobox', { name: 'Company time zone' })).toHaveValue('UTC');

  // Meanwhile (as saving the key adopts the GHL location's zone) the company's zone becomes Chicago's.
  await page.evaluate(async (id) => {
    const updated = await window.api.companies.update({ id, patch: { schedule: { timeZone: 'America/Chicago' } } });
    if (!updated.ok) throw new Error(updated.error.message);
  }, companyId);
  await expect(schedule.getByRole('combobox', { name: 'Company time zone' })).toHaveValue('Central Time (Chicago)');

  await schedule.getByLabel('Leads per day').fill('20');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(schedule.getByText('Schedule saved')).toBeVisible();
  const stored = await page.evaluate(async (id) => {
    const company = await window.api.companies.get({ id });
    if (!company.ok) throw new Error(company.error.message);
    return { dailyCap: company.value.schedule.dailyCap, timeZone: company.value.schedule.timeZone };
  }, companyId);
  expect(stored).toEqual({ dailyCap: 20, timeZone: 'America/Chicago' });
});

test('the opt-out page: add (waiting leads become do-not-contact), import a STOP report, search, remove with a reason', async ({ page, harness }) => {
  rlm(harness.dataDir, ['company', 'add', '--name', 'Summit Roofing', '--location-id', 'locSummit42']);
  rlm(harness.dataDir, ['company', 'add', '--name', 'Ridge Roofing', '--location-id', 'locRidge042']);
  const ann = rlm(harness.dataDir, ['lead', 'add', '--company', 'Summit Roofing', '--first-name', 'Ann', '--phone', '512-555-0142']) as { id: number };
  rlm(harness.dataDir, ['lead', 'add', '--company', 'Ridge Roofing', '--first-name', 'Ann', '--phone', '(512) 555 0142']);

  await page.goto(harness.url);
  await page.getByRole('link', { name: 'Opt-outs' }).click();
  await expect(page.getByText('The list is empty.')).toBeVisible();

  const add = page.getByRole('form', { name: 'Add to the opt-out list' });
  await add.getByLabel('Phone or email').fill('555-01');
  await add.getByRole('button', { name: 'Add to the list' }).click();
  await expect(add.getByText(/too short/)).toBeVisible();
  await add.getByLabel('Phone or email').fill('512.555.0142');
  await add.getByLabel('Reason (optional)').fill('Called the office: no more texts');
  await add.getByRole('button', { name: 'Add to the list' }).click();
  await expect(add.getByRole('status')).toHaveText('(512) 555-0142 is on the list. 2 leads are now do-not-contact; GHL is told for any it already has.');

  const report = join(harness.dataDir, 'stop-report.csv');
  writeFileSync(report, ['Number,Received,Message', '(512) 555-0143,2025-03-01,STOP', '+1 512 555 0144,2025-03-01,stop', '5125550142,2025-03-02,STOP', '555-01,2025-03-02,STOP', 'Carol@Example.com,2025-03-03,STOP'].join('\n'));
  await page.locator('input[type=file]').setInputFiles(report);
  const result = page.getByTestId('optout-import-result');
  await expect(result).toContainText('3 added · 1 already on the list · 1 not a phone number or email');
  await expect(result).toContainText('Row 5: "555-01"');
  const table = page.getByRole('table', { name: 'Opt-out list' });
  await expect(page.getByTestId('optout-total')).toHaveText('4 on the list');
  await expect(table.getByRole('row', { name: /\(512\) 555-0142/ })).toContainText('Called the office: no more texts');
  await page.screenshot({ path: join(root, 'test-results/screenshots/optouts-page.png'), animations: 'disabled' });

  await page.getByRole('textbox', { name: 'Search opt-outs' }).fill('(512) 555-0143');
  await expect(page.getByTestId('optout-total')).toHaveText('1 on the list matching');
  await table.getByRole('button', { name: 'Remove (512) 555-0143' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove from the opt-out list?' });
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(dialog.getByText('Say why this number or email may be contacted again')).toBeVisible();
  await dialog.getByLabel('Why?').fill('Customer asked for a quote again');
  await screenshot(page, 'optouts-remove');
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Nothing on the list matches this search.')).toBeVisible();

  // The leads marked when their number was added stay do-not-contact (in both companies).
  expect(rlm(harness.dataDir, ['lead', 'get', '--id', String(ann.id)])).toMatchObject({ status: 'do-not-contact', doNotContact: true });
});
