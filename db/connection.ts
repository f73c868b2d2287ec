import Database from 'better-sqlite3';

// Kept apart from open.ts (drizzle, migrations): worker threads load only this, and drizzle's
// modules cost ~350 ms of every worker start when run from source.

const AUTO_CHECKPOINT_BYTES = 1_000 * 4_096;

/**
 * The settings every connection to the app database uses: the main process', the import worker's
 * and the sync worker's (each worker thread opens its own connection to an already-migrated file).
 */
export function configureConnection(client: Database.Database, { readonly = false, cacheKiB }: { readonly?: boolean; cacheKiB?: number } = {}): void {
  // First: turning a new database to WAL waits for another program's lock like any statement. Set after it, the
  // switch waited better-sqlite3's default 5 s only, and of four programs opening a new database together under
  // load, two failed with "database is locked" while the first ran the migrations (migrate-at-once.test.ts, in CI).
  client.pragma('busy_timeout = 10000');
  if (!readonly) {
    switchToWal(client);
    client.pragma('synchronous = NORMAL');
    client.pragma('journal_size_limit = 67108864');
  }
  client.pragma('foreign_keys = ON');
  // Statement journals (an INSERT into leads runs its triggers, so the statement opens one; an import's chunk sets
  // them aside, insert-triggers.ts, but every other insert does not) and
  // sort spills stay in memory: on disk they cost ~15 µs per inserted lead, half the import time.
  client.pragma('temp_store = MEMORY');
  // SQLite copies the WAL back inside the commit that grows it past N pages: N is kept at ~4 MB, as its default of
  // 1,000 pages was with 4 KiB pages, so that the commit doing it (an app save's, on the main thread) waits no
  // longer on the 8 KiB pages of a newer database (db/open.ts).
  client.pragma(`wal_autocheckpoint = ${Math.round(AUTO_CHECKPOINT_BYTES / (client.pragma('page_size', { simple: true }) as number))}`);
  if (cacheKiB !== undefined) client.pragma(`cache_size = -${cacheKiB}`);
}

/** How long a switch to WAL is asked again while SQLite answers "busy" at once: as long as busy_timeout waits. */
const WAL_SWITCH_WAIT_MS = 10_000;
const WAL_SWITCH_RETRY_MS = 25;

/**
 * Turns the connection to WAL. Of four programs opening a new database together, one's switch can meet another's
 * halfway: SQLite then answers "database is locked" at once, without its busy handler (a lock upgrade that could
 * deadlock is refused, not waited for), and one of the four failed to start (migrate-at-once.test.ts, 1 run in 3).
 * It is asked again until busy_timeout's worth of time has passed; by then the other switch is long done.
 */
function switchToWal(client: Database.Database): void {
  const giveUpAt = Date.now() + WAL_SWITCH_WAIT_MS;
  for (;;) {
    try {
      client.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= giveUpAt) throw error;
      // A synchronous sleep: opening the database is synchronous for every caller.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAL_SWITCH_RETRY_MS);
    }
  }
}

/** Opens a second connection (worker threads) to a database that openDatabase already migrated. */
export function openConnection(file: string, options: { readonly?: boolean; cacheKiB?: number } = {}): Database.Database {
  const client = new Database(file, { readonly: options.readonly ?? false, fileMustExist: true });
  configureConnection(client, options);
  return client;
}

/**
 * Runs `work` waiting at most `ms` for another connection's write lock, then puts the connection's wait back: for
 * heartbeats on the app's main thread, which waited the whole busy_timeout (10 s) every few seconds while another
 * program held the database, and the window stopped answering. A beat that cannot write is skipped.
 */
export function withShortBusyWait<T>(client: Database.Database, ms: number, work: () => T): T {
  const busyTimeout = client.pragma('busy_timeout', { simple: true }) as number;
  client.pragma(`busy_timeout = ${Math.min(busyTimeout, ms)}`);
  try {
    return work();
  } finally {
    client.pragma(`busy_timeout = ${busyTimeout}`);
  }
}
