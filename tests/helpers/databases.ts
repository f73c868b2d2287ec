import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase } from '../../db/open';
import { useTempDirs } from './temp-dir';

/** A fresh migrated app database per call, in a folder of its own; each is closed after its test. */
export function useMigratedDatabases(): () => Database.Database {
  const tempDir = useTempDirs();
  const opened: Database.Database[] = [];
  // Registered after useTempDirs' own: vitest runs afterEach hooks in reverse, so the databases close before their folders go.
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  return () => {
    const db = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
    opened.push(db);
    return db;
  };
}
