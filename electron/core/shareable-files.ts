import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

/** The folders whose files the UI may hand to the user ("Download rejected rows", exports, backups). */
export const SHAREABLE_FOLDERS = ['exports', 'backups'] as const;

/**
 * The absolute path of a file the renderer asked to save a copy of, or null when it is not a
 * regular file inside one of the shareable folders of the data directory. A compromised renderer
 * must not be able to copy out the database, the logs or anything else on the disk.
 */
export function resolveShareableFile(dataDir: string, requested: string): string | null {
  const target = resolve(requested);
  const isInside = SHAREABLE_FOLDERS.some((folder) => {
    const rel = relative(join(dataDir, folder), target);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  });
  if (!isInside || !existsSync(target)) return null;
  return statSync(target).isFile() ? target : null;
}
