/**
 * Files the user names for the app to write (a backup, an export): never one of the app's own files in its
 * data folder — a backup or a CSV written over leads.sqlite (or its WAL) destroys the database, and a broken
 * database cannot even be restored from the command line — and never a silent overwrite (the CLI's --force,
 * the desktop's save dialog). The folder's subfolders (backups/, exports/) and new names beside its files are fine.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { databaseFile } from './data-dir';
import { AppError } from './errors';

/** The path with its folder's symlinks resolved (the file itself may not exist yet). */
function realTarget(path: string): string {
  const absolute = resolve(path);
  try {
    return join(realpathSync(dirname(absolute)), basename(absolute));
  } catch {
    return absolute;
  }
}

export function assertNotAppFile(dataDir: string, target: string): void {
  let folder = resolve(dataDir);
  try {
    folder = realpathSync(folder);
  } catch {
    // not created yet: nothing of the app's in it
  }
  const real = realTarget(target);
  const isAppFile =
    real === folder ||
    (dirname(real) === folder && (existsSync(real) || basename(real).startsWith(basename(databaseFile(dataDir)))));
  if (isAppFile) {
    throw new AppError('validation', `${target} is one of the app's own files in its data folder (${dataDir}); writing it would destroy the app's data. Choose another file.`);
  }
}

/** `fileName` in `dir`, or the first free "name-2.csv", "name-3.csv"… beside it. */
export function freePathIn(dir: string, fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? fileName : `${stem}-${n}${extension}`);
    if (!existsSync(candidate)) return candidate;
  }
}
