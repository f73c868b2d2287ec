/**
 * The sending plan promises what the sender does. Each case drives the real claim gate minute by minute from
 * the moment the plan is read, enrolling what it hands out, and compares: the plan's next send time with the
 * first enrolment, its finish day with the office day of the last. Found wrong before:
 *  - both caps reached in the hour before the office's midnight: "next Fri 00:00" for a send on Thursday
 *    (today's count was charged to the day the hour frees up on);
 *  - the hourly cap used up at 18:30 with the window closing at 19:00: "done by today", the rest went tomorrow;
 *  - Anchorage leads of a New York office: their 08:00–21:00 falls in two pieces of the office's day, and only
 *    the first (one hour) was counted: "done by Dec 21" with an hourly cap, sent by Dec 6.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import type { CompanyRow } from '../../../db/schema';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { sendPlan } from '../../../electron/core/schedule/send-plan';
import { useTempDirs } from '../../helpers/temp-dir';

interface World {
  leads: number;
  dailyCap: number;
  hourlyCap: number | null;
  leadZone: string;
  /** The rule state of the first `leads` (a stricter state's window, such as 'MS'). */
  leadState?: string;
  window?: [string, string];
  companyZone?: string;
  /** Leads of other places, after the first `leads` (a rule state such as 'MS' narrows their window). */
  more?: Array<{ leads: number; zone: string; ruleState: string }>;
}

const MINUTE = 60_000;
const officeDay = (at: number, zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(at);

describe('the sending plan against the sender', () => {
  const tempDir = useTempDirs();

  function world(o: World) {
    const db = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
    const at = Date.UTC(2026, 10, 20);
    db.prepare(
      `INSERT INTO companies (name, ghl_location_id, ghl_base_url, daily_cap, hourly_cap, send_days, send_window_start, send_window_end, time_zone, time_zone_source, start_date, created_at, updated_at)
       VALUES ('A', 'locA', 'http://127.0.0.1:1', ?, ?, 'mon,tue,wed,thu,fri,sat,sun', ?, ?, ?, 'user', NULL, ?, ?)`,
    ).run(o.dailyCap, o.hourlyCap, o.window?.[0] ?? '08:00', o.window?.[1] ?? '21:00', o.companyZone ?? 'America/New_York', at, at);
    const insert = db.prepare(
      `INSERT INTO leads (company_id, phone, status, time_zone, time_zone_source, rule_state, created_at, updated_at) VALUES (1, ?, 'queued', ?, 'zip', ?, ?, ?)`,
    );
    const jobs = new JobQueue(db);
    const groups = [{ leads: o.leads, zone: o.leadZone, ruleState: o.leadState ?? (null as string | null) }, ...(o.more ?? [])];
    db.transaction(() => {
      let i = 0;
      for (const group of groups) {
        for (let j = 0; j < group.leads; j++, i++) jobs.enqueue(1, Number(insert.run(`+1808200${1000 + i}`, group.zone, group.ruleState, at, at).lastInsertRowid), at + i);
      }
    })();
    const company = () => {
      const raw = db.prepare('SELECT * FROM companies WHERE id = 1').get() as Record<string, unknown>;
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v])) as unknown as CompanyRow;
    };
    /** Enrols what the gate hands out, minute by minute from `from`: the instants of the enrolments. */
    const send = (from: number, minutes: number) => {
      const sent: number[] = [];
      for (let m = 0; m < minutes; m++) {
        const now = from + m * MINUTE;
        const claimed = jobs.claim(1, 'r', 1000, now, MINUTE);
        if (claimed.length > 0) jobs.completeSynced(claimed, now, { alsoInTx: () => {} });
        for (const _ of claimed) sent.push(now);
      }
      return sent;
    };
    return { db, jobs, company, send };
  }

  it('both caps reached in the hour before the office’s midnight: next send is the next day’s first minute, not the day after', () => {
    const { db, jobs, company, send } = world({ leads: 20, dailyCap: 5, hourlyCap: 5, leadZone: 'Pacific/Honolulu' });
    const wed2300 = Date.UTC(2026, 11, 3, 4, 0); // Wed Dec 2 23:00 New York = 18:00 Honolulu
    jobs.completeSynced(jobs.claim(1, 'r', 100, wed2300, MINUTE), wed2300, { alsoInTx: () => {} });
    const now = wed2300 + 30 * MINUTE;
    const plan = sendPlan(db, company(), now);
    const sent = send(now, 60 * 30);
    expect(sent[0]).toBe(Date.UTC(2026, 11, 3, 5, 0)); // Thu 00:00 New York
    expect(plan.nextSendAt).toBe(sent[0]);
  });

  it('the hourly cap used up just before the window closes: the rest goes tomorrow, and the plan says so', () => {
    const zone = 'America/Chicago';
    const { db, jobs, company, send } = world({ leads: 25, dailyCap: 100, hourlyCap: 15, leadZone: zone, window: ['10:00', '19:00'], companyZone: zone });
    const wed1800 = Date.UTC(2026, 11, 3, 0, 0); // Wed Dec 2 18:00 Chicago
    jobs.completeSynced(jobs.claim(1, 'r', 100, wed1800, MINUTE), wed1800, { alsoInTx: () => {} });
    const now = wed1800 + 30 * MINUTE;
    const plan = sendPlan(db, company(), now);
    const sent = send(now, 60 * 20);
    expect(sent).toHaveLength(10);
    expect(officeDay(sent.at(-1)!, zone)).toBe('2026-12-03');
    expect(plan.finishEstimate).toBe('2026-12-03');
    expect(plan.days[0]).toMatchObject({ day: '2026-12-02', count: 0 });
  });

  // The last hour's sends hold their places only until they turn an hour old: counted whole against today,
  // sends made at 17:05 hid the batch that goes at 18:05 ("done by tomorrow" for a queue done today).
  it('sends of the last hour that free their places before the window closes take nothing from today', () => {
    const zone = 'America/Chicago';
    const { db, jobs, company, send } = world({ leads: 30, dailyCap: 100, hourlyCap: 15, leadZone: zone, window: ['10:00', '19:00'], companyZone: zone });
    const wed1705 = Date.UTC(2026, 11, 2, 23, 5); // Wed Dec 2 17:05 Chicago
    jobs.completeSynced(jobs.claim(1, 'r', 100, wed1705, MINUTE), wed1705, { alsoInTx: () => {} });
    const now = wed1705 + 55 * MINUTE; // 18:00
    const plan = sendPlan(db, company(), now);
    const sent = send(now, 60 * 20);
    expect(sent).toHaveLength(15);
    expect(officeDay(sent.at(-1)!, zone)).toBe('2026-12-02');
    expect(plan.finishEstimate).toBe('2026-12-02');
    expect(plan.days[0]).toMatchObject({ day: '2026-12-02', count: 15 });
  });

  it('leads whose window falls in two pieces of the office’s day: every piece counts', () => {
    const zone = 'America/New_York';
    const { db, company, send } = world({ leads: 200, dailyCap: 40, hourlyCap: 10, leadZone: 'America/Anchorage' });
    const now = Date.UTC(2026, 11, 2, 5, 0); // Wed Dec 2 00:00 New York
    const plan = sendPlan(db, company(), now);
    const sent = send(now, 60 * 24 * 6);
    expect(sent).toHaveLength(200);
    expect(officeDay(sent.at(-1)!, zone)).toBe('2026-12-06');
    expect(plan.finishEstimate).toBe('2026-12-06');
    expect(plan.days.slice(0, 5).map((day) => day.count)).toEqual([40, 40, 40, 40, 40]);
  });

  // The plan gave a day the whole cap when any place's window opened that day, whatever waited there: ten
  // Mississippi leads and one California lead, on a Sunday, read "done today"; Mississippi allows no Sunday text.
  it('a day counts only the leads of the places open that day', () => {
    const zone = 'America/Chicago';
    const { db, company, send } = world({ leads: 1, dailyCap: 100, hourlyCap: null, leadZone: 'America/Los_Angeles', companyZone: zone, more: [{ leads: 10, zone, ruleState: 'MS' }] });
    const sundayNoon = Date.UTC(2026, 11, 6, 18, 0); // Sun Dec 6 12:00 Chicago
    const plan = sendPlan(db, company(), sundayNoon);
    const sent = send(sundayNoon, 60 * 24 * 2);
    expect(sent).toHaveLength(11);
    expect(officeDay(sent.at(-1)!, zone)).toBe('2026-12-07');
    expect(plan.finishEstimate).toBe('2026-12-07');
    expect(plan.days.slice(0, 3).map((day) => day.count)).toEqual([1, 10, 0]);
  });

  // When the cap binds, whose leads take it decides the finish: the gate claims a place's leads as its window
  // opens, so New York's (open from 08:00) fill each day's cap before Mississippi's (09:00 New York time), and
  // the Mississippi ones, left for the weekend, wait out the Sunday they may not be texted on.
  it('with the cap reached each day, the places that open first take it, and the rest wait for their own days', () => {
    const zone = 'America/New_York';
    const { db, company, send } = world({ leads: 30, dailyCap: 10, hourlyCap: null, leadZone: zone, more: [{ leads: 15, zone: 'America/Chicago', ruleState: 'MS' }] });
    const thursday = Date.UTC(2026, 11, 3, 5, 0); // Thu Dec 3 00:00 New York
    const plan = sendPlan(db, company(), thursday);
    const sent = send(thursday, 60 * 24 * 6);
    expect(sent).toHaveLength(45);
    expect(officeDay(sent.at(-1)!, zone)).toBe('2026-12-08');
    expect(plan.finishEstimate).toBe('2026-12-08');
    expect(plan.days.slice(0, 6).map((day) => day.count)).toEqual([10, 10, 10, 0, 10, 5]);
  });

  // An hourly cap spreads a day over the hours its places are open, but only over the hours of places with
  // leads left: once Chicago's five went at 11:00 (New York time), only Los Angeles's 13:00–22:00 was left.
  it('with an hourly cap, the hours count only while their places have leads', () => {
    const zone = 'America/New_York';
    const { db, company, send } = world({
      leads: 5, dailyCap: 100, hourlyCap: 5, leadZone: 'America/Chicago', window: ['10:00', '19:00'],
      more: [{ leads: 50, zone: 'America/Los_Angeles', ruleState: 'CA' }],
    });
    const wednesday = Date.UTC(2026, 11, 2, 5, 0); // Wed Dec 2 00:00 New York
    const plan = sendPlan(db, company(), wednesday);
    const sent = send(wednesday, 60 * 24 * 3);
    expect(sent).toHaveLength(55);
    expect(officeDay(sent.at(-1)!, zone)).toBe('2026-12-03');
    expect(plan.finishEstimate).toBe('2026-12-03');
    expect(plan.days.slice(0, 3).map((day) => day.count)).toEqual([50, 5, 0]);
  });

  // Two places whose windows open at the same instant: the gate hands the cap to the oldest jobs of the places
  // open, so the older Mississippi leads take Saturday and the Illinois ones Sunday (Mississippi allows no
  // Sunday text). Ordered by opening alone, the plan gave Saturday to Illinois and read "done by Monday".
  it('places that open together: the one with the older leads takes the cap first, as the gate does', () => {
    const zone = 'America/Chicago';
    const { db, company, send } = world({
      leads: 10, leadZone: zone, leadState: 'MS', dailyCap: 10, hourlyCap: null, window: ['10:00', '19:00'], companyZone: zone,
      more: [{ leads: 10, zone, ruleState: 'IL' }],
    });
    const saturday = Date.UTC(2026, 11, 5, 6, 0); // Sat Dec 5 00:00 Chicago
    const plan = sendPlan(db, company(), saturday);
    const sent = send(saturday, 60 * 24 * 3);
    expect(sent).toHaveLength(20);
    expect(officeDay(sent.at(-1)!, zone)).toBe('2026-12-06');
    expect(plan.finishEstimate).toBe('2026-12-06');
    expect(plan.days.slice(0, 3).map((day) => day.count)).toEqual([10, 10, 0]);
  });
});
