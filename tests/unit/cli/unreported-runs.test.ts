/**
 * The `rlm sync` runs killed before their report: the next run of their companies says their failures, a run of other
 * companies neither says them nor forgets them (the diff's review: one key for every run reported the app's failures
 * after a run refused the lock, and `--company B` cleared what a killed `--company A` left).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { beginRun, reportedRun } from '../../../electron/cli/unreported-runs';
import { useTempDirs } from '../../helpers/temp-dir';

describe('runs not reported', () => {
  const tempDir = useTempDirs();

  it('are the news of the next run of their companies only, until one reports them', () => {
    const db = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
    // A run for company 1, killed before its report.
    const killed = beginRun(db, 100, 1);
    expect(killed.newsSince).toBe(100);
    // A run for company 2: not its news, and it does not clear it.
    const other = beginRun(db, 200, 2);
    expect(other.newsSince).toBe(200);
    reportedRun(db, other, 2);
    // A run for company 1 says it, and so does one for every company.
    expect(beginRun(db, 300, 1).newsSince).toBe(100);
    const all = beginRun(db, 400, null);
    expect(all.newsSince).toBe(100);
    reportedRun(db, all, null);
    // Reported by the run for every company (which began after them all): no news left.
    expect(beginRun(db, 500, 1).newsSince).toBe(500);
  });

  it('a run that began after the reporting one stays news: reported runs clear only what began before them', () => {
    const db = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
    const first = beginRun(db, 100, null);
    const later = beginRun(db, 200, null);
    reportedRun(db, first, null);
    expect(beginRun(db, 300, null).newsSince).toBe(200);
    reportedRun(db, later, null);
  });
});
