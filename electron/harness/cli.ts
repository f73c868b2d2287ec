import { parseArgs } from 'node:util';
import { createBackend } from '../core/app/backend';
import { startHarness } from './server';

/** `npm run web -- [--data-dir DIR] [--port N]`: the app in any browser on this machine. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, 'renderer-dir': { type: 'string' } },
    allowPositionals: false,
  });
  const backend = createBackend({ dataDir: values['data-dir'] });
  const harness = await startHarness({
    ctx: backend.ctx,
    dispatch: backend.dispatch,
    port: values.port ? Number(values.port) : 0,
    rendererDir: values['renderer-dir'],
  });
  const sync = await backend.call('sync:start', {});
  if (!sync.ok) console.log(`Sync not started: ${sync.error.message}`);
  // Tests read this line to find the URL; keep its shape.
  console.log(`Roofing Lead Manager is running at ${harness.openUrl}`);
  console.log(`Data directory: ${backend.ctx.dataDir}`);
  const stop = async () => {
    await harness.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
