import type { Page } from '@playwright/test';
import { expect } from './harness';

/**
 * Imports a CSV through the wizard as staff do, with what it proposes (mapping, review), and waits for its end.
 * The drop zone takes files once the company is chosen (picked by itself when there is one): a file set before
 * that is ignored, hence the wait for the company.
 */
export async function importThroughWizard(page: Page, file: { company: string; name: string; csv: string }): Promise<void> {
  await page.getByRole('link', { name: 'Import leads' }).click();
  await expect(page.getByRole('combobox', { name: 'Company' })).toHaveValue(file.company);
  await page.locator('input[type=file]').setInputFiles({ name: file.name, mimeType: 'text/csv', buffer: Buffer.from(file.csv) });
  await page.getByRole('button', { name: 'Next: match columns' }).click();
  await page.getByRole('button', { name: 'Next: review' }).click();
  await page.getByRole('button', { name: /^Import [\d,]+ new leads$/ }).click();
  await expect(page.getByText('Import finished')).toBeVisible({ timeout: 60_000 });
}
