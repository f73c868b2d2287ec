import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const migrationsDir = join(__dirname, '../../db/migrations');

/**
 * A copy of the committed migrations in `dir`, up to (not including) the one whose tag ends with
 * `tagSuffix`: the database as the app version before that migration left it. Pass the copy to
 * openDatabase's `migrationsDir`, then open again without it to run the migration under test.
 */
export function migrationsBefore(tagSuffix: string, dir: string): string {
  cpSync(migrationsDir, dir, { recursive: true });
  const journalFile = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ idx: number; tag: string }> };
  const first = journal.entries.find((e) => e.tag.endsWith(tagSuffix));
  if (!first) throw new Error(`no migration tagged *${tagSuffix}`);
  for (const entry of journal.entries.filter((e) => e.idx >= first.idx)) rmSync(join(dir, `${entry.tag}.sql`));
  journal.entries = journal.entries.filter((e) => e.idx < first.idx);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

/**
 * A copy of the committed migrations in `dir`, up to and including the one whose tag ends with `tagSuffix`:
 * the database as that migration left it, before later ones (which may change the same rows) ran.
 */
export function migrationsThrough(tagSuffix: string, dir: string): string {
  cpSync(migrationsDir, dir, { recursive: true });
  const journalFile = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ idx: number; tag: string }> };
  const last = journal.entries.find((e) => e.tag.endsWith(tagSuffix));
  if (!last) throw new Error(`no migration tagged *${tagSuffix}`);
  for (const entry of journal.entries.filter((e) => e.idx > last.idx)) rmSync(join(dir, `${entry.tag}.sql`));
  journal.entries = journal.entries.filter((e) => e.idx <= last.idx);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}
