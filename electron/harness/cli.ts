import { parseArgs } from 'node:util';
import { createBackend } from '../app/backend';
import { resumeSandboxIfUsed } from '../app/sandbox';
import { emptyDataDirVariable } from '../core/data-dir';
import { startHarness } from './server';
import { runMain, stopOnSignals } from './process-lifetime';

/**
 * Options npm kept for itself: `npm run web --data-dir=DIR` (no `--` before it) sets npm's own config, passed on
 * only as npm_config_data_dir, and the app started on the office's default folder and began sending there (a
 * README review). Said instead, as bad arguments are.
 */
function optionsNpmTook(args: readonly string[]): string[] {
  if (process.env.npm_lifecycle_event === undefined) return [];
  const isGiven = (name: string) => args.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  return ['data-dir', 'port'].filter((name) => !isGiven(name) && process.env[`npm_config_${name.replace('-', '_')}`] !== undefined);
}

/** `npm run web -- [--data-dir DIR] [--port N]`: the app in any browser on this machine. */
async function main(): Promise<void> {
  // Before the arguments are read: `npm run web --data-dir DIR` (a space) hands the script DIR alone, which read as
  // an unexpected argument, without the hint.
  const taken = optionsNpmTook(process.argv.slice(2));
  if (taken.length > 0) {
    const options = taken.map((name) => `--${name}`).join(' and ');
    console.error(`npm kept ${options} for itself, so the app did not start. Put -- before the app's options: npm run web -- ${taken.map((name) => `--${name} ${name === 'port' ? 'N' : 'DIR'}`).join(' ')}`);
    process.exit(2);
  }
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, 'renderer-dir': { type: 'string' } },
    allowPositionals: false,
  });
  const emptyVariable = emptyDataDirVariable(values['data-dir']);
  if (emptyVariable !== null) {
    console.error(`${emptyVariable} The app did not start.`);
    process.exit(2);
  }
  // `--data-dir "$DIR"` with DIR unset: resolve('') made the current folder the data folder (a review).
  if (values['data-dir'] !== undefined && !values['data-dir'].trim()) {
    console.error('--data-dir is empty, so the app did not start: give it a folder.');
    process.exit(2);
  }
  const backend = createBackend({ dataDir: values['data-dir'], processLabel: 'the app in a browser (npm run web)' });
  backend.ctx.watchOutsideChanges();
  backend.ctx.holdOpen();
  const harness = await startHarness({
    ctx: backend.ctx,
    dispatch: backend.rendererDispatch,
    port: values.port ? Number(values.port) : 0,
    rendererDir: values['renderer-dir'],
  });
  // The demo company's sandbox, before sending starts: its leads would try the last run's port.
  await resumeSandboxIfUsed(backend.ctx);
  // Another program sending (an `rlm sync`): this one starts once that one is done (SyncService.startWhenFree).
  let syncNote: string | null = null;
  try {
    if (backend.ctx.sync.startWhenFree().state === 'stopped') syncNote = 'Sync waits: another program is sending; this one starts once it is done';
  } catch (error) {
    syncNote = `Sync not started: ${error instanceof Error ? error.message : String(error)}`;
  }
  // Before the lines that say it runs: a Ctrl-C sent on reading them found no handler yet, and the default action
  // killed the process without closing the database.
  stopOnSignals(harness, backend);
  if (syncNote) console.log(syncNote);
  // Tests read this line to find the URL; keep its shape.
  console.log(`Roofing Lead Manager is running at ${harness.openUrl}`);
  console.log(`Data directory: ${backend.ctx.dataDir}`);
}

runMain(main);
