import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMigrationsDir, migrationCount, NewerSchemaError, openDatabase } from '../../../db/open';
import { useTempDirs } from '../../helpers/temp-dir';

describe('openDatabase', () => {
  const tempDir = useTempDirs();

  it('migrates an empty database to the latest schema and records the version', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const db = openDatabase(file);
    const tables = db.$client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['companies', 'leads', 'import_batches', 'sync_jobs', 'sync_attempts', 'column_mappings']));
    expect(db.$client.pragma('user_version', { simple: true })).toBe(migrationCount(defaultMigrationsDir()));
    db.$client.close();
  });

  it('sets WAL, synchronous=NORMAL, foreign keys, a busy timeout and in-memory temp storage', () => {
    const db = openDatabase(join(tempDir(), 'leads.sqlite'));
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    expect(db.$client.pragma('journal_size_limit', { simple: true })).toBeGreaterThan(0);
    expect(db.$client.pragma('temp_store', { simple: true })).toBe(2);
    db.$client.close();
  });

  it('makes a new database with 8 KiB pages; a database made with 4 KiB pages keeps them, and its rows', () => {
    const fresh = openDatabase(join(tempDir(), 'leads.sqlite'));
    expect(fresh.$client.pragma('page_size', { simple: true })).toBe(8192);
    // The WAL is copied back at the same size as before: 4 MB, 500 pages of 8 KiB.
    expect(fresh.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(500);
    fresh.$client.close();

    // An office's database from before: SQLite's default page size, WAL, a migrated schema and a company.
    const file = join(tempDir(), 'leads.sqlite');
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.close();
    const first = openDatabase(file);
    first.$client.prepare("INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('Acme', 'locAcme1', 'https://x', 0, 0)").run();
    first.$client.close();
    const reopened = openDatabase(file);
    expect(reopened.$client.pragma('page_size', { simple: true })).toBe(4096);
    expect(reopened.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(reopened.$client.prepare('SELECT name FROM companies').all()).toEqual([{ name: 'Acme' }]);
    expect(reopened.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.$client.close();
  });

  it('opening twice is a no-op the second time', () => {
    const file = join(tempDir(), 'leads.sqlite');
    openDatabase(file).$client.close();
    const db = openDatabase(file);
    const applied = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    expect(applied.n).toBe(migrationCount(defaultMigrationsDir()));
    db.$client.close();
  });

  it('refuses a database written by a newer schema and leaves it untouched', () => {
    const file = join(tempDir(), 'leads.sqlite');
    openDatabase(file).$client.close();
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    const before = statSync(file).mtimeMs;
    expect(() => openDatabase(file)).toThrow(NewerSchemaError);
    expect(() => openDatabase(file)).toThrow(/newer version of Roofing Lead Manager/);
    expect(statSync(file).mtimeMs).toBe(before);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    check.close();
  });

  it('calls beforeMigrate only when an existing database is upgraded', () => {
    const file = join(tempDir(), 'leads.sqlite');
    const calls: number[] = [];
    openDatabase(file, { beforeMigrate: (_c, from) => calls.push(from) }).$client.close();
    expect(calls).toEqual([]);
    expect(existsSync(file)).toBe(true);
  });
});
