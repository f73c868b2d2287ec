import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { defaultMigrationsDir, migrationCount, openDatabase } from '../../../db/open';
import { migrationsBefore } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

/**
 * After an upgrade the app and `rlm` (or two `rlm`s in a script) can open the database at the same moment,
 * and both find migrations to run. The second must wait for the first and then find nothing left to do; it
 * must not run them again and fail ("table already exists", "duplicate column"), refusing to start.
 */

const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');
const repoRoot = join(__dirname, '../../..');

/**
 * Another program in the middle of migrating: in another thread, it takes the write lock, runs the pending
 * migration and its bookkeeping as a migrating program does, holds the lock `holdMs`, then commits.
 */
function migrateElsewhere(file: string, migrationsDir: string, holdMs: number): { locked: Promise<void>; done: Promise<void> } {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const { readFileSync } = require('node:fs');
     const { createHash } = require('node:crypto');
     const Database = require(workerData.driver);
     const db = new Database(workerData.file);
     db.pragma('busy_timeout = 10000');
     const journal = JSON.parse(readFileSync(workerData.dir + '/meta/_journal.json', 'utf8'));
     const last = journal.entries[journal.entries.length - 1];
     const sql = readFileSync(workerData.dir + '/' + last.tag + '.sql', 'utf8');
     db.exec('BEGIN IMMEDIATE');
     for (const statement of sql.split('--> statement-breakpoint')) db.exec(statement);
     db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(createHash('sha256').update(sql).digest('hex'), last.when);
     db.pragma('user_version = ' + journal.entries.length);
     parentPort.postMessage('locked');
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
     db.exec('COMMIT');
     db.close();
     parentPort.postMessage('done');`,
    { eval: true, workerData: { file, dir: migrationsDir, holdMs, driver: betterSqlite3 } },
  );
  const message = (wanted: string) =>
    new Promise<void>((resolve, reject) => {
      worker.on('message', (m) => m === wanted && resolve());
      worker.once('error', reject);
    });
  return { locked: message('locked'), done: message('done').then(() => worker.terminate().then(() => undefined)) };
}

/** Runs `openDatabase(file)` in a separate Node process that waits for the wall clock to reach `at` first. */
function openInProcess(file: string, at: number): Promise<string> {
  const script = `import { openDatabase } from ${JSON.stringify(join(repoRoot, 'db/open.ts'))};
    while (Date.now() < ${at}) {}
    try { openDatabase(${JSON.stringify(file)}).$client.close(); console.log('ok'); }
    catch (error) { console.log('failed: ' + String(error.message).split('\\n')[0]); }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', () => resolve(out.trim()));
  });
}

describe('two programs open the database at once after an upgrade', () => {
  const tempDir = useTempDirs();

  it('the second waits for the first program’s migration, then finds it done', async () => {
    // The database as the previous app version left it: every migration but the newest.
    const file = join(tempDir(), 'leads.sqlite');
    const previousVersion = migrationsBefore(lastMigrationTag(), join(tempDir(), 'migrations'));
    openDatabase(file, { migrationsDir: previousVersion }).$client.close();

    const other = migrateElsewhere(file, defaultMigrationsDir(), 300);
    await other.locked;
    const db = openDatabase(file, { beforeMigrate: () => undefined });
    await other.done;

    const applied = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    expect(applied.n).toBe(migrationCount(defaultMigrationsDir()));
    expect(db.$client.pragma('user_version', { simple: true })).toBe(migrationCount(defaultMigrationsDir()));
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    db.$client.close();
  });

  it('four processes started together on a new database all open it', async () => {
    for (let round = 0; round < 3; round++) {
      const file = join(tempDir(), 'leads.sqlite');
      // Each process loads its modules first (~0.5 s), then all open at the same millisecond.
      const at = Date.now() + 2_500;
      const outcomes = await Promise.all([0, 1, 2, 3].map(() => openInProcess(file, at)));
      expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok']);
    }
  }, 60_000);
});

function lastMigrationTag(): string {
  const journal = createRequire(import.meta.url)(join(defaultMigrationsDir(), 'meta/_journal.json')) as { entries: Array<{ tag: string }> };
  return journal.entries[journal.entries.length - 1]!.tag;
}
