/**
 * The programs that keep the data folder open to show its pages (the desktop app, the app in a browser):
 * app_meta `open-process:<pid>@<host>` with a heartbeat, removed when they close. A staged restore waits for
 * them (backup-service.ts). It waited only for a program holding the sync lock or importing, and the app holds
 * the lock only while it sends: an app whose sending had stopped had the backup swapped in under it by the next
 * `rlm` command, and went on writing into the file the restore had set aside.
 */
import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { withShortBusyWait } from '../../db/connection';
import { BEAT_BUSY_TIMEOUT_MS, isHolderLive } from './runner-lock';

export const OPEN_PROCESS_PREFIX = 'open-process:';
const HEARTBEAT_MS = 10_000;
/** A row this old is a program that died without removing it (a crash, a kill), or a frozen one. */
const STALE_MS = 60_000;

export interface OpenProcess {
  pid: number;
  host: string;
  /** "the desktop app", "the app in a browser (npm run web)". */
  process: string;
  heartbeatAt: number;
}

const rowKey = () => `${OPEN_PROCESS_PREFIX}${process.pid}@${hostname()}`;

/** Records this process as keeping the folder open until the returned release; a write that fails is tried at the next beat. */
export function holdOpen(db: Database.Database, label: string): () => void {
  const key = rowKey();
  const upsert = db.prepare<[string, string]>('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const beat = () => {
    try {
      const row = JSON.stringify({ pid: process.pid, host: hostname(), process: label, heartbeatAt: Date.now() } satisfies OpenProcess);
      withShortBusyWait(db, BEAT_BUSY_TIMEOUT_MS, () => upsert.run(key, row));
    } catch {
      // Busy or read-only for a moment: the next beat writes it; until then a restore may not wait (the row was there before).
    }
  };
  beat();
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    try {
      db.prepare('DELETE FROM app_meta WHERE key = ?').run(key);
    } catch {
      // Left behind, the row goes stale by itself.
    }
  };
}

function parse(value: string): OpenProcess | null {
  try {
    const row = JSON.parse(value) as Partial<OpenProcess>;
    if (typeof row.pid !== 'number' || typeof row.heartbeatAt !== 'number') return null;
    return { pid: row.pid, host: row.host ?? '', process: row.process ?? 'another program', heartbeatAt: row.heartbeatAt };
  } catch {
    return null;
  }
}

/** The programs other than this one that keep the folder open now (on another computer: by their heartbeat alone). */
export function otherOpenProcesses(db: Database.Database, now: number = Date.now()): OpenProcess[] {
  const rows = db
    .prepare<{ prefix: string }, { value: string }>('SELECT value FROM app_meta WHERE substr(key, 1, length(@prefix)) = @prefix')
    .all({ prefix: OPEN_PROCESS_PREFIX });
  // Judged as the sync lock's holder is: a fresh heartbeat, and on this computer a live process.
  return rows
    .map((row) => parse(row.value))
    .filter((open): open is OpenProcess => open !== null && !(open.host === hostname() && open.pid === process.pid) && isHolderLive(open, now, STALE_MS));
}

/** Whether this process keeps the folder open (its own row is there). */
export function isHeldOpenHere(db: Database.Database): boolean {
  return db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM app_meta WHERE key = ?').get(rowKey())!.n > 0;
}
