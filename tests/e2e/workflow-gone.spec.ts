import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGhlSimulator, type GhlSimulator } from '../../electron/ghl-sandbox/server';
import { expect, screenshot, test } from './harness';

const root = fileURLToPath(new URL('../..', import.meta.url));
const LOCATION = 'locWorkflowGoneAAAAAA';
const TOKEN = 'pit-workflow-gone-token-0123456789';
const COMPANY = 'Ridge Roofing';

/**
 * The real `rlm` bin on the harness' data folder; `input` goes to its stdin (the API key). Not spawnSync: the
 * simulator answering `rlm`'s checks with GHL runs in this process.
 */
async function rlm(dataDir: string, args: string[], input = ''): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, [join(root, 'scripts/rlm.cjs'), '--data-dir', dataDir, ...args, '--json'], { cwd: root });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`rlm ${args.join(' ')} failed: ${stdout}${stderr}`);
  return JSON.parse(stdout) as Record<string, unknown>;
}

test.use({ viewport: { width: 1366, height: 768 } });

let sim: GhlSimulator;
test.beforeEach(async () => {
  sim = await startGhlSimulator({ locations: [{ id: LOCATION, name: COMPANY, token: TOKEN, allowDuplicateContact: false }], seed: 11 });
});
test.afterEach(async () => {
  await sim.close();
});

test('a campaign workflow deleted in GHL pauses the company with what to do; choosing another sends the leads', async ({ page, harness }) => {
  await rlm(harness.dataDir, ['company', 'add', '--name', COMPANY, '--location-id', LOCATION, '--ghl-url', sim.url]);
  await rlm(harness.dataDir, ['company', 'set-key', '--company', COMPANY], `${TOKEN}\n`);
  const chosen = await rlm(harness.dataDir, ['company', 'set', '--company', COMPANY, '--workflow', 'Roof reactivation']);
  // Checked with GHL and stored by its id.
  expect(chosen).toMatchObject({ workflowId: `wf-${LOCATION}-reactivation`, workflowName: 'Roof reactivation' });
  // Deleted in GHL after it was chosen, before the leads went.
  sim.state.locations.get(LOCATION)!.workflows = [];
  // The dashboard is open while the leads come and the sync finds the workflow gone: the pause reaches it
  // without a reload (it kept "Sending: 3" and no word of the pause when the pause came after the load).
  await page.goto(harness.url);
  await expect(page.getByRole('row', { name: new RegExp(COMPANY) })).toBeVisible();
  for (let i = 0; i < 3; i++) await rlm(harness.dataDir, ['lead', 'add', '--company', COMPANY, '--first-name', `Lead${i}`, '--phone', `(512) 555-01${10 + i}`]);
  const alert = page.getByRole('alert').filter({ hasText: `${COMPANY}'s campaign workflow is gone from GHL` });
  await expect(alert).toBeVisible({ timeout: 15_000 });
  await expect(alert).toContainText('3 leads waiting');
  // Named as the office chose it, not by GHL's id (which it no longer lists).
  await expect(alert).toContainText('GHL no longer has the campaign\'s workflow “Roof reactivation”');
  await expect(alert).toContainText('Choose a published workflow');
  await expect(page.getByRole('row', { name: new RegExp(COMPANY) }).getByText('Needs a workflow')).toBeVisible();
  await screenshot(page, 'dashboard-workflow-gone');
  expect(sim.state.ledger.enrolments).toEqual([]);

  // The office publishes a new workflow in GHL and picks it in the company's settings.
  sim.state.locations.get(LOCATION)!.workflows = [{ id: 'wf-spring', name: 'Spring reactivation', status: 'published' }];
  await alert.getByRole('link', { name: 'Choose a workflow' }).click();
  const row = page.getByRole('row', { name: new RegExp(COMPANY) });
  await expect(row.getByText('Gone from GHL: choose another')).toBeVisible();
  await expect(row.getByText('Workflow “Roof reactivation”')).toBeVisible();
  // The link opens the company's own drawer (#/companies/ID), where the workflow is chosen.
  await expect(page.getByRole('dialog', { name: COMPANY })).toBeVisible();
  await expect(page.getByText('GHL no longer has the workflow “Roof reactivation” (deleted or unpublished there), so sending is paused.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Workflow' })).toHaveValue('Roof reactivation (not in GHL any more)');
  await screenshot(page, 'company-workflow-gone');
  await page.getByRole('combobox', { name: 'Workflow' }).click();
  await page.getByRole('option', { name: 'Spring reactivation' }).click();
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(page.getByText('GHL no longer has the workflow')).toHaveCount(0);

  await expect.poll(() => sim.state.ledger.enrolments.length, { timeout: 30_000 }).toBe(3);
  expect(sim.state.ledger.enrolments.every((e) => e.workflowId === 'wf-spring')).toBe(true);
  // The name chosen is kept with it, and the command line says it too.
  const listed = (await rlm(harness.dataDir, ['company', 'list'])) as unknown as Array<{ workflowName: string | null }>;
  expect(listed[0]).toMatchObject({ workflowId: 'wf-spring', workflowName: 'Spring reactivation' });
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'workflow is gone' })).toHaveCount(0);
});
