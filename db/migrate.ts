import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';

/** drizzle's bookkeeping table, kept as drizzle-orm's own migrator writes it (drizzle-kit reads it too). */
const MIGRATIONS_TABLE = '__drizzle_migrations';

export class NewerSchemaError extends Error {
  readonly code = 'db-newer-schema';
  constructor(found: number, supported: number) {
    super(
      `This database was written by a newer version of Roofing Lead Manager (schema ${found}, this app knows up to ${supported}). ` +
        'Install the newer version of the app; the database was left untouched.',
    );
  }
}

/** How long a program waits for another one's migration of a big database before it gives up. */
const WAIT_FOR_OTHER_MIGRATION_MS = 120_000;

/**
 * Runs the committed drizzle-kit migrations this database has not had, and records their number in
 * PRAGMA user_version, all in one write transaction taken *before* reading what has run.
 *
 * drizzle-orm's migrate() reads its bookkeeping table first and takes the write lock later (a deferred
 * BEGIN). After an upgrade the app and `rlm` can open the database at the same moment: both read "not run",
 * the first commits, and the second runs the same migrations again and fails ("duplicate column"), so that
 * program refuses to start. BEGIN IMMEDIATE makes the second wait for the first, then read what it did.
 * Returns how many migrations this call ran (0 when another program had already run them).
 */
export function migrateUnderWriteLock(client: Database.Database, migrationsDir: string): number {
  const migrations = readMigrationFiles({ migrationsFolder: migrationsDir });
  const busyTimeout = client.pragma('busy_timeout', { simple: true }) as number;
  client.pragma(`busy_timeout = ${WAIT_FOR_OTHER_MIGRATION_MS}`);
  try {
    client.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
    return client.transaction(() => {
      // A newer app may have migrated while this one waited for the lock.
      const found = client.pragma('user_version', { simple: true }) as number;
      if (found > migrations.length) throw new NewerSchemaError(found, migrations.length);
      const last = client.prepare(`SELECT created_at AS createdAt FROM ${MIGRATIONS_TABLE} ORDER BY created_at DESC LIMIT 1`).get() as
        | { createdAt: number | string }
        | undefined;
      const pending = migrations.filter((migration) => last === undefined || Number(last.createdAt) < migration.folderMillis);
      const record = client.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (hash, created_at) VALUES (?, ?)`);
      for (const migration of pending) {
        for (const statement of migration.sql) client.exec(statement);
        record.run(migration.hash, migration.folderMillis);
      }
      client.pragma(`user_version = ${migrations.length}`);
      return pending.length;
    }).immediate();
  } finally {
    client.pragma(`busy_timeout = ${busyTimeout}`);
  }
}
