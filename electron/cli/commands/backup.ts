import { resolve } from 'node:path';
import type { Backend } from '../../app/backend';
import { CliUsageError, unwrap, type Output } from '../output';

export const backupUsage = `rlm backup FILE        online backup of the database to FILE
rlm restore FILE       check FILE (integrity, schema) and make it the database`;

export async function backupCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const [file] = args;
  if (!file) throw new CliUsageError(`A file name is required.\n${backupUsage}`);
  const value = unwrap(await backend.call('app:backup', { path: resolve(file) }));
  out.result(value, () => `Backed up to ${value.path} (${Math.round(value.bytes / 1024)} KiB).`);
}

/** Restoring stages the checked backup; the next open of the data folder (any `rlm` command, the app) swaps it in. */
export async function restoreCommand(backend: Backend, args: string[], out: Output): Promise<void> {
  const [file] = args;
  if (!file) throw new CliUsageError(`A file name is required.\n${backupUsage}`);
  const value = unwrap(await backend.call('app:restore', { path: resolve(file) }));
  const summary = { companies: value.companies, leads: value.leads, restored: true };
  out.result(summary, () => `Backup checked: ${value.companies} companies, ${value.leads} leads. It replaces the database the next time the app or rlm opens it; the replaced database is kept in the backups folder.`);
}
