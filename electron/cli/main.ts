import type { Backend } from '../app/backend';
import { version } from '../../package.json';
import { AppError } from '../core/errors';
import { emptyDataDirVariable } from '../core/data-dir';
import { discardWarmImportWorker, warmUpImportWorker } from '../core/imports/warm-import-worker';
import { CliUsageError, createOutput, type Output } from './output';

type Command = (backend: Backend, args: string[], out: Output) => Promise<void>;

/** Run with no database opened: `rlm restore` must work on a data folder whose database is damaged. */
type CommandWithoutDatabase = (dataDir: string | undefined, args: string[], out: Output) => Promise<void>;

type LoadedCommand = ({ run: Command } | { withoutDatabase: CommandWithoutDatabase }) & {
  /** Its part of `rlm --help`; empty when another command's usage covers it. */
  usage: string;
  /** What `rlm COMMAND --help` prints, when not its `usage`. */
  help?: string;
  /**
   * Judges the arguments before the data folder is looked at: `rlm status --force` on a missing folder said "There
   * is no data" (exit 1) rather than naming the option it does not take (exit 2).
   */
  checkArgs?: (args: string[]) => unknown;
};

/**
 * Each top-level command lives in its own file under commands/; register it here. Modules are
 * loaded on use (dynamic import: a chunk of its own in the bundle), so `rlm --help` and
 * `rlm --version` read no database code. A command module keeps its top-level imports light
 * (types, output.ts, node:*): `--help` loads every one for its usage text
 * (tests/unit/cli/cli-startup.test.ts checks it).
 */
export const commands: Record<string, () => Promise<LoadedCommand>> = {
  company: () => import('./commands/company').then((m) => ({ run: m.companyCommand, usage: m.companyUsage })),
  backup: () => import('./commands/backup').then((m) => ({ run: m.backupCommand, usage: m.backupUsage, checkArgs: m.checkBackupArgs })),
  restore: () =>
    import('./commands/backup').then((m) => ({
      withoutDatabase: m.restoreCommand,
      usage: '',
      help: m.backupUsage,
    })),
  lead: () => import('./commands/lead').then((m) => ({ run: m.leadCommand, usage: m.leadUsage })),
  import: () => import('./commands/import').then((m) => ({ run: m.importCommand, usage: m.importUsage })),
  export: () => import('./commands/export').then((m) => ({ run: m.exportCommand, usage: m.exportUsage, checkArgs: m.exportArgs })),
  send: () => import('./commands/send').then((m) => ({ run: m.sendCommand, usage: m.sendUsage, checkArgs: m.sendArgs })),
  sync: () => import('./commands/sync').then((m) => ({ run: m.syncCommand, usage: m.syncUsage, checkArgs: m.checkSyncArgs })),
  status: () => import('./commands/sync').then((m) => ({ run: m.statusCommand, usage: m.statusUsage, checkArgs: m.checkStatusArgs })),
  optout: () => import('./commands/optout').then((m) => ({ run: m.optoutCommand, usage: m.optoutUsage })),
};

async function usage(): Promise<string> {
  const loaded = await Promise.all(Object.values(commands).map((load) => load()));
  return [
    'Roofing Lead Manager command line',
    '',
    'Global options: --data-dir DIR (or RLM_DATA_DIR), --json, --version',
    '',
    'Exit codes: 0 done; 1 error; 2 bad arguments or a value the app refuses; 3 rlm sync --until-idle left leads that cannot go without you',
    '(no key, key refused, daily limit, paused, workflow gone from GHL: see "blocked"), or company set-key found GHL refusing the key or',
    'without the workflow, or company test found GHL refusing the key or unreachable; 4 --timeout reached; 5 leads failed in this sync run, or in one stopped before its report (3 wins when both hold:',
    'read "failedThisRun" in --json);',
    '130 interrupted. rlm COMMAND --help: that command\'s usage.',
    '',
    ...loaded.map((c) => c.usage).filter(Boolean),
  ].join('\n');
}

/**
 * Pulls the global options out wherever they appear, leaving the command's own arguments. A
 * `--data-dir` with no folder (a script's `--data-dir "$DIR"` with DIR unset) is an error, never the
 * office's own data folder.
 */
function splitGlobals(argv: string[], env: NodeJS.ProcessEnv = process.env): { dataDir?: string; isJson: boolean; rest: string[] } {
  const rest: string[] = [];
  let dataDir: string | undefined;
  let isJson = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') isJson = true;
    else if (arg === '--data-dir' || arg.startsWith('--data-dir=')) {
      dataDir = arg === '--data-dir' ? argv[++i] : arg.slice('--data-dir='.length);
      if (!dataDir?.trim() || dataDir.startsWith('-')) throw new CliUsageError('--data-dir needs a folder (e.g. --data-dir ./office-data).');
    } else rest.push(arg);
  }
  // The same for the variable.
  const emptyVariable = emptyDataDirVariable(dataDir, env);
  if (emptyVariable !== null) throw new CliUsageError(emptyVariable);
  return { dataDir, isJson, rest };
}

/**
 * Whether the command works on what a data folder already holds. On a folder that did not exist such a command made
 * it, then reported nothing as if all were well: a mistyped `--data-dir` made a new empty folder, and `rlm sync
 * --until-idle` said "Everything went: 0 synced" (exit 0) while the office's leads waited in the real one;
 * `rlm company list` said "(none)". Only what starts an office's data may make the folder: a company, opt-outs
 * (an import or a lead needs a company first).
 */
const STARTS_DATA: Readonly<Record<string, readonly string[]>> = { company: ['add'], optout: ['add', 'import'] };
const needsExistingData = (name: string, args: readonly string[]) => !(STARTS_DATA[name] ?? []).includes(args[0] ?? '');

async function refuseFolderWithoutData(flag: string | undefined): Promise<void> {
  const [{ existsSync }, { dataDirPath }] = await Promise.all([import('node:fs'), import('../core/data-dir')]);
  const dir = dataDirPath(flag);
  // A folder that exists is the office's to fill (a new one is set up by pointing rlm at it); one that does not is a typo.
  if (existsSync(dir)) return;
  throw new AppError(
    'not-found',
    `There is no Roofing Lead Manager data in ${dir}: the folder does not exist (nothing was created). Check --data-dir or RLM_DATA_DIR; a new office starts with rlm company add.`,
  );
}

/** The CLI's own usage errors and node:util parseArgs' (an unknown option, a missing value): exit 2. */
const isUsage = (error: unknown) => error instanceof CliUsageError || String((error as { code?: unknown } | null)?.code ?? '').startsWith('ERR_PARSE_ARGS');

/**
 * parseArgs' words for an unknown option go on about placing "a positional argument starting with a '-'" after
 * `--`: a mistyped option is far likelier than a file named "-x" (backup.ts refuses one; ./-x.csv names it
 * elsewhere), so the office is pointed at the command's help instead.
 */
function errorMessage(error: unknown, command: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if ((error as { code?: unknown } | null)?.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return message;
  return `${message.replace(/\. To specify a positional argument .*$/s, '')}. rlm ${command} --help lists what it takes.`;
}

/** Only time is at stake: a thread that cannot start (a source run before the build) is the import's to report, after the command's own checks. */
function warmUp(): void {
  try {
    warmUpImportWorker();
  } catch {
    // The import starts a worker of its own and says what is missing.
  }
}

export async function runCli(argv: string[]): Promise<number> {
  let globals;
  try {
    globals = splitGlobals(argv);
  } catch (error) {
    const message = (error as Error).message;
    if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ error: { code: 'validation', message } })}\n`);
    else process.stderr.write(`Error: ${message}\n`);
    return 2;
  }
  const { dataDir, isJson, rest } = globals;
  const out = createOutput(isJson);
  const [name, ...args] = rest;
  if (name === 'help' || name === '--help' || name === '-h') {
    console.log(await usage());
    return 0;
  }
  // No command is a usage error like any other (exit 2, README's table), said on stderr with the usage after it.
  if (!name) {
    process.stderr.write(`Error: which command?\n\n${await usage()}\n`);
    return 2;
  }
  if (name === '--version' || name === '-v') {
    out.result({ version }, () => version);
    return 0;
  }
  let backend: Backend | null = null;
  try {
    const load = commands[name];
    if (!load) throw new CliUsageError(`Unknown command "${name}".\n\n${await usage()}`);
    // `rlm backup --help` must print help, not back up to a file named "--help" (nor restore from one).
    if (args.includes('--help') || args.includes('-h')) {
      const command = await load();
      console.log(command.help ?? command.usage);
      return 0;
    }
    // The import's threads load their code while this one loads the backend and reads the file's header.
    if (name === 'import' && !args.includes('--dry-run')) warmUp();
    const command = await load();
    if ('withoutDatabase' in command) {
      await command.withoutDatabase(dataDir, args, out);
      return 0;
    }
    command.checkArgs?.(args);
    if (needsExistingData(name, args)) await refuseFolderWithoutData(dataDir);
    const { createBackend } = await import('../app/backend');
    // No window here: an import copies its pages back in a thread of its own, beside its writer, and its chunks set
    // leads' insert triggers aside (ImportJob in imports/worker-protocol.ts says what each costs a window).
    backend = createBackend({ dataDir, importTuning: { checkpoints: 'in-thread', setsInsertTriggersAside: true } });
    // On stderr whatever the format: a script reading --json on stdout still gets one document.
    for (const warning of backend.ctx.warnings) process.stderr.write(`Warning: ${warning}\n`);
    // A restore the office ran is not in effect yet: whatever this command reads or changes is the old database.
    const restoreWaiting = backend.ctx.restoreWaiting();
    if (restoreWaiting) process.stderr.write(`Warning: ${restoreWaiting}\n`);
    await command.run(backend, args, out);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    const code = isUsage(error) ? 'validation' : error instanceof AppError ? error.code : ((error as { code?: string }).code ?? 'internal');
    const message = errorMessage(error, name);
    if (isJson) process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
    else process.stderr.write(`Error: ${message}\n`);
    if (!isUsage(error) && !(error instanceof AppError) && !(error as { code?: string }).code) backend?.ctx.log.error('CLI failed', error);
    // A value the app refused (a daily cap of 0, a phone too short, an unknown zone) is a bad argument too.
    return code === 'validation' ? 2 : 1;
  } finally {
    await backend?.close();
    // The import did not take it (the command failed first): a thread left waiting would outlive the command.
    await discardWarmImportWorker();
  }
}
