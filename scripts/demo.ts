// `npm run demo`: the whole app without a GoHighLevel account. Starts the GHL sandbox (the
// simulator from tests/ghl-sim) and the browser harness on a temporary data folder, creates a demo
// company pointed at the sandbox with its key in the OS keychain, and prints the URL to open.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../electron/core/app/backend';
import { startHarness } from '../electron/harness/server';
import { startGhlSimulator } from '../tests/ghl-sim/server';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_LOCATION = 'demoLocation000000001';
const DEMO_TOKEN = `pit-demo-${Math.random().toString(36).slice(2)}-sandbox`;

async function main(): Promise<void> {
  if (!existsSync(join(root, 'out/renderer/index.html'))) {
    console.log('Building the app once (npm run build)…');
    execFileSync(join(root, 'node_modules/.bin/electron-vite'), ['build', '--config', './vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
  const sandbox = await startGhlSimulator({
    locations: [{ id: DEMO_LOCATION, name: 'Demo Roofing (sandbox)', token: DEMO_TOKEN, allowDuplicateContact: false }],
    latencyMs: 120,
  });
  const dataDir = process.env.RLM_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'rlm-demo-'));
  const backend = createBackend({ dataDir });
  const created = await backend.call('companies:create', {
    name: 'Demo Roofing',
    ghlLocationId: DEMO_LOCATION,
    ghlBaseUrl: sandbox.url,
    ownerName: 'Pat Demo',
  });
  if (!created.ok) throw new Error(created.error.message);
  const keySet = await backend.call('companies:setKey', { id: created.value.id, apiKey: DEMO_TOKEN });
  if (!keySet.ok) throw new Error(`${keySet.error.message}\n(The demo stores its sandbox key in your OS keychain.)`);
  const harness = await startHarness({ ctx: backend.ctx, dispatch: backend.dispatch });
  const sync = await backend.call('sync:start', {});
  if (!sync.ok) throw new Error(sync.error.message);

  console.log(`
Roofing Lead Manager demo
  Open:        ${harness.openUrl}
  GHL sandbox: ${sandbox.url} (location ${DEMO_LOCATION}; contacts it received: ${sandbox.url}/__sim/contacts?locationId=${DEMO_LOCATION})
  Data folder: ${dataDir}
  Sample CSV:  ${join(root, 'tests/fixtures/demo/old-crm-export.csv')} (messy on purpose: import it on the Import page)
Press Ctrl-C to stop.`);

  const stop = async () => {
    await harness.close();
    await backend.close();
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
