import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { Db } from '../../../db/open';
import { defaultMigrationsDir, migrationCount } from '../../../db/open';
import { databaseFile } from '../data-dir';
import { AppError } from '../errors';
import { IMPORT_OWNER_PREFIX, isLiveImportOwner } from '../imports/import-owner';
import { isHeldOpenHere, OPEN_PROCESS_PREFIX, otherOpenProcesses } from '../open-processes';
import { isHolderLive, readLockHolder, RUNNER_LOCK_KEY } from '../runner-lock';

export const backupsDir = (dataDir: string) => join(dataDir, 'backups');
const stagedRestoreFile = (dataDir: string) => `${databaseFile(dataDir)}.restore`;

const stamp = (now = new Date()) => now.toISOString().replace(/[:.]/g, '-');

/**
 * A consistent copy of the live database through SQLite's online backup API: it copies page by
 * page between other work, so the app keeps answering while a large database is saved. Written
 * beside the destination and renamed over it when complete: a failed backup leaves no half file, and
 * the file it replaces (the CLI's --force, the save dialog's "Replace") need not be a database itself.
 * A destination that cannot be written is named in the error; it is not the data folder's fault.
 */
export async function backupDatabase(db: Db, destination: string): Promise<{ path: string; bytes: number }> {
  const partial = `${destination}.${process.pid}-${randomUUID().slice(0, 8)}.partial`;
  try {
    mkdirSync(dirname(destination), { recursive: true });
    const progress = await db.$client.backup(partial, { progress: stepGrowingOnRestart() });
    forgetRunningProcesses(partial);
    renameSync(partial, destination);
    return { path: destination, bytes: progress.totalPages * (db.$client.pragma('page_size', { simple: true }) as number) };
  } catch (error) {
    for (const file of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(file, { force: true });
    if (error instanceof AppError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('bad-file', `The backup could not be written to ${destination} (${reason}). Choose a folder you can write to.`, { reason });
  }
}

/** Pages a backup step copies at first: a step runs on the caller's thread, between its other work. */
const FIRST_STEP_PAGES = 100;

/**
 * The backup's step size (better-sqlite3's `progress`). SQLite starts an online backup over whenever another
 * connection writes (the sync worker, an import), and at 100 pages a step a 90 MB database written to every
 * 50 ms was never done: Backup hung. Each start-over doubles the step, so the copy soon fits between two
 * writes; on a quiet database it stays small and the app keeps answering between steps.
 */
export function stepGrowingOnRestart(): (progress: { totalPages: number; remainingPages: number }) => number {
  let pages = FIRST_STEP_PAGES;
  let lastRemaining = Number.POSITIVE_INFINITY;
  return ({ remainingPages }) => {
    // No progress is a start-over too: a write between every two steps (a step slower than the writes, under load)
    // brings each step back to where the last one ended, and `>` alone never grew the step (a CI run hung 30 s).
    if (remainingPages >= lastRemaining) pages *= 2;
    lastRemaining = remainingPages;
    return pages;
  };
}

/** Before a migration changes an existing database: a synchronous snapshot (start-up, nothing else runs). */
export function snapshotBeforeMigration(client: Database.Database, dataDir: string, fromVersion: number, toVersion: number): string {
  const target = join(backupsDir(dataDir), `before-migration-v${fromVersion}-to-v${toVersion}-${stamp()}.sqlite`);
  mkdirSync(dirname(target), { recursive: true });
  client.prepare('VACUUM INTO ?').run(target);
  forgetRunningProcesses(target);
  return target;
}

/**
 * A copy of the database must not carry the marks of the processes that had the original open: the
 * sync runner's lock and the import owners name processes of *that* folder. Restored elsewhere they
 * would make the new folder refuse to sync ("already running in process N") or call a finished
 * import still running.
 */
function forgetRunningProcesses(file: string): void {
  const client = new Database(file);
  try {
    client
      .prepare('DELETE FROM app_meta WHERE key = @lock OR substr(key, 1, length(@imports)) = @imports OR substr(key, 1, length(@open)) = @open')
      .run({ lock: RUNNER_LOCK_KEY, imports: IMPORT_OWNER_PREFIX, open: OPEN_PROCESS_PREFIX });
  } finally {
    client.close();
  }
}

/** Checks that a file is a sound database of this app that this version can open. */
export function verifyBackup(file: string, migrationsDir = defaultMigrationsDir()): { schemaVersion: number; companies: number; leads: number } {
  if (!existsSync(file)) throw new AppError('not-found', `No file at ${file}.`);
  let client: Database.Database;
  try {
    client = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new AppError('bad-file', `That file is not a database backup (${(error as Error).message}).`);
  }
  try {
    const integrity = client.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new AppError('bad-file', `The backup is damaged (integrity check: ${String(integrity)}). Choose another backup.`);
    const schemaVersion = client.pragma('user_version', { simple: true }) as number;
    const supported = migrationCount(migrationsDir);
    if (schemaVersion > supported) {
      throw new AppError('db-newer-schema', `The backup was made by a newer version of the app (schema ${schemaVersion}, this app knows ${supported}). Update the app first.`);
    }
    const hasTables = client.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type='table' AND name IN ('companies','leads')").get() as { n: number };
    if (hasTables.n !== 2) throw new AppError('bad-file', 'That database is not a Roofing Lead Manager backup.');
    const companies = (client.prepare('SELECT count(*) AS n FROM companies').get() as { n: number }).n;
    const leads = (client.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n;
    return { schemaVersion, companies, leads };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('bad-file', `That file is not a database backup (${(error as Error).message}).`);
  } finally {
    client.close();
  }
}

/**
 * Restoring replaces the database file, which must not happen under an open connection: the
 * checked backup is staged beside the database and swapped in by the next open (app restart).
 */
export function stageRestore(dataDir: string, file: string, migrationsDir?: string): { companies: number; leads: number } {
  if (!existsSync(file)) throw new AppError('not-found', `No file at ${file}.`);
  // The copy is checked, not the user's file: opening a WAL database, even read-only, leaves its -shm and
  // -wal files beside it, and the user's backup folder is not ours to write in.
  const partial = `${stagedRestoreFile(dataDir)}.partial`;
  copyFileSync(file, partial);
  try {
    const summary = verifyBackup(partial, migrationsDir);
    // Backups made before copies forgot their processes may still carry a lock.
    forgetRunningProcesses(partial);
    renameSync(partial, stagedRestoreFile(dataDir));
    return summary;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    for (const sidecar of ['-wal', '-shm']) rmSync(`${partial}${sidecar}`, { force: true });
  }
}

/**
 * Where a restore leaves the path of the database it replaced, until the opt-outs made since the backup are
 * carried over from it (carry-over.ts): written before the swap, removed once they are, so a carry-over that
 * failed (a crash, a damaged file) is tried again at the next open instead of being forgotten.
 */
const carryOverMarker = (dataDir: string) => `${databaseFile(dataDir)}.carry-opt-outs`;

/**
 * The databases restores replaced whose opt-outs are still to be carried over (oldest first), and the marker
 * that lists them. More than one when a restore followed another whose carry-over had not succeeded: the
 * second replaced file lacks those opt-outs too.
 */
export function pendingCarryOvers(dataDir: string): { replacedFiles: string[]; marker: string } {
  const marker = carryOverMarker(dataDir);
  try {
    const { replacedFiles } = JSON.parse(readFileSync(marker, 'utf8')) as { replacedFiles?: unknown };
    const files = Array.isArray(replacedFiles) ? replacedFiles.filter((file): file is string => typeof file === 'string') : [];
    return { replacedFiles: files, marker };
  } catch {
    return { replacedFiles: [], marker };
  }
}

function writeCarryOvers(dataDir: string, replacedFiles: readonly string[]): void {
  if (replacedFiles.length === 0) rmSync(carryOverMarker(dataDir), { force: true });
  else writeFileSync(carryOverMarker(dataDir), JSON.stringify({ replacedFiles }));
}

/** `replacedFile`'s opt-outs are on the list now: it leaves the marker (which goes when none is left). */
export function carryOverDone(dataDir: string, replacedFile: string): void {
  writeCarryOvers(dataDir, pendingCarryOvers(dataDir).replacedFiles.filter((file) => file !== replacedFile));
}

/**
 * The office has dealt with what a restore could not carry over (it added the opt-outs, checked GHL): the carry-overs
 * still owed are let go and their warnings end. Returns how many were.
 */
export function letGoCarryOvers(dataDir: string): number {
  const { replacedFiles } = pendingCarryOvers(dataDir);
  writeCarryOvers(dataDir, []);
  return replacedFiles.length;
}

/**
 * Another process's live sync lock on the database, or null. A file too damaged to read has none worth
 * honouring: a restore is how the office gets out of that, and it must not wait for a process that cannot
 * use the file either.
 */
function liveHolderOf(client: Database.Database): ReturnType<typeof readLockHolder> {
  try {
    const holder = readLockHolder(client);
    return holder && holder.pid !== process.pid && isHolderLive(holder, Date.now(), 30_000) ? holder : null;
  } catch {
    return null;
  }
}

/**
 * Another live process is importing into the database (`rlm import`, or the app's import worker): swapped
 * under it, its rows went into the replaced copy while it reported them imported. Unreadable: none. The file
 * names of the imports, for saying what a restore waits for.
 */
function liveImportsOf(client: Database.Database): string[] {
  try {
    return client
      .prepare<[string], { owner: string; fileName: string }>(
        `SELECT m.value AS owner, b.file_name AS fileName FROM import_batches b JOIN app_meta m ON m.key = ? || b.id WHERE b.state = 'running'`,
      )
      .all(IMPORT_OWNER_PREFIX)
      .filter(({ owner }) => isLiveImportOwner(owner))
      .map(({ fileName }) => fileName);
  } catch {
    return [];
  }
}

/** Whether this process has the database open for good: it holds the sync runner's lock, or shows its pages. */
function isOpenHere(client: Database.Database): boolean {
  try {
    return readLockHolder(client)?.pid === process.pid || isHeldOpenHere(client);
  } catch {
    return false;
  }
}

/** The other live process a staged restore must wait for, in words ("the desktop app in process 4242"), or null. */
function restoreBlockerOf(client: Database.Database): string | null {
  const holder = liveHolderOf(client);
  if (holder) return described(holder);
  const imports = liveImportsOf(client);
  if (imports.length > 0) return `the import of ${imports.join(', ')}`;
  // The app with its sending stopped holds no sync lock, and has the database open all the same.
  const [open] = openProcessesOf(client);
  return open ? described(open) : null;
}

const described = ({ process: name, pid, host }: { process: string; pid: number; host: string }): string =>
  `${name} in process ${pid}${host && host !== hostname() ? ` on ${host}` : ''}`;

/** Unreadable (a damaged file, an older schema): none worth waiting for, as liveHolderOf. */
function openProcessesOf(client: Database.Database): ReturnType<typeof otherOpenProcesses> {
  try {
    return otherOpenProcesses(client);
  } catch {
    return [];
  }
}

/**
 * What a restore staged but not swapped in waits for, in words for the office, or null when none is staged.
 * The swap happens only when the data folder is opened (applyStagedRestore), so a restore staged while the app,
 * `rlm sync` or an import had the database open was silent: every page and `rlm status` showed the database it
 * was meant to replace (issue: the office believed the backup was back).
 */
export function waitingRestore(dataDir: string, client: Database.Database): string | null {
  if (!existsSync(stagedRestoreFile(dataDir))) return null;
  const blocker = restoreBlockerOf(client);
  const lost = 'Until then you see and change the database the backup will replace (what changes meanwhile is lost, except opt-outs: they stay on the list).';
  if (blocker) return `A restored backup is waiting: ${blocker} still has the database open. The backup replaces it at the first start of the app or of an rlm command after that has stopped. ${lost}`;
  // This program sends from the database: no other start swaps it in while this one runs.
  if (isOpenHere(client)) return `A restored backup is waiting: it replaces the database when this program is started again. ${lost}`;
  return `A restored backup is waiting: it replaces the database at the next start of the app or of an rlm command. ${lost}`;
}

/**
 * For `rlm restore`, which does not open the database (it may be too damaged to): what another live process
 * makes the staged restore wait for, read from the database file if it opens, else null.
 */
export function restoreBlockerIn(dataDir: string): string | null {
  const live = databaseFile(dataDir);
  if (!existsSync(live)) return null;
  let client: Database.Database | null = null;
  try {
    client = new Database(live, { readonly: true, fileMustExist: true });
    return restoreBlockerOf(client);
  } catch {
    return null;
  } finally {
    client?.close();
  }
}

/** Called before the database is opened: swaps in a staged restore, keeping the replaced file as a backup. */
export function applyStagedRestore(dataDir: string): string | null {
  const staged = stagedRestoreFile(dataDir);
  if (!existsSync(staged)) return null;
  const live = databaseFile(dataDir);
  let keptAs: string | null = null;
  if (existsSync(live)) {
    const old = new Database(live);
    // Another process (the desktop app, `rlm sync` or `rlm import`) still has the database open: swapping the
    // file under it would send its next writes into the replaced copy. The restore waits for the
    // next open after that process ends.
    if (restoreBlockerOf(old)) {
      old.close();
      return null;
    }
    try {
      // Fold the WAL into the old file before moving it aside, so the kept copy is one complete file.
      old.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A damaged file may refuse: its WAL then moves with it below, and the kept copy is as it stood.
    } finally {
      old.close();
    }
    keptAs = join(backupsDir(dataDir), `replaced-by-restore-${stamp()}.sqlite`);
    mkdirSync(backupsDir(dataDir), { recursive: true });
    // Before the swap: a crash after it still leaves the carry-over to do (a crash before it redoes all this).
    writeCarryOvers(dataDir, [...pendingCarryOvers(dataDir).replacedFiles, keptAs]);
    renameSync(live, keptAs);
    if (existsSync(`${live}-wal`)) renameSync(`${live}-wal`, `${keptAs}-wal`);
  }
  // A crash between the two renames above left the old file's WAL here: it goes to the kept copy it belongs to.
  const owedTo = pendingCarryOvers(dataDir).replacedFiles.at(-1);
  if (!keptAs && owedTo && existsSync(`${live}-wal`) && existsSync(owedTo) && !existsSync(`${owedTo}-wal`)) renameSync(`${live}-wal`, `${owedTo}-wal`);
  for (const suffix of ['-wal', '-shm']) rmSync(`${live}${suffix}`, { force: true });
  renameSync(staged, live);
  return keptAs;
}
