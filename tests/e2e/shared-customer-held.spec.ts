import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGhlSimulator, type GhlSimulator } from '../../electron/ghl-sandbox/server';
import { expect, screenshot, test } from './harness';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ALPHA = { id: 'locSharedAlphaAAAAAAA', name: 'Alder Roofing', token: 'pit-shared-alpha-token-0123456789' };
const BRAVO = { id: 'locSharedBravoAAAAAAA', name: 'Birch Roofing', token: 'pit-shared-bravo-token-0123456789' };

/** The real `rlm` bin on the harness' data folder; `input` goes to its stdin (the API key). */
async function rlm(dataDir: string, args: string[], input = ''): Promise<void> {
  const child = spawn(process.execPath, [join(root, 'scripts/rlm.cjs'), '--data-dir', dataDir, ...args, '--json'], { cwd: root });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(input);
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`rlm ${args.join(' ')} failed: ${output}`);
}

test.use({ viewport: { width: 1366, height: 768 } });

let sim: GhlSimulator;
test.beforeEach(async () => {
  sim = await startGhlSimulator({ locations: [ALPHA, BRAVO].map((loc) => ({ ...loc, allowDuplicateContact: false })), seed: 12 });
});
test.afterEach(async () => {
  await sim.close();
});

// A customer texted by Alder's campaign is imported at Birch later. Whether she replied STOP to Alder is known only to
// Alder's GHL, which does not answer now: her Birch lead waits, and the dashboard says for whom, beside Birch's other
// leads, which go.
test('a shared customer waits for the other company’s GHL, and the dashboard says so', async ({ page, harness }) => {
  for (const loc of [ALPHA, BRAVO]) {
    await rlm(harness.dataDir, ['company', 'add', '--name', loc.name, '--location-id', loc.id, '--ghl-url', sim.url, '--tag', 'roof-reactivation']);
    await rlm(harness.dataDir, ['company', 'set-key', '--company', loc.name], `${loc.token}\n`);
  }
  await rlm(harness.dataDir, ['lead', 'add', '--company', ALPHA.name, '--first-name', 'Ann', '--last-name', 'Lee', '--phone', '(512) 555-0142']);
  await page.goto(harness.url);
  await expect.poll(() => sim.contacts(ALPHA.id).length, { timeout: 30_000 }).toBe(1);
  sim.failNext('get-contact', '5xx', 1_000); // Alder's GHL does not answer the question
  await rlm(harness.dataDir, ['lead', 'add', '--company', BRAVO.name, '--first-name', 'Ann', '--last-name', 'Lee', '--phone', '512-555-0142']);
  await rlm(harness.dataDir, ['lead', 'add', '--company', BRAVO.name, '--first-name', 'Bo', '--last-name', 'Ray', '--phone', '512-555-0143']);

  const alert = page.getByRole('alert').filter({ hasText: `Some of ${BRAVO.name}'s leads wait for another company's GHL` });
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).toContainText(`${BRAVO.name}: 1 lead waiting — this customer is ${ALPHA.name}'s lead too`);
  // Its GHL did not answer (a 5xx): that passes by itself, and is not "check its key".
  await expect(alert).toContainText(`${ALPHA.name}'s GoHighLevel did not answer whether the customer opted out there`);
  await expect(alert).toContainText('It is asked again every few minutes');
  // It passes by itself: not "Needs you · Not until fixed".
  await expect(page.getByText('When GHL answers')).toBeVisible();
  await expect(page.getByText('Not until fixed')).toHaveCount(0);
  await expect(page.getByRole('row', { name: new RegExp(BRAVO.name) }).getByText('Some wait for another company')).toBeVisible();
  // Birch's other customer went; the shared one did not.
  await expect.poll(() => sim.contacts(BRAVO.id).map((contact) => contact.phone)).toEqual(['+15125550143']);
  // Her lead is all Birch has waiting: the plan says what it waits for, not "sending now · done today".
  const plan = page.getByLabel(`${BRAVO.name} sending plan`);
  await expect(plan.getByText('Waiting for another company’s GoHighLevel — the customers are its leads too')).toBeVisible();
  await expect(plan.getByText('sending now')).toHaveCount(0);
  await screenshot(page, 'dashboard-shared-customer-held');
});
