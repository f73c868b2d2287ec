/**
 * Files the user names for the app to write (a backup, an export): never inside the app's own data
 * folder — a backup or a CSV written over leads.sqlite (or its WAL) destroys the database, and a broken
 * database cannot even be restored from the command line — and never a silent overwrite.
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { AppError } from './errors';

/** The path with its folder's symlinks resolved (the file itself may not exist yet). */
function realTarget(path: string): string {
  const absolute = resolve(path);
  try {
    return join(realpathSync(dirname(absolute)), absolute.slice(dirname(absolute).length + 1));
  } catch {
    return absolute;
  }
}

export function assertOutsideDataDir(dataDir: string, target: string): void {
  const inside = relative(realTarget(join(dataDir, 'x')).slice(0, -2), realTarget(target));
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new AppError('validation', `${target} is inside the app's data folder (${dataDir}), where it could replace the database. Choose a file somewhere else.`);
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
