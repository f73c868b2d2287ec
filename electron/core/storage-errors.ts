/**
 * What the disk and SQLite say when the data folder cannot be used, turned into errors that name the
 * cause, the path and what is safe — instead of "unable to open database file" or "internal".
 * One owner: opening the app, every IPC handler and the import read them here.
 */
import { AppError } from './errors';

/** SQLite's extended codes (better-sqlite3's SqliteError.code) and Node's errno codes, grouped by cause. */
// SHMSIZE: the WAL index (-shm) cannot grow on a full disk; every command, a backup to another disk too, said "disk I/O error".
const FULL = new Set(['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_SHMSIZE', 'ENOSPC', 'EDQUOT']);
const READ_ONLY = new Set(['SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_AUTH', 'EACCES', 'EPERM', 'EROFS']);
/** Missing paths count only inside the data folder (an import's own file missing is another error). */
const MISSING = new Set(['ENOENT', 'ENOTDIR']);
const BUSY = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']);

/** `path` is `folder` or inside it. */
const isWithin = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`) || path.startsWith(`${folder}\\`);

const codeOf = (error: unknown): string | null => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
};

export interface StorageContext {
  /** The data folder, named in the message so the user knows which folder to fix. */
  dataDir: string;
  /** What was being done, e.g. "saving the lead", to start the sentence with. */
  doing?: string;
}

/** The user-facing error for a storage failure, or null when the error is something else. */
export function storageError(error: unknown, context: StorageContext): AppError | null {
  if (error instanceof AppError) return null;
  const code = codeOf(error);
  if (!code) return null;
  const reason = error instanceof Error ? error.message : String(error);
  const doing = context.doing ? `${context.doing}: ` : '';
  if (FULL.has(code)) {
    return new AppError(
      'disk-full',
      `${doing}the disk that holds the app's data (${context.dataDir}) is full. Nothing already saved was lost. Free some space, then try again.`,
      { reason, dataDir: context.dataDir },
    );
  }
  const path = (error as { path?: unknown }).path;
  // A parent of the data folder counts: the folder cannot be made where it cannot be (under /proc, say).
  const isInDataDir = typeof path === 'string' && (isWithin(path, context.dataDir) || isWithin(context.dataDir, path));
  if (READ_ONLY.has(code) || (MISSING.has(code) && isInDataDir)) {
    return new AppError(
      'data-folder-unwritable',
      `${doing}the app cannot write to its data folder ${context.dataDir} (it is read-only, missing or not yours). ` +
        'Check that the folder exists and that you may write to it, or choose another with --data-dir / RLM_DATA_DIR.',
      { reason, dataDir: context.dataDir },
    );
  }
  if (BUSY.has(code)) {
    return new AppError(
      'db-busy',
      `${doing}the database stayed busy with other work for 10 seconds (a large import, undo or sync). Nothing was changed; try again in a moment.`,
      { reason },
    );
  }
  return null;
}
