/**
 * One sync runner per data dir: the desktop app and `rlm sync` share the database, and two runners
 * would claim each other's jobs. The lock is a row in app_meta (holder pid, host, heartbeat), taken
 * in an IMMEDIATE transaction. A holder whose process is gone, or whose heartbeat went stale, is
 * taken over; its running jobs are requeued by the new runner.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type Database from 'better-sqlite3';
import { withShortBusyWait } from '../../db/connection';
import { AppError } from './errors';
import { isProcessAlive } from '../lib/process-alive';

export const RUNNER_LOCK_KEY = 'sync.runner-lock';

export interface LockHolder {
  owner: string;
  pid: number;
  host: string;
  /** Human name of the holder: "the desktop app", "the command line (rlm sync)". */
  process: string;
  heartbeatAt: number;
  /**
   * The holder paused all its sending (the dashboard's Pause): it holds the lock and sends nothing. Written
   * with the lock, so another process's `rlm status` can say so: it said "sending now" for the paused app.
   */
  isPaused?: boolean;
  /**
   * The companies the holder sends for (`rlm sync --company A`); null or absent: every company. Another company's
   * leads read "Sending" and "Expected now" while only A was served.
   */
  companyIds?: number[] | null;
}

export interface RunnerLock {
  readonly owner: string;
  /** Records the holder's pause (or its end) at once, not at the next heartbeat. */
  setPaused(isPaused: boolean): void;
  /** Stops the heartbeat and removes the row if it is still ours. */
  release(): void;
}

export interface LockOptions {
  processLabel: string;
  /** The companies this runner sends for; null: every company. */
  companyIds?: number[] | null;
  /** Called once when another runner has taken the lock (our heartbeat went stale): stop sending. */
  onLost?: () => void;
  heartbeatMs?: number;
  /** A heartbeat older than this frees the lock even when the pid looks alive (pid reuse, frozen app). */
  staleMs?: number;
  now?: () => number;
}

export function readLockHolder(db: Database.Database): LockHolder | null {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM app_meta WHERE key = ?').get(RUNNER_LOCK_KEY);
  if (!row) return null;
  try {
    const parsed = JSON.parse(row.value) as Partial<LockHolder>;
    if (typeof parsed.owner !== 'string' || typeof parsed.pid !== 'number' || typeof parsed.heartbeatAt !== 'number') return null;
    return {
      owner: parsed.owner,
      pid: parsed.pid,
      host: parsed.host ?? '',
      process: parsed.process ?? 'another process',
      heartbeatAt: parsed.heartbeatAt,
      isPaused: parsed.isPaused === true,
      companyIds: Array.isArray(parsed.companyIds) && parsed.companyIds.every((id) => typeof id === 'number') ? parsed.companyIds : null,
    };
  } catch {
    return null;
  }
}

/** Whether a recorded holder still runs; a holder on another host (shared folder) counts while its heartbeat is fresh. */
export function isHolderLive(holder: Pick<LockHolder, 'pid' | 'host' | 'heartbeatAt'>, now: number, staleMs: number): boolean {
  if (now - holder.heartbeatAt > staleMs) return false;
  return holder.host !== hostname() || isProcessAlive(holder.pid);
}

/** The longest a heartbeat waits for another connection's write lock (db/connection.ts withShortBusyWait). */
export const BEAT_BUSY_TIMEOUT_MS = 1_000;

export function acquireRunnerLock(db: Database.Database, options: LockOptions): RunnerLock {
  const now = options.now ?? Date.now;
  const staleMs = options.staleMs ?? 30_000;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const owner = `${process.pid}:${randomUUID()}`;
  const write = db.prepare<[string, string]>(
    'INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  let isPaused = false;
  const holderValue = () =>
    JSON.stringify({ owner, pid: process.pid, host: hostname(), process: options.processLabel, heartbeatAt: now(), isPaused, companyIds: options.companyIds ?? null } satisfies LockHolder);
  const beat = (): boolean => {
    let isOurs = true;
    // An import's chunk holds the write lock ~40 ms; one held past a second skips the beat (the stale limit is several beats long).
    withShortBusyWait(db, BEAT_BUSY_TIMEOUT_MS, () =>
      db.transaction(() => {
        isOurs = readLockHolder(db)?.owner === owner;
        if (isOurs) write.run(RUNNER_LOCK_KEY, holderValue());
      }).immediate(),
    );
    return isOurs;
  };

  db.transaction(() => {
    const holder = readLockHolder(db);
    if (holder && isHolderLive(holder, now(), staleMs)) {
      // Paused there, it sends nothing: "already running" read, in a cron job's log, as leads going out (a review).
      const message = holder.isPaused
        ? `Sending is paused in ${holder.process} (pid ${holder.pid}): nothing is being sent. Resume it there, or quit it to send from here.`
        : `Sync is already running in ${holder.process} (pid ${holder.pid}).`;
      throw new AppError('locked', message, { pid: holder.pid, process: holder.process, isPaused: holder.isPaused === true });
    }
    write.run(RUNNER_LOCK_KEY, holderValue());
  }).immediate();

  const heartbeat = setInterval(() => {
    let isOurs = true;
    try {
      isOurs = beat();
    } catch {
      // A busy database skips one beat; the stale limit is several beats long.
    }
    if (!isOurs) {
      // Someone took over (we looked dead): two runners would send the same leads, so this one stops.
      clearInterval(heartbeat);
      options.onLost?.();
    }
  }, heartbeatMs);
  heartbeat.unref();

  return {
    owner,
    setPaused(paused) {
      isPaused = paused;
      try {
        beat();
      } catch {
        // A busy database: the next heartbeat writes it.
      }
    },
    release() {
      clearInterval(heartbeat);
      db.transaction(() => {
        if (readLockHolder(db)?.owner === owner) db.prepare('DELETE FROM app_meta WHERE key = ?').run(RUNNER_LOCK_KEY);
      }).immediate();
    },
  };
}
