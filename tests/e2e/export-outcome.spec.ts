import { expect, test } from './harness';

test.use({ viewport: { width: 1366, height: 768 } });

/**
 * "N leads exported" is said only when a copy was written: a closed save dialog says nothing, and a copy
 * that could not be written says why (in Electron main answers the outcome; the harness downloads, so the
 * outcome is played here by replacing the page's file bridge).
 */
test('Export CSV: a closed save dialog says nothing, a failed write says why, a written copy says how many', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.evaluate(async () => {
    const company = await window.api.companies.create({ name: 'Summit Roofing', ghlLocationId: 'locSummit42' });
    if (!company.ok) throw new Error(company.error.message);
    for (const phone of ['(303) 555-0101', '(303) 555-0102']) {
      const created = await window.api.leads.create({ companyId: company.value.id, firstName: 'Ana', phone });
      if (!created.ok) throw new Error(created.error.message);
    }
  });
  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  await expect(page.getByLabel('How many leads')).toContainText('2 leads.');
  const exportButton = page.getByRole('button', { name: 'Export CSV' });

  await page.evaluate(() => {
    window.api.files.saveCopy = async () => 'cancelled';
  });
  await exportButton.click();
  await expect(exportButton).toBeEnabled();
  // Give a toast the time it would take to appear, then count once (a toast closes itself after a while,
  // so a retrying assertion would pass once it had gone).
  await page.waitForTimeout(500);
  expect(await page.getByText(/leads exported/).count()).toBe(0);

  await page.evaluate(() => {
    window.api.files.saveCopy = async () => {
      throw new Error('/media/usb/leads.csv could not be written: the disk is full. Free some space or choose another place.');
    };
  });
  await exportButton.click();
  await expect(page.getByText('Export failed')).toBeVisible();
  await expect(page.getByText(/^\/media\/usb\/leads\.csv could not be written: the disk is full/)).toBeVisible();
  await expect(page.getByText(/leads exported/)).toHaveCount(0);

  await page.evaluate(() => {
    window.api.files.saveCopy = async () => 'saved';
  });
  await exportButton.click();
  await expect(page.getByText('2 leads exported.')).toBeVisible();
});
