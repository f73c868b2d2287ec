/**
 * A waiting lead's panel says when it may go at the earliest, and by what rule the others go: "In line"
 * alone told the office nothing of when. Real SQLite, the JobQueue's own rows.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import type { CompanyRow } from '../../../db/schema';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { leadTurn } from '../../../electron/core/schedule/lead-turn';
import { useTempDirs } from '../../helpers/temp-dir';

const CHICAGO = 'America/Chicago';
const MINUTE = 60_000;

describe('a waiting lead’s turn', () => {
  const tempDir = useTempDirs();

  function world(o: { dailyCap?: number; sendDays?: string } = {}) {
    const db = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
    const at = Date.UTC(2026, 10, 20);
    db.prepare(
      `INSERT INTO companies (name, ghl_location_id, ghl_base_url, daily_cap, send_days, send_window_start, send_window_end, time_zone, time_zone_source, created_at, updated_at)
       VALUES ('A', 'locA', 'http://127.0.0.1:1', ?, ?, '10:00', '19:00', ?, 'user', ?, ?)`,
    ).run(o.dailyCap ?? 100, o.sendDays ?? 'mon,tue,wed,thu,fri,sat', CHICAGO, at, at);
    const jobs = new JobQueue(db);
    const insert = db.prepare(`INSERT INTO leads (company_id, phone, status, time_zone, time_zone_source, rule_state, created_at, updated_at) VALUES (1, ?, 'queued', ?, 'zip', ?, ?, ?)`);
    const lead = (zone: string, ruleState: string | null = null) => {
      const id = Number(insert.run(`+1512555${String(1000 + Number(db.prepare('SELECT count(*) FROM leads').pluck().get())).padStart(4, '0')}`, zone, ruleState, at, at).lastInsertRowid);
      jobs.enqueue(1, id, at);
      return id;
    };
    const company = () => {
      const raw = db.prepare('SELECT * FROM companies WHERE id = 1').get() as Record<string, unknown>;
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v])) as unknown as CompanyRow;
    };
    return { db, jobs, lead, company };
  }

  it('names the next opening of its own hours, in the office’s clock and theirs, and the rule the others follow', () => {
    const { db, lead, company } = world();
    const sundayEvening = Date.UTC(2026, 10, 30, 2, 0); // Sun Nov 29 20:00 Chicago
    const here = lead(CHICAGO);
    const honolulu = lead('Pacific/Honolulu');
    expect(leadTurn(db, company(), here, sundayEvening)).toEqual({
      earliestAt: Date.UTC(2026, 10, 30, 16, 0),
      text: 'Not before Mon 10:00 CST; leads go oldest first, at most 100 a day.',
    });
    expect(leadTurn(db, company(), honolulu, sundayEvening).text).toBe('Not before Mon 14:00 CST (10:00 in Honolulu); leads go oldest first, at most 100 a day.');
    const mondayNoon = Date.UTC(2026, 10, 30, 18, 0);
    expect(leadTurn(db, company(), here, mondayNoon).text).toBe('Its sending hours are open now; leads go oldest first, at most 100 a day.');
    // Without a key nothing goes: the panel's own alert says so, and no time is promised beside it.
    expect(leadTurn(db, company(), here, mondayNoon, false)).toEqual({ earliestAt: null, text: null });
  });

  it('waits for tomorrow once today’s cap is used, and says so when the company is paused or no hour ever reaches it', () => {
    const { db, jobs, lead, company } = world({ dailyCap: 1 });
    const mondayNoon = Date.UTC(2026, 10, 30, 18, 0);
    const first = lead(CHICAGO);
    const second = lead(CHICAGO);
    jobs.completeSynced(jobs.claim(1, 'r', 1, mondayNoon, MINUTE), mondayNoon, { alsoInTx: () => {} });
    expect(leadTurn(db, company(), first, mondayNoon + MINUTE)).toEqual({ earliestAt: null, text: null }); // sent
    expect(leadTurn(db, company(), second, mondayNoon + MINUTE).text).toBe('Not before Tue 10:00 CST; leads go oldest first, at most 1 a day.');

    db.prepare(`UPDATE companies SET sync_paused_reason = 'user'`).run();
    expect(leadTurn(db, company(), second, mondayNoon).text).toMatch(/^Sending is paused/);
  });

  it('a Mississippi lead of a Sundays-only company: never, said as a schedule to change', () => {
    const { db, lead, company } = world({ sendDays: 'sun' });
    const ms = lead(CHICAGO, 'MS');
    expect(leadTurn(db, company(), ms, Date.UTC(2026, 10, 30, 18, 0))).toEqual({
      earliestAt: null,
      text: 'No sending day or hour of the schedule reaches this lead: change the schedule to send it.',
    });
  });
});
