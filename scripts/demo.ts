// `npm run demo`: the whole app without a GoHighLevel account. Starts the browser harness on a
// temporary data folder with the GHL sandbox (the same one as the app's "Try with a sandbox"
// button: a local simulator and a demo company with its key in the OS keychain), prints the URL.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../electron/app/backend';
import { SANDBOX_LOCATION_ID, startSandbox } from '../electron/app/sandbox';
import { startHarness } from '../electron/harness/server';
import { removeOnExit, runMain, stopOnSignals } from '../electron/harness/process-lifetime';

// This file runs from scripts/ (source) or as out/node/demo.mjs (the build `npm run demo` starts).
const here = dirname(fileURLToPath(import.meta.url));
const root = [join(here, '..'), join(here, '../..')].find((dir) => existsSync(join(dir, 'package.json'))) ?? process.cwd();

async function main(): Promise<void> {
  if (!existsSync(join(root, 'out/renderer/index.html'))) {
    console.log('Building the app once (npm run build)…');
    execFileSync(join(root, 'node_modules/.bin/electron-vite'), ['build', '--config', './vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
  // The office's data folder (RLM_DATA_DIR, which `rlm` reads) is never the demo's: the demo adds its sandbox
  // company and starts sending for every company in its folder, so an office's queued leads went to their real
  // GHL. A folder of its own is a demo's scratch: it goes when the demo stops; one named by RLM_DEMO_DATA_DIR stays.
  const keptDir = process.env.RLM_DEMO_DATA_DIR || undefined;
  const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), 'rlm-demo-'));
  if (!keptDir) removeOnExit(dataDir);
  const backend = createBackend({ dataDir, processLabel: 'the demo (npm run demo)' });
  const realCompanies = backend.ctx.db.$client
    .prepare<[string], string>('SELECT name FROM companies WHERE ghl_location_id <> ? ORDER BY name')
    .pluck()
    .all(SANDBOX_LOCATION_ID);
  if (realCompanies.length > 0) {
    await backend.close();
    throw new Error(
      `RLM_DEMO_DATA_DIR (${dataDir}) holds companies that are not the demo's (${realCompanies.join(', ')}): the demo sends for every ` +
        'company in its folder, so it does not run there. Give it an empty folder, or unset RLM_DEMO_DATA_DIR for a temporary one.',
    );
  }
  // A temporary folder's keys go with it: each demo left its sandbox key in the OS keychain, under an account no
  // folder would ever read again (a review found them piling up in the keyring). A kept folder keeps its key.
  const forgetKeys = {
    close: async () => {
      if (keptDir) return;
      try {
        for (const { id } of backend.ctx.db.$client.prepare<[], { id: number }>('SELECT id FROM companies').all()) await backend.ctx.companies.removeApiKey(id);
      } catch {
        // Stopping goes on: the backend must still close (a key left behind is the lesser harm).
      }
    },
  };
  const sandbox = await startSandbox(backend.ctx).catch(async (error: Error) => {
    await giveUp(forgetKeys, backend);
    throw new Error(`${error.message}\n(The demo stores its sandbox key in your OS keychain.)`);
  });
  backend.ctx.watchOutsideChanges();
  backend.ctx.holdOpen();
  // A start that fails after the sandbox saved its key takes the key with it, as a stop does (it stayed behind).
  const harness = await startHarness({ ctx: backend.ctx, dispatch: backend.rendererDispatch }).catch(async (error: unknown) => {
    await giveUp(forgetKeys, backend);
    throw error;
  });
  const sync = await backend.call('sync:start', {});
  if (!sync.ok) {
    await giveUp(harness, forgetKeys, backend);
    throw new Error(sync.error.message);
  }

  // Before "Press Ctrl-C to stop": a Ctrl-C sent on reading it found no handler yet, and the default action killed
  // the demo without closing its database (CI caught the exit by signal).
  stopOnSignals(harness, forgetKeys, backend);
  console.log(`
Roofing Lead Manager demo
  Open:        ${harness.openUrl}
  GHL sandbox: ${sandbox.url} (contacts it received: ${sandbox.url}/__sim/contacts?locationId=${SANDBOX_LOCATION_ID})
  Data folder: ${dataDir}${keptDir ? ' (RLM_DEMO_DATA_DIR: kept)' : ' (temporary: removed when the demo stops)'}${
    process.env.RLM_DATA_DIR ? `\n               (not RLM_DATA_DIR: the demo never touches your office's data folder)` : ''
  }
  Sample CSV:  ${join(root, 'tests/fixtures/demo/old-crm-export.csv')} (messy on purpose: import it on the Import page)
Press Ctrl-C to stop.`);
}

/** Closes what a failed start had opened, in order, before the failure is printed and the demo exits 1. */
async function giveUp(...closables: Array<{ close(): Promise<void> }>): Promise<void> {
  for (const closable of closables) await closable.close().catch(() => undefined);
}

runMain(main);
