/**
 * A restore whose replaced database could not be read (electron/core/optouts/carry-over.ts): the opt-outs made
 * since the backup are not on the list, and the dashboard says so first, at every start, until the office lets it go.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, screenshot, startHarness, stopHarness, test } from './harness';

test.use({ viewport: { width: 1366, height: 768 } });

test('the dashboard says first that opt-outs a restore could not carry over may be missing', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rlm-e2e-restore-'));
  // What a restore leaves when the file it replaced is gone or unreadable: the marker naming it.
  writeFileSync(join(dataDir, 'leads.sqlite.carry-opt-outs'), JSON.stringify({ replacedFiles: [join(dataDir, 'backups', 'replaced-by-restore-damaged.sqlite')] }));
  const harness = await startHarness(dataDir);
  try {
    await page.goto(harness.url);
    const warning = page.getByRole('alert', { name: 'Opt-outs may be missing' });
    await expect(warning).toContainText('The opt-outs made since the backup could not be read');
    await expect(warning).toContainText('add them on the Opt-outs page');
    await screenshot(page, 'dashboard-restore-warning');
    // The office has dealt with it: Done, asked twice, ends it for good (it said to delete a file in the data folder).
    await warning.getByRole('button', { name: 'Done' }).click();
    await warning.getByRole('button', { name: 'Not yet' }).click();
    await expect(warning).toBeVisible();
    await warning.getByRole('button', { name: 'Done' }).click();
    await warning.getByRole('button', { name: 'Yes, hide it' }).click();
    await expect(page.getByRole('alert', { name: 'Opt-outs may be missing' })).toHaveCount(0);
    expect(existsSync(join(dataDir, 'leads.sqlite.carry-opt-outs'))).toBe(false);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expect(page.getByRole('alert', { name: 'Opt-outs may be missing' })).toHaveCount(0);
  } finally {
    await stopHarness(harness);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
