/**
 * A waiting lead's panel says when it is expected to go, its place in its line, and by what rule the others
 * go: "In line" alone told the office nothing of when, and "Not before Thu 09:00" said nothing of the 300
 * ahead of it. Real SQLite, the JobQueue's own rows, and the real claim gate for what the sender does.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import type { CompanyRow } from '../../../db/schema';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { LeadWriter } from '../../../electron/core/leads/lead-writer';
import { leadTurn } from '../../../electron/core/schedule/lead-turn';
import { sendPlan } from '../../../electron/core/schedule/send-plan';
import { describeScheduled } from '../../../electron/cli/commands/sync';
import { planParts, queuedLeadsText } from '../../../shared/plan-text';
import { hourlySlotAt } from '../../../electron/core/schedule/company-day';
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
      expectedAt: Date.UTC(2026, 10, 30, 16, 0),
      text: 'Expected Mon 10:00 CST: the only lead waiting under its sending hours (others wait under other hours: another state’s, or another time zone’s). Leads go oldest first, at most 100 a day.',
    });
    expect(leadTurn(db, company(), honolulu, sundayEvening).text).toBe(
      'Expected Mon 14:00 CST (10:00 in Honolulu): the only lead waiting under its sending hours (others wait under other hours: another state’s, or another time zone’s). Leads go oldest first, at most 100 a day.',
    );
    const mondayNoon = Date.UTC(2026, 10, 30, 18, 0);
    expect(leadTurn(db, company(), here, mondayNoon).text).toBe(
      'Expected now: its sending hours are open and it is the only lead waiting under its sending hours (others wait under other hours: another state’s, or another time zone’s). Leads go oldest first, at most 100 a day.',
    );
    // GHL out of reach: "Expected now" beside the Offline banner was untrue; a later turn stays as it is.
    expect(leadTurn(db, company(), here, mondayNoon, { isOffline: true }).text).toBe(
      'Expected as soon as GHL can be reached again: its sending hours are open and it is the only lead waiting under its sending hours (others wait under other hours: another state’s, or another time zone’s). Leads go oldest first, at most 100 a day.',
    );
    expect(leadTurn(db, company(), here, sundayEvening, { isOffline: true }).text).toMatch(/^Expected Mon 10:00 CST: /);
    // Without a key nothing goes: the panel's own alert says so, and no time is promised beside it.
    expect(leadTurn(db, company(), here, mondayNoon, { hasKey: false })).toEqual({ earliestAt: null, expectedAt: null, text: null });
  });

  // A review: under a cap of 10 an hour the 50th in line read "Expected now", and went about four hours later.
  it('under an hourly cap, says when the hour lets it go, not "now"', () => {
    const { db, jobs, lead, company } = world();
    db.prepare(`UPDATE companies SET hourly_cap = 2`).run();
    const mondayNoon = Date.UTC(2026, 10, 30, 18, 0);
    const ids = Array.from({ length: 7 }, () => lead(CHICAGO));
    // One went at 11:30: its place in the hour frees at 12:30.
    jobs.completeSynced(jobs.claim(1, 'r', 1, mondayNoon - 30 * MINUTE, MINUTE), mondayNoon - 30 * MINUTE, { alsoInTx: () => {} });
    // The next has a place now; the one after it when 11:30's frees, then the hour after each.
    expect(leadTurn(db, company(), ids[1]!, mondayNoon).text).toMatch(/^Expected now: /);
    expect(leadTurn(db, company(), ids[2]!, mondayNoon)).toMatchObject({
      expectedAt: mondayNoon + 30 * MINUTE,
      text: 'Expected Mon 12:30 CST at the earliest (2 go an hour): 2nd in line of the 6 waiting. Leads go oldest first, at most 100 a day and 2 an hour.',
    });
    expect(leadTurn(db, company(), ids[3]!, mondayNoon).expectedAt).toBe(mondayNoon + 60 * MINUTE);
    expect(leadTurn(db, company(), ids[4]!, mondayNoon).expectedAt).toBe(mondayNoon + 90 * MINUTE);
    // Past the day's hours (19:00): the plan's walk of the days already puts it on the next.
    db.prepare(`UPDATE companies SET hourly_cap = 1`).run();
    expect(leadTurn(db, company(), ids[6]!, mondayNoon + 4 * 60 * MINUTE).text).toMatch(/^Expected Tue 10:00 CST or later that day: 6th in line/);
  });

  it('counts the leads being sent once: the third of a line whose two are on their way goes in an hour, not two', () => {
    const { db, jobs, lead, company } = world();
    db.prepare(`UPDATE companies SET hourly_cap = 2`).run();
    const mondayNoon = Date.UTC(2026, 10, 30, 18, 0);
    const ids = Array.from({ length: 3 }, () => lead(CHICAGO));
    expect(jobs.claim(1, 'r', 2, mondayNoon, 10 * MINUTE)).toHaveLength(2);
    expect(leadTurn(db, company(), ids[2]!, mondayNoon).expectedAt).toBe(mondayNoon + 60 * MINUTE);
  });

  it('a cap lowered below the hour’s sends frees a place only when enough have left the hour', () => {
    const now = Date.UTC(2026, 10, 30, 18, 0);
    const sent = [now - 50 * MINUTE, now - 40 * MINUTE, now - 10 * MINUTE];
    const at = (offset: number) => sent[offset];
    expect(hourlySlotAt(2, 3, at, now, 1)).toBe(now + 20 * MINUTE); // the second oldest leaves at 18:20
    expect(hourlySlotAt(2, 3, at, now, 2)).toBe(now + 50 * MINUTE);
    expect(hourlySlotAt(2, 3, at, now, 3)).toBe(now + 80 * MINUTE);
    expect(hourlySlotAt(5, 3, at, now, 2)).toBe(now);
    expect(hourlySlotAt(null, 3, at, now, 9)).toBeNull();
  });

  it('waits for tomorrow once today’s cap is used, and says so when the company is paused or no hour ever reaches it', () => {
    const { db, jobs, lead, company } = world({ dailyCap: 1 });
    const mondayNoon = Date.UTC(2026, 10, 30, 18, 0);
    const first = lead(CHICAGO);
    const second = lead(CHICAGO);
    jobs.completeSynced(jobs.claim(1, 'r', 1, mondayNoon, MINUTE), mondayNoon, { alsoInTx: () => {} });
    expect(leadTurn(db, company(), first, mondayNoon + MINUTE)).toEqual({ earliestAt: null, expectedAt: null, text: null }); // sent
    expect(leadTurn(db, company(), second, mondayNoon + MINUTE).text).toBe('Expected Tue 10:00 CST: the only lead waiting. Leads go oldest first, at most 1 a day.');

    db.prepare(`UPDATE companies SET sync_paused_reason = 'user'`).run();
    expect(leadTurn(db, company(), second, mondayNoon).text).toBe('Paused — no lead goes to GHL until you resume.');
    // GHL's pause in its own words: a refused key said "paused … until it resumes", and nothing could resume it.
    db.prepare(`UPDATE companies SET sync_paused_reason = 'auth'`).run();
    expect(leadTurn(db, company(), second, mondayNoon).text).toBe('Paused — nothing goes until GHL accepts a new API key.');
  });

  // A review: with sending paused for every company (the dashboard's "Pause all"), the panel still said "Expected now".
  it('says nothing goes while sending is paused for every company', () => {
    const { db, lead, company } = world({});
    const mondayNoon = Date.UTC(2026, 10, 30, 18, 0);
    const waiting = lead(CHICAGO);
    expect(leadTurn(db, company(), waiting, mondayNoon).earliestAt).not.toBeNull();
    expect(leadTurn(db, company(), waiting, mondayNoon, { hold: 'all-paused' })).toEqual({ earliestAt: null, expectedAt: null, text: 'Paused — sending is paused for every company: no lead goes to GHL until it is resumed.' });
    // Stopped, with no program sending (a crash, a Stop): "Expected now" stood beside the dashboard's "Stopped" (a review).
    expect(leadTurn(db, company(), waiting, mondayNoon, { hold: 'stopped' })).toEqual({
      earliestAt: null,
      expectedAt: null,
      text: 'Stopped — sending is stopped: no lead goes to GHL until it is started (Start on the dashboard).',
    });
  });

  // A lead the sync has not placed yet (no zone to name a time in) said nothing at all, while sending was stopped or
  // paused or ran for other companies only: the panel's "Not placed yet: the sync places it before it is sent" was all.
  it('a lead not placed yet says what holds every lead, and its company’s pause, but names no time', () => {
    const { db, lead, company } = world({});
    const mondayNoon = Date.UTC(2026, 10, 30, 18, 0);
    const waiting = lead(CHICAGO);
    db.prepare(`UPDATE sync_jobs SET send_gate = 'unplaced', send_zone = NULL, send_state = NULL WHERE lead_id = ?`).run(waiting);
    expect(leadTurn(db, company(), waiting, mondayNoon)).toEqual({ earliestAt: null, expectedAt: null, text: null });
    expect(leadTurn(db, company(), waiting, mondayNoon, { hold: 'stopped' }).text).toMatch(/^Stopped — sending is stopped/);
    expect(leadTurn(db, company(), waiting, mondayNoon, { hold: 'all-paused' }).text).toMatch(/^Paused — sending is paused for every company/);
    expect(leadTurn(db, company(), waiting, mondayNoon, { hold: 'other-companies' }).text).toMatch(/^Not sending — the sync running now sends other companies only/);
    db.prepare(`UPDATE companies SET sync_paused_reason = 'user'`).run();
    expect(leadTurn(db, company(), waiting, mondayNoon)).toEqual({ earliestAt: null, expectedAt: null, text: 'Paused — no lead goes to GHL until you resume.' });
  });

  // Issue #11: an import's lead has no job until the sync writes it; its panel said nothing while sending was stopped.
  it('an imported lead whose job the sync has yet to write says the same as a lead not placed yet', () => {
    const { db, company } = world({});
    const mondayNoon = Date.UTC(2026, 10, 30, 18, 0);
    const batchId = Number(db.prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, created_at) VALUES (1, 'f.csv', 'completed', 1, 1)`).run().lastInsertRowid);
    const draft = { firstName: 'Ann', lastName: null, phone: '+15125559001', phoneRaw: null, phoneExt: null, email: null, emailKey: null, address1: null,
      city: null, state: 'TX', postalCode: null, country: 'US', source: null, notes: null, lastServiceDate: null, consentNote: null, doNotContact: false,
      companyName: null, originalDate: null, crmStatus: null, jobType: null, crmTags: null, customValues: [] };
    new LeadWriter(db, { companyId: 1, batchId, onDuplicate: 'skip', queueSync: true, tag: null }).writeChunk([draft]);
    const waiting = db.prepare(`SELECT id FROM leads WHERE phone = '+15125559001'`).pluck().get() as number;
    expect(db.prepare('SELECT count(*) FROM sync_jobs WHERE lead_id = ?').pluck().get(waiting)).toBe(0);
    expect(leadTurn(db, company(), waiting, mondayNoon)).toEqual({ earliestAt: null, expectedAt: null, text: null });
    expect(leadTurn(db, company(), waiting, mondayNoon, { hold: 'stopped' }).text).toMatch(/^Stopped — sending is stopped/);
    db.prepare(`UPDATE companies SET sync_paused_reason = 'user'`).run();
    expect(leadTurn(db, company(), waiting, mondayNoon).text).toBe('Paused — no lead goes to GHL until you resume.');
  });

  // A lead whose upsert GHL answered with a 503 waits for its retry: its panel said "Expected now … the only lead
  // waiting", and nothing anywhere said its last try had failed.
  it('a lead waiting for its retry says its last try failed, and a wait of the schedule’s own is no failure', () => {
    const { db, jobs, lead, company } = world();
    const mondayNoon = Date.UTC(2026, 10, 30, 18, 0);
    const id = lead(CHICAGO);
    const [claimed] = jobs.claim(1, 'r', 1, mondayNoon, MINUTE);
    jobs.retryLater(claimed!, 1, mondayNoon + 30_000, 'upsert:transient', 'Service Unavailable', mondayNoon);
    expect(leadTurn(db, company(), id, mondayNoon + 1_000).text).toMatch(/^Its last try failed: Service Unavailable\. It is tried again by itself\. Expected /);
    // Not beside a pause, which says itself what stops it.
    db.prepare(`UPDATE companies SET sync_paused_reason = 'user'`).run();
    expect(leadTurn(db, company(), id, mondayNoon + 1_000).text).toMatch(/^Paused — /);
    db.prepare(`UPDATE companies SET sync_paused_reason = NULL`).run();

    // The review: a wait of the schedule's own, a refused key (the company pauses, and says what to do) are no
    // retry; GHL's own words are cut to a line.
    const claimAt = (at: number) => jobs.claim(1, 'r', 1, at, MINUTE)[0]!;
    jobs.release([claimAt(mondayNoon + 30_000)], mondayNoon + 30_000, mondayNoon + 30_000, 'enrol:deferred', 'Waiting for the sending window');
    expect(leadTurn(db, company(), id, mondayNoon + 31_000).text).toMatch(/^Expected now: /);
    jobs.release([claimAt(mondayNoon + 32_000)], mondayNoon + 32_000, mondayNoon + 32_000, 'upsert:auth', 'Invalid JWT');
    expect(leadTurn(db, company(), id, mondayNoon + 33_000).text).toMatch(/^Expected now: /);
    jobs.retryLater(claimAt(mondayNoon + 34_000), 2, mondayNoon + 40_000, 'upsert:transient', `${'x'.repeat(300)}.`, mondayNoon + 34_000);
    const long = leadTurn(db, company(), id, mondayNoon + 35_000).text!;
    expect(long).toMatch(/^Its last try failed: x{199}…\. It is tried again by itself\. Expected /);
  });

  it('a Mississippi lead of a Sundays-only company: never, said as a schedule to change', () => {
    const { db, lead, company } = world({ sendDays: 'sun' });
    const ms = lead(CHICAGO, 'MS');
    expect(leadTurn(db, company(), ms, Date.UTC(2026, 10, 30, 18, 0))).toEqual({
      earliestAt: null,
      expectedAt: null,
      text: 'No sending day or hour of the schedule reaches this lead: change the schedule to send it.',
    });
  });

  // A review: a lead whose row's state and ZIP lie on clocks so far apart that no hour is legal on both (a Guam row, a New
  // York ZIP: pacing/lead-zone.ts, 'GU~15') was told to change the schedule; the address is what to change.
  it('a lead whose state and ZIP leave no legal hour: said as an address to correct', () => {
    const { db, lead, company } = world({});
    const guam = lead('Pacific/Guam', 'GU~15');
    expect(leadTurn(db, company(), guam, Date.UTC(2026, 10, 30, 18, 0)).text).toBe(
      "Its state, ZIP or phone's area code point to clocks up to 15 hours apart, and no hour of the schedule is legal on all of them: correct its address (or its phone number) to send it.",
    );
  });

  // The same lead on a schedule that would not reach it with a correct address either (a Sundays-only company, a
  // Mississippi row: no texts on Sunday there): the schedule is what to change first, not the address.
  it('a far-apart lead whose state bans every sending day of the schedule: said as a schedule to change', () => {
    const { db, lead, company } = world({ sendDays: 'sun' });
    const ms = lead(CHICAGO, 'MS~6');
    expect(leadTurn(db, company(), ms, Date.UTC(2026, 10, 30, 18, 0)).text).toBe('No sending day or hour of the schedule reaches this lead: change the schedule to send it.');
  });

  // A review: the dashboard, `rlm sync` and the import summary said "check the schedule" of leads the lead panel told
  // to correct their address. The plan counts them apart, and says what to change for each.
  it('the plan counts the leads their addresses keep apart from those the schedule keeps, and says which to change', () => {
    const monday = Date.UTC(2026, 10, 30, 18, 0);
    const weekdays = world({});
    weekdays.lead(CHICAGO);
    weekdays.lead('Pacific/Guam', 'GU~15');
    const one = sendPlan(weekdays.db, weekdays.company(), monday);
    expect(one).toMatchObject({ scheduled: 2, unreachable: 1, unreachableByAddress: 1 });
    expect(planParts(one).queue).toBe('2 scheduled, 1 of them where no hour is legal on both their state’s and their ZIP’s clocks: correct its address');
    expect(queuedLeadsText(one, 2, 'Summit')).toBe('2 leads queued, but no hour is legal for 1 of the 2 waiting on both their state’s and their ZIP’s clocks: correct its address.');

    // Sundays only: a Mississippi lead (no texts on Sunday there) is the schedule's, the Guam one its address's.
    const sundays = world({ sendDays: 'sun' });
    sundays.lead(CHICAGO, 'TX');
    sundays.lead(CHICAGO, 'MS');
    sundays.lead('Pacific/Guam', 'GU~15');
    const both = sendPlan(sundays.db, sundays.company(), monday);
    expect(both).toMatchObject({ scheduled: 3, unreachable: 2, unreachableByAddress: 1 });
    expect(planParts(both).queue).toBe('3 scheduled, 2 of them where no sending day or hour ever reaches: check the schedule, and correct the address whose state and ZIP are on clocks hours apart');

    // Only such leads wait: nothing goes, and it is the addresses to correct.
    const alone = world({});
    alone.lead('Pacific/Guam', 'GU~15');
    alone.lead('Pacific/Guam', 'GU~15');
    const none = sendPlan(alone.db, alone.company(), monday);
    expect(none).toMatchObject({ scheduled: 2, unreachable: 2, unreachableByAddress: 2, nextSendAt: null });
    expect(planParts(none).next).toBe('no hour is legal for these leads on both their state’s and their ZIP’s clocks: correct their addresses');
    expect(describeScheduled(none)).toBe('2 scheduled: none can go, as no hour is legal on both their state’s and their ZIP’s clocks (correct their addresses)');
  });

  it('a lead behind others in its line: the day they have gone at the cap, not its hours’ next opening', () => {
    const { db, lead, company } = world({ dailyCap: 3 });
    const wednesdayEvening = Date.UTC(2026, 11, 3, 2, 0); // Wed Dec 2 20:00 Chicago
    const ids = Array.from({ length: 8 }, () => lead(CHICAGO));
    const texts = ids.map((id) => leadTurn(db, company(), id, wednesdayEvening).text);
    expect(texts[0]).toBe('Expected Thu 10:00 CST: next in line of the 8 waiting. Leads go oldest first, at most 3 a day.');
    expect(texts[3]).toBe('Expected Fri 10:00 CST: 4th in line of the 8 waiting. Leads go oldest first, at most 3 a day.');
    expect(texts[7]).toBe('Expected Sat 10:00 CST: 8th in line of the 8 waiting. Leads go oldest first, at most 3 a day.');
    // Its hours open on Thursday all the same: the earliest stays beside the expected.
    expect(leadTurn(db, company(), ids[7]!, wednesdayEvening).earliestAt).toBe(Date.UTC(2026, 11, 3, 16, 0));
  });

  // Put off by a 5xx, the first in line keeps its place (schema.ts line_at): it goes when its backoff ends, not after the
  // seven queued behind it (the panel said "8th in line", Saturday, for a lead the sender takes first on Thursday).
  it('a lead waiting for its retry keeps its place in line: expected when its backoff ends', () => {
    const { db, jobs, lead, company } = world({ dailyCap: 3 });
    const thursdayTen = Date.UTC(2026, 11, 3, 16, 0);
    const ids = Array.from({ length: 8 }, () => lead(CHICAGO));
    const [first] = jobs.claim(1, 'r', 1, thursdayTen, MINUTE);
    expect(first!.leadId).toBe(ids[0]);
    jobs.retryLater(first!, 1, thursdayTen + 30 * MINUTE, 'upsert:transient', 'Service Unavailable', thursdayTen);
    expect(leadTurn(db, company(), ids[0]!, thursdayTen + MINUTE).text).toMatch(/Expected Thu 10:30 CST: next in line of the 8 waiting\./);
    // Meanwhile the next one goes: the first is not due before 10:30.
    expect(leadTurn(db, company(), ids[1]!, thursdayTen + MINUTE).text).toMatch(/^Expected now: its sending hours are open and it is next in line/);
    // Its backoff over, the first is ahead again, before any claim gave it its place back (the diff's review).
    expect(leadTurn(db, company(), ids[1]!, thursdayTen + 31 * MINUTE).text).toMatch(/2nd in line of the 8 waiting\./);
  });

  // The claim gate hands the cap to the windows that open first: New York's leads fill each day before the
  // Mississippi ones (a stricter state, later hours and no Sundays) get what is left. Each lead's expected day
  // is held to the day the real gate, driven minute by minute, hands it out.
  it('every lead’s expected day is the day the sender sends it, with two lines sharing the cap', () => {
    const { db, jobs, lead, company } = world({ dailyCap: 10, sendDays: 'mon,tue,wed,thu,fri,sat,sun' });
    db.prepare(`UPDATE companies SET send_window_start = '08:00', send_window_end = '21:00', time_zone = 'America/New_York'`).run();
    const newYork = Array.from({ length: 30 }, () => lead('America/New_York'));
    const mississippi = Array.from({ length: 15 }, () => lead(CHICAGO, 'MS'));
    const thursday = Date.UTC(2026, 11, 3, 5, 0); // Thu Dec 3 00:00 New York
    const officeDay = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(at);
    const expected = new Map([...newYork, ...mississippi].map((id) => [id, officeDay(leadTurn(db, company(), id, thursday).expectedAt!)]));
    // Four days away: Thursday to Saturday go to New York's thirty, Sunday to nobody (Mississippi: no Sunday text).
    expect(leadTurn(db, company(), mississippi[0]!, thursday).text).toBe(
      'Expected Mon 09:00 EST (08:00 in Chicago): next in line of the 15 waiting under its sending hours. Leads go oldest first, at most 10 a day.',
    );
    const sentOn = new Map<number, string>();
    for (let now = thursday; sentOn.size < 45 && now < thursday + 7 * 86_400_000; now += MINUTE) {
      const claimed = jobs.claim(1, 'r', 1000, now, MINUTE);
      if (claimed.length > 0) jobs.completeSynced(claimed, now, { alsoInTx: () => {} });
      for (const job of claimed) sentOn.set(job.leadId, officeDay(now));
    }
    expect(sentOn.size).toBe(45);
    expect(expected).toEqual(sentOn);
    expect(expected.get(mississippi.at(-1)!)).toBe('2026-12-08');
  });
});
