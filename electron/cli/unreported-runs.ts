/**
 * The `rlm sync` runs that began and never printed their report (killed: SIGKILL, a power cut), so that the next run
 * says their failures and unconfirmed enrolments: the next run counted its own only and exited 0, and a script watching
 * exit codes never heard of them (a review). In app_meta, as a list of runs, each with the companies it sent for: a run
 * for one company reports only that company's, and clears only runs of that company.
 *
 * A run is written down once it holds the runner lock (a run refused because the app sends never began), and each
 * change is one write transaction, so two `rlm sync` processes never lose each other's entries.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';

const KEY = 'cli_sync_unreported_runs';

interface UnreportedRun {
  since: number;
  /** null: every company. */
  companyId: number | null;
  token: string;
}

export interface BegunRun {
  /** Failures since then are this run's news: its own start, or that of an earlier run of its companies never reported. */
  newsSince: number;
  token: string;
}

/** Writes the run down; its news begins with the first unreported run whose companies it sends for. */
export function beginRun(db: Database.Database, startedAt: number, companyId: number | null): BegunRun {
  const token = randomUUID();
  return db.transaction(() => {
    const runs = read(db);
    const overlapping = runs.filter((run) => companyId === null || run.companyId === null || run.companyId === companyId);
    write(db, [...runs, { since: startedAt, companyId, token }]);
    return { newsSince: Math.min(startedAt, ...overlapping.map((run) => run.since)), token };
  }).immediate();
}

/** The run printed its report: it, and the earlier runs whose companies it reported, are no news any more. */
export function reportedRun(db: Database.Database, begun: BegunRun, companyId: number | null): void {
  db.transaction(() => {
    const runs = read(db);
    const startedAt = runs.find((run) => run.token === begun.token)?.since ?? begun.newsSince;
    const covered = (run: UnreportedRun) => run.token === begun.token || (run.since <= startedAt && (companyId === null || run.companyId === companyId));
    write(db, runs.filter((run) => !covered(run)));
  }).immediate();
}

function read(db: Database.Database): UnreportedRun[] {
  const value = db.prepare<[string], string>('SELECT value FROM app_meta WHERE key = ?').pluck().get(KEY);
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as UnreportedRun[]) : [];
  } catch {
    return [];
  }
}

function write(db: Database.Database, runs: readonly UnreportedRun[]): void {
  db.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(runs));
}
