import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import type { Db } from '../../../db/open';
import { databaseFile } from '../data-dir';

/**
 * The id that scopes this database's keychain entries, and the folder it belongs to.
 *
 * The id travels with the file: a backup restored into the same folder, or a folder moved elsewhere, keeps
 * its keys. A *copy* of a folder that is still in use must not: both copies would send the same queued
 * leads with the same key (a second note, a second enrolment), and deleting a company or changing its GHL
 * address in the copy would delete the original's key. So the folder the id was made in is written beside
 * it; opened from another folder while the original folder still holds a database with the same id, this
 * one is a copy and gets an id (and so keychain entries) of its own: its companies start without keys.
 */
const ID_KEY = 'database-id';
const HOME_KEY = 'database-home';

export type DatabaseIdentity = { id: string; /** Set when this open found the database to be a copy and gave it its own id. */ copiedFrom: string | null };

export function databaseIdentity(db: Db, dataDir: string): DatabaseIdentity {
  const here = realFolder(dataDir);
  const client = db.$client;
  const read = client.prepare<[string], string>('SELECT value FROM app_meta WHERE key = ?').pluck();
  const write = client.prepare<[string, string]>('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  // Looked at before the write transaction: reading the other folder's database must not hold our lock.
  const home = read.get(HOME_KEY);
  const id = read.get(ID_KEY);
  // Settled already (every open but a new or moved folder's): nothing to write. The write transaction below waited
  // for any other program's lock, and a database locked for 10 s made the keys read as "no API key" (a review).
  if (id !== undefined && home === here) return { id, copiedFrom: null };
  const isCopy = id !== undefined && home !== undefined && home !== here && holdsDatabase(home, id);
  // Immediate, so that two processes opening the same copy at once give it one new id, not two.
  return client.transaction((): DatabaseIdentity => {
    const currentId = read.get(ID_KEY);
    const currentHome = read.get(HOME_KEY);
    if (currentId === undefined) {
      const fresh = randomUUID();
      write.run(ID_KEY, fresh);
      write.run(HOME_KEY, here);
      return { id: fresh, copiedFrom: null };
    }
    if (currentHome === here) return { id: currentId, copiedFrom: null };
    // Another process of this folder may have settled it meanwhile (currentHome is then `here`, above).
    if (isCopy && currentId === id) {
      const fresh = randomUUID();
      write.run(ID_KEY, fresh);
      write.run(HOME_KEY, here);
      return { id: fresh, copiedFrom: currentHome ?? null };
    }
    // A database from before homes were written, or a folder moved (its old place holds no copy of it).
    write.run(HOME_KEY, here);
    return { id: currentId, copiedFrom: null };
  }).immediate();
}

function realFolder(dataDir: string): string {
  try {
    return realpathSync(dataDir);
  } catch {
    return dataDir;
  }
}

/** Whether `folder` still holds a database with this id. A file there that cannot be read counts as one. */
function holdsDatabase(folder: string, id: string): boolean {
  const file = databaseFile(folder);
  if (!existsSync(file)) return false;
  let other: Database.Database | null = null;
  try {
    other = new Database(file, { readonly: true, fileMustExist: true });
    other.pragma('busy_timeout = 2000');
    const otherId = other.prepare<[string], string>('SELECT value FROM app_meta WHERE key = ?').pluck().get(ID_KEY);
    return otherId === id;
  } catch {
    return true;
  } finally {
    other?.close();
  }
}
