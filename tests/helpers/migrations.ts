import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../db/open';

const migrationsDir = join(__dirname, '../../db/migrations');

/** A copy of the committed migrations in `dir`, keeping those the journal lists before the tagged one (and it too, when `isIncluded`). */
function migrationsUpTo(tagSuffix: string, dir: string, isIncluded: boolean): string {
  cpSync(migrationsDir, dir, { recursive: true });
  const journalFile = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ idx: number; tag: string }> };
  const tagged = journal.entries.find((e) => e.tag.endsWith(tagSuffix));
  if (!tagged) throw new Error(`no migration tagged *${tagSuffix}`);
  const isKept = (entry: { idx: number }) => (isIncluded ? entry.idx <= tagged.idx : entry.idx < tagged.idx);
  for (const entry of journal.entries.filter((e) => !isKept(e))) rmSync(join(dir, `${entry.tag}.sql`));
  journal.entries = journal.entries.filter(isKept);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

/**
 * The migrations up to (not including) the one whose tag ends with `tagSuffix`: the database as the app
 * version before that migration left it. Pass the copy to openDatabase's `migrationsDir`, then open again
 * (with migrationsThrough) to run the migration under test.
 */
export const migrationsBefore = (tagSuffix: string, dir: string): string => migrationsUpTo(tagSuffix, dir, false);

/** The migrations up to and including the tagged one: the database as it left it, before later ones (which may change the same rows) ran. */
export const migrationsThrough = (tagSuffix: string, dir: string): string => migrationsUpTo(tagSuffix, dir, true);

/** What makes a migration that adds a column safe to run again, by its tag without the number. */
const UNDO_BEFORE_RUNNING_AGAIN: Record<string, string> = {
  held_for_other_company: 'DROP INDEX sync_jobs_held_elsewhere_idx; DROP INDEX sync_jobs_held_for_idx; ALTER TABLE sync_jobs DROP COLUMN held_for_company_id;',
  company_key_changed_at: 'ALTER TABLE companies DROP COLUMN key_changed_at;',
  contact_hold_backoff: 'ALTER TABLE sync_jobs DROP COLUMN contact_holds;',
  deferred_keeps_place: 'DROP INDEX sync_jobs_deferred_idx; ALTER TABLE sync_jobs DROP COLUMN line_at;',
  import_notes_cut: 'ALTER TABLE import_batches DROP COLUMN notes_cut;',
};

/**
 * Makes an open database forget that the tagged migration and every later one ran, as if the app before it had left
 * it: the next open runs them (again). The later ones must be safe to run twice (IF NOT EXISTS).
 */
export function forgetMigrationsFrom(db: Database.Database, tagSuffix: string): void {
  const journal = JSON.parse(readFileSync(join(migrationsDir, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string; when: number }> };
  const tagged = journal.entries.find((e) => e.tag.endsWith(tagSuffix));
  if (!tagged) throw new Error(`no migration tagged *${tagSuffix}`);
  // A column a later migration added cannot be added twice (SQLite has no ADD COLUMN IF NOT EXISTS): taken away as the
  // app before it had none.
  for (const entry of journal.entries.filter((e) => e.when >= tagged.when)) db.exec(UNDO_BEFORE_RUNNING_AGAIN[entry.tag.replace(/^\d+_/, '')] ?? '');
  const forgotten = db.prepare('DELETE FROM __drizzle_migrations WHERE created_at >= ?').run(tagged.when).changes;
  db.pragma(`user_version = ${(db.pragma('user_version', { simple: true }) as number) - forgotten}`);
}


/**
 * The data folder's database as the app before the tagged migration left it, with one company (id 1, 'Alpha'), for a
 * migration test to fill; `nextPhone` gives its leads numbers of their own (`prefix` and 0100, 0101, …).
 */
export function oldDatabaseWithCompany(tagSuffix: string, tempDir: () => string, prefix = '+1212555'): { file: string; old: Database.Database; nextPhone: () => string } {
  const file = join(tempDir(), 'leads.sqlite');
  const old = openDatabase(file, { migrationsDir: migrationsBefore(tagSuffix, tempDir()) }).$client;
  old.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('Alpha', 'locAlpha', 'http://x', 1, 1)`).run();
  let next = 100;
  return { file, old, nextPhone: () => `${prefix}${String(next++).padStart(4, '0')}` };
}
