/**
 * A restore whose replaced database could not be read (electron/core/optouts/carry-over.ts): the opt-outs made
 * since the backup are not on the list, and the dashboard says so first, at every start, until the office lets it go.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, screenshot, startHarness, stopHarness, test } from './harness';

const root = fileURLToPath(new URL('../..', import.meta.url));
function rlm(dataDir: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [join(root, 'scripts/rlm.cjs'), '--data-dir', dataDir, ...args], { encoding: 'utf8', cwd: root });
}

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
    await expect(warning.getByRole('listitem').filter({ hasText: 'Add them on the Opt-outs page' })).toBeVisible();
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

test('a restore made from the command line while the app is open is said to wait, above the old figures', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rlm-e2e-restore-'));
  const backupFile = join(mkdtempSync(join(tmpdir(), 'rlm-e2e-backup-')), 'monday.sqlite');
  expect(rlm(dataDir, ['company', 'add', '--name', 'Summit Roofing', '--location-id', 'locSummit42']).status).toBe(0);
  expect(rlm(dataDir, ['backup', backupFile]).status).toBe(0);
  const harness = await startHarness(dataDir);
  try {
    await page.goto(harness.url);
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    // The app sends from this database (it holds the runner lock): the restore cannot swap in under it.
    const restore = rlm(dataDir, ['restore', backupFile]);
    expect(restore.status).toBe(0);
    expect(restore.stdout).toContain(`It waits: the app in a browser (npm run web) in process ${harness.process.pid} still has the database open`);
    await page.reload();
    const waiting = page.getByRole('status', { name: 'The restore has not happened yet' });
    await expect(waiting).toContainText('A restored backup is waiting: it replaces the database when this program is started again.');
    await expect(waiting).toContainText('what changes meanwhile is lost, except opt-outs');
    await screenshot(page, 'dashboard-restore-waiting');
  } finally {
    await stopHarness(harness);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
