import { parseArgs } from 'node:util';
import { createBackend } from '../app/backend';
import { startHarness } from './server';
import { runMain, stopOnSignals } from './process-lifetime';

/** `npm run web -- [--data-dir DIR] [--port N]`: the app in any browser on this machine. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, 'renderer-dir': { type: 'string' } },
    allowPositionals: false,
  });
  const backend = createBackend({ dataDir: values['data-dir'], processLabel: 'the app in a browser (npm run web)' });
  backend.ctx.watchOutsideChanges();
  backend.ctx.holdOpen();
  const harness = await startHarness({
    ctx: backend.ctx,
    dispatch: backend.rendererDispatch,
    port: values.port ? Number(values.port) : 0,
    rendererDir: values['renderer-dir'],
  });
  const sync = await backend.call('sync:start', {});
  // Before the lines that say it runs: a Ctrl-C sent on reading them found no handler yet, and the default action
  // killed the process without closing the database.
  stopOnSignals(harness, backend);
  if (!sync.ok) console.log(`Sync not started: ${sync.error.message}`);
  // Tests read this line to find the URL; keep its shape.
  console.log(`Roofing Lead Manager is running at ${harness.openUrl}`);
  console.log(`Data directory: ${backend.ctx.dataDir}`);
}

runMain(main);
