/**
 * What the disk and SQLite say when the data folder cannot be used, turned into errors that name the
 * cause, the path and what is safe — instead of "unable to open database file" or "internal".
 * One owner: opening the app, every IPC handler and the import read them here.
 */
import type { StorageTroubleCause } from '../../shared/ipc/sync';
import { AppError } from './errors';

/** SQLite's extended codes (better-sqlite3's SqliteError.code) and Node's errno codes, grouped by cause. */
// SHMSIZE: the WAL index (-shm) cannot grow on a full disk; every command, a backup to another disk too, said "disk I/O error".
const FULL = new Set(['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_SHMSIZE', 'ENOSPC', 'EDQUOT']);
const READ_ONLY = new Set(['SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_AUTH', 'EACCES', 'EPERM', 'EROFS']);
/** Missing paths count only inside the data folder (an import's own file missing is another error). */
const MISSING = new Set(['ENOENT', 'ENOTDIR']);
const BUSY = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']);
/** The file is no SQLite database any more, or pages of it are garbage: an import into it said only "internal". */
const DAMAGED = new Set(['SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX', 'SQLITE_NOTADB']);

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

/** Which failure of the app's own storage an error is, by its code alone; null when it is something else. */
export function storageCause(error: unknown): StorageTroubleCause | null {
  if (error instanceof AppError) return null;
  const code = codeOf(error);
  if (!code) return null;
  if (FULL.has(code)) return 'disk-full';
  if (READ_ONLY.has(code)) return 'data-folder-unwritable';
  if (BUSY.has(code)) return 'db-busy';
  if (DAMAGED.has(code)) return 'database-damaged';
  return null;
}

/** What each storage failure means and what to do, starting with what was being done (`doing`, when given). */
export function storageTroubleMessage(cause: StorageTroubleCause, { dataDir, doing }: StorageContext): string {
  const lead = doing ? `${doing}: ` : '';
  switch (cause) {
    case 'disk-full':
      return `${lead}the disk that holds the app's data (${dataDir}) is full. Nothing already saved was lost. Free some space, then try again.`;
    case 'data-folder-unwritable':
      return (
        `${lead}the app cannot write to its data folder ${dataDir} (it is read-only, missing or not yours). ` +
        'Check that the folder exists and that you may write to it, or choose another with --data-dir / RLM_DATA_DIR.'
      );
    case 'db-busy':
      return `${lead}the database stayed busy with other work for 10 seconds (a large import, undo or sync). Nothing was changed; try again in a moment.`;
    case 'database-damaged':
      return (
        `${lead}the database in ${dataDir} is damaged. Nothing more is written to it: restore a backup with ` +
        '`rlm restore FILE` (see README, "The database is damaged"; the opt-outs made since the backup are kept).'
      );
  }
}

/**
 * Why sending saves nothing, for the dashboard and `rlm sync`: each round's leads go back to the queue and it
 * tries again by itself, so there is nothing to "try again" — only the cause to fix.
 */
export function sendingStorageMessage(cause: StorageTroubleCause, dataDir: string): string {
  switch (cause) {
    case 'disk-full':
      return `Nothing is being sent: the disk that holds the app's data (${dataDir}) is full. Free some space on it.`;
    case 'data-folder-unwritable':
      return `Nothing is being sent: the app cannot write to its data folder ${dataDir} (it is read-only, missing or not yours). Check the folder and its permissions.`;
    case 'db-busy':
      return 'Nothing is being sent: another program keeps the database busy for more than 10 seconds at a time (a large import or undo, a backup or database tool).';
    case 'database-damaged':
      return `Nothing is being sent: the database in ${dataDir} is damaged. Restore a backup with \`rlm restore FILE\` (see README, "The database is damaged").`;
  }
}

/** The user-facing error for a storage failure, or null when the error is something else. */
export function storageError(error: unknown, context: StorageContext): AppError | null {
  if (error instanceof AppError) return null;
  const code = codeOf(error);
  if (!code) return null;
  const reason = error instanceof Error ? error.message : String(error);
  const path = (error as { path?: unknown }).path;
  // A parent of the data folder counts: the folder cannot be made where it cannot be (under /proc, say).
  const isInDataDir = typeof path === 'string' && (isWithin(path, context.dataDir) || isWithin(context.dataDir, path));
  const cause = storageCause(error) ?? (MISSING.has(code) && isInDataDir ? 'data-folder-unwritable' : null);
  if (!cause) return null;
  const details = cause === 'db-busy' ? { reason } : { reason, dataDir: context.dataDir };
  return new AppError(cause, storageTroubleMessage(cause, context), details);
}
