import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Backend } from '../../app/backend';
import { CliUsageError, unwrap, type Output } from '../output';

export const backupUsage = `rlm backup FILE [--force]   online backup of the database to FILE (--force: replace an existing FILE)
rlm restore FILE            check FILE (integrity, schema) and make it the database`;

/** The one FILE argument; a word that looks like an option is refused, never taken for a file name. */
function fileArgument(args: string[], options: { force: boolean }): { file: string; force: boolean } {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: options.force ? { force: { type: 'boolean' } } : {} });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0 || file.startsWith('-')) throw new CliUsageError(`Give exactly one file name.\n${backupUsage}`);
  return { file: resolve(file), force: (values as { force?: boolean }).force === true };
}

export async function backupCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const { file, force } = fileArgument(args, { force: true });
  if (existsSync(file) && !force) throw new CliUsageError(`${file} already exists. Choose another name, or add --force to replace it.`);
  const value = unwrap(await backend.call('app:backup', { path: file }));
  out.result(value, () => `Backed up to ${value.path} (${Math.round(value.bytes / 1024)} KiB).`);
}

/** Restoring stages the checked backup; the next open of the data folder (any `rlm` command, the app) swaps it in. */
export async function restoreCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const { file } = fileArgument(args, { force: false });
  const value = unwrap(await backend.call('app:restore', { path: file }));
  const summary = { companies: value.companies, leads: value.leads, restored: true };
  out.result(summary, () => `Backup checked: ${value.companies} companies, ${value.leads} leads. It replaces the database the next time the app or rlm opens it; the replaced database is kept in the backups folder.`);
}
