import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Backend } from '../../app/backend';
import { CliUsageError, refuseMissingFolder, unwrap, type Output } from '../output';
import { freePathIn } from '../../core/user-files';

export const backupUsage = `rlm backup FILE [--force]   online backup of the database to FILE, or a dated file in FILE when it is a folder
                            (--force: replace an existing FILE)
rlm restore FILE            check FILE (integrity, schema) and make it the database`;

/** The one FILE argument; a word that looks like an option is refused, never taken for a file name. */
function fileArgument(args: string[], options: { force: boolean }): { file: string; force: boolean } {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: options.force ? { force: { type: 'boolean' } } : {} });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0 || file.startsWith('-')) throw new CliUsageError(`Give exactly one file name.\n${backupUsage}`);
  // A backup's FILE may be a folder (a dated file in it).
  if (options.force) refuseMissingFolder(file);
  return { file: resolve(file), force: (values as { force?: boolean }).force === true };
}

/** Judged with no database (main.ts): a bad argument is exit 2 whatever the data folder holds. */
export function checkBackupArgs(args: string[]): void {
  fileArgument(args, { force: true });
}

export async function backupCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const { file: named, force } = fileArgument(args, { force: true });
  // A folder gets a dated file of its own, as `rlm export` does ("already exists … --force" then failed on it).
  const isFolder = statSync(named, { throwIfNoEntry: false })?.isDirectory() ?? false;
  const file = isFolder ? freePathIn(named, `leads-backup-${new Date().toISOString().slice(0, 10)}.sqlite`) : named;
  if (existsSync(file) && !force) throw new CliUsageError(`${file} already exists. Choose another name (or a folder), or add --force to replace it.`);
  const value = unwrap(await backend.call('app:backup', { path: file }));
  out.result(value, () => `Backed up to ${value.path} (${Math.round(value.bytes / 1024)} KiB).`);
}

/**
 * Restoring stages the checked backup; the next open of the data folder (any `rlm` command, the app) swaps it
 * in. It does not open the database itself: a database too damaged to open is when a backup is restored.
 */
export async function restoreCommand(dataDir: string | undefined, args: string[], out: Output): Promise<void> {
  const { file } = fileArgument(args, { force: false });
  const [{ restoreBlockerIn, stageRestore }, { resolveDataDir }] = await Promise.all([import('../../core/backup/backup-service'), import('../../core/data-dir')]);
  const folder = resolveDataDir(dataDir);
  const value = stageRestore(folder, file);
  // "The next time rlm opens it" was untrue while the app or `rlm sync` had it open: the swap waits for them.
  const waitsFor = restoreBlockerIn(folder);
  const summary = { companies: value.companies, leads: value.leads, restored: true, waitsFor };
  const when = waitsFor
    ? `It waits: ${waitsFor} still has the database open. The backup replaces it at the first start of the app or of an rlm command after that has stopped`
    : 'It replaces the database the next time the app or rlm opens it';
  out.result(summary, () => `Backup checked: ${value.companies} companies, ${value.leads} leads. ${when}; the replaced database is kept in the backups folder, and the opt-outs made since the backup stay on the list.`);
}
