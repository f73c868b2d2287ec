import { createBackend, type Backend } from '../app/backend';
import { AppError } from '../core/errors';
import { backupCommand, backupUsage, restoreCommand } from './commands/backup';
import { companyCommand, companyUsage } from './commands/company';
import { exportCommand, exportUsage } from './commands/export';
import { importCommand, importUsage } from './commands/import';
import { leadCommand, leadUsage } from './commands/lead';
import { statusCommand, statusUsage, syncCommand, syncUsage } from './commands/sync';
import { CliUsageError, createOutput, type Output } from './output';

type Command = (backend: Backend, args: string[], out: Output) => Promise<void>;

/** Each top-level command lives in its own file under commands/; register it here. */
export const commands: Record<string, { run: Command; usage: string }> = {
  company: { run: companyCommand, usage: companyUsage },
  backup: { run: backupCommand, usage: backupUsage },
  restore: { run: restoreCommand, usage: '' },
  lead: { run: leadCommand, usage: leadUsage },
  import: { run: importCommand, usage: importUsage },
  export: { run: exportCommand, usage: exportUsage },
  sync: { run: syncCommand, usage: syncUsage },
  status: { run: statusCommand, usage: statusUsage },
};

function usage(): string {
  return [
    'Roofing Lead Manager command line',
    '',
    'Global options: --data-dir DIR (or RLM_DATA_DIR), --json',
    '',
    ...Object.values(commands)
      .map((c) => c.usage)
      .filter(Boolean),
  ].join('\n');
}

/** Pulls the global options out wherever they appear, leaving the command's own arguments. */
function splitGlobals(argv: string[]): { dataDir?: string; isJson: boolean; rest: string[] } {
  const rest: string[] = [];
  let dataDir: string | undefined;
  let isJson = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') isJson = true;
    else if (arg === '--data-dir') dataDir = argv[++i];
    else if (arg.startsWith('--data-dir=')) dataDir = arg.slice('--data-dir='.length);
    else rest.push(arg);
  }
  return { dataDir, isJson, rest };
}

export async function runCli(argv: string[]): Promise<number> {
  const { dataDir, isJson, rest } = splitGlobals(argv);
  const out = createOutput(isJson);
  const [name, ...args] = rest;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 1;
  }
  let backend: Backend | null = null;
  try {
    const command = commands[name];
    if (!command) throw new CliUsageError(`Unknown command "${name}".\n\n${usage()}`);
    backend = createBackend({ dataDir });
    await command.run(backend, args, out);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    const code =
      error instanceof CliUsageError ? 'validation' : error instanceof AppError ? error.code : ((error as { code?: string }).code ?? 'internal');
    const message = error instanceof Error ? error.message : String(error);
    if (isJson) process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
    else process.stderr.write(`Error: ${message}\n`);
    if (!(error instanceof CliUsageError) && !(error instanceof AppError) && !(error as { code?: string }).code) backend?.ctx.log.error('CLI failed', error);
    return error instanceof CliUsageError ? 2 : 1;
  } finally {
    await backend?.close();
  }
}

// Run when executed directly (tsx electron/cli/main.ts or the bin wrapper), not when imported by tests.
if (process.argv[1] && /cli[\\/]main\.(ts|js)$/.test(process.argv[1])) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
