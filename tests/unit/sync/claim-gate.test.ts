/**
 * The scheduler's gate on the claim (electron/core/jobs/claim-gate.ts) on a real SQLite file, at fixed
 * instants: the cap counts leads being sent, a re-send of an enrolled lead is not paced, the job row
 * follows its lead's placement, nothing unenrolled goes before the start date.
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { HeldElsewhere } from '../../../electron/core/jobs/held-elsewhere';
import { useTempDirs } from '../../helpers/temp-dir';

/** Wednesday 2026-12-02 15:00 in Chicago. */
const WED_1500 = Date.UTC(2026, 11, 2, 21, 0);
/** The same day 22:00 in Chicago: past the legal floor. */
const WED_2200 = Date.UTC(2026, 11, 3, 4, 0);

function setup(tempDir: () => string, { leads = 10, cap = 5, startDate = null as string | null } = {}) {
  const db = openDatabase(join(tempDir(), 'leads.sqlite')).$client;
  const at = WED_1500 - 86_400_000;
  db.prepare(
    `INSERT INTO companies (name, ghl_location_id, ghl_base_url, daily_cap, send_days, send_window_start, send_window_end, time_zone, time_zone_source, start_date, created_at, updated_at)
     VALUES ('A', 'locA', 'http://127.0.0.1:1', ?, 'mon,tue,wed,thu,fri,sat,sun', '08:00', '21:00', 'America/Chicago', 'user', ?, ?, ?)`,
  ).run(cap, startDate, at, at);
  const insert = db.prepare(`INSERT INTO leads (company_id, phone, status, time_zone_source, created_at, updated_at) VALUES (1, ?, 'queued', 'company', ?, ?)`);
  const jobs = new JobQueue(db);
  const ids = db.transaction(() =>
    Array.from({ length: leads }, (_, i) => {
      const id = Number(insert.run(`+1512200${String(1000 + i)}`, at, at).lastInsertRowid);
      jobs.enqueue(1, id, at + i);
      return id;
    }),
  )();
  return { db, jobs, ids };
}

const gateOf = (db: Database.Database, leadId: number) => db.prepare(`SELECT send_gate AS gate, send_zone AS zone, send_state AS state FROM sync_jobs WHERE lead_id = ?`).get(leadId);

describe('the claim gate', () => {
  const tempDir = useTempDirs();

  it('counts the leads being sent against the cap, oldest first, and a second claim cannot pass it', () => {
    const { jobs, ids } = setup(tempDir);
    const first = jobs.claim(1, 'r', 3, WED_1500, 60_000);
    expect(first.map((j) => j.leadId)).toEqual(ids.slice(0, 3));
    expect(jobs.claim(1, 'r', 10, WED_1500, 60_000).map((j) => j.leadId)).toEqual(ids.slice(3, 5));
    expect(jobs.claim(1, 'r', 10, WED_1500, 60_000)).toEqual([]);
    jobs.completeSynced(first, WED_1500, { alsoInTx: () => {} });
    expect(jobs.claim(1, 'r', 10, WED_1500, 60_000)).toEqual([]);
    expect(jobs.gate.hasWorkNow(1, WED_1500)).toBe(true); // two still being sent
  });

  // A review found a lead deleted after it was texted (or its import undone) giving its place back: 3 texts on a cap of 2.
  it('a lead deleted after its enrolment still holds its place in the day’s cap (and the hour’s)', () => {
    const { db, jobs, ids } = setup(tempDir, { cap: 2 });
    const first = jobs.claim(1, 'r', 10, WED_1500, 60_000);
    expect(first.map((j) => j.leadId)).toEqual(ids.slice(0, 2));
    jobs.completeSynced(first, WED_1500, { alsoInTx: () => {} });
    db.prepare(`DELETE FROM leads WHERE id = ?`).run(ids[0]);
    expect(jobs.claim(1, 'r', 10, WED_1500 + 60_000, 60_000)).toEqual([]);
    // The next day its place is free again, as any other.
    expect(jobs.claim(1, 'r', 10, WED_1500 + 86_400_000, 60_000).map((j) => j.leadId)).toEqual(ids.slice(2, 4));
  });

  // A day's cap all at the window's opening is a blast: its replies come at once. Leads per hour spreads it.
  it('an hourly cap: at most that many in any 60 minutes, the next once the oldest of them is an hour old, within the daily cap', () => {
    const { db, jobs, ids } = setup(tempDir, { cap: 8 });
    db.prepare(`UPDATE companies SET hourly_cap = 3`).run();
    const minute = 60_000;
    const first = jobs.claim(1, 'r', 10, WED_1500, 60_000);
    expect(first.map((j) => j.leadId)).toEqual(ids.slice(0, 3));
    jobs.completeSynced(first, WED_1500 + minute, { alsoInTx: () => {} });
    const halfHour = WED_1500 + 30 * minute;
    expect(jobs.claim(1, 'r', 10, halfHour, 60_000)).toEqual([]);
    expect(jobs.gate.hasWorkNow(1, halfHour)).toBe(false);
    expect(jobs.gate.nextOpening(1, halfHour)).toBe(WED_1500 + 61 * minute);
    const second = jobs.claim(1, 'r', 10, WED_1500 + 61 * minute, 60_000);
    expect(second.map((j) => j.leadId)).toEqual(ids.slice(3, 6));
    jobs.completeSynced(second, WED_1500 + 62 * minute, { alsoInTx: () => {} });
    // The daily cap still holds: 8 a day is 3 + 3 + 2.
    expect(jobs.claim(1, 'r', 10, WED_1500 + 125 * minute, 60_000).map((j) => j.leadId)).toEqual(ids.slice(6, 8));
  });

  // An enrolment sent with no answer back (lost, a timeout, a kill) most likely texted the customer: it counts
  // against the cap until its lead's retry asks GHL whether it landed, and that retry takes no place of its
  // own (left to the cap, it waited behind its own count), even once the window has closed (it sends nothing
  // new outside it: the window is asked again before any enrolment).
  it('enrolments GHL did not answer count against the cap; their retries go ahead of it, the others wait', () => {
    const { db, jobs, ids } = setup(tempDir, { cap: 2 });
    const unanswered = db.prepare(`INSERT INTO ghl_creates (lead_id, kind, target, state, contact_id, sent_at) VALUES (?, ?, 'roof', 'pending', 'c', ?)`);
    unanswered.run(ids[4], 'enrol-tag', WED_1500 - 60_000);
    unanswered.run(ids[7], 'enrol-workflow', WED_1500 - 60_000);
    expect(jobs.claim(1, 'r', 10, WED_2200, 60_000).map((j) => j.leadId).sort()).toEqual([ids[4], ids[7]]);
    db.prepare(`UPDATE sync_jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL`).run();
    expect(jobs.claim(1, 'r', 10, WED_1500, 60_000).map((j) => j.leadId).sort()).toEqual([ids[4], ids[7]]);
    expect(jobs.claim(1, 'r', 10, WED_1500, 60_000)).toEqual([]);
  });

  it('a re-send of an enrolled lead is not paced: it goes past the cap and outside the window', () => {
    const { db, jobs, ids } = setup(tempDir, { cap: 2 });
    jobs.completeSynced(jobs.claim(1, 'r', 10, WED_1500, 60_000), WED_1500, { alsoInTx: () => {} });
    expect(gateOf(db, ids[0]!)).toMatchObject({ gate: 'free' });
    jobs.enqueue(1, ids[0]!, WED_1500); // an edit
    expect(jobs.gate.hasWorkNow(1, WED_2200)).toBe(true);
    expect(jobs.claim(1, 'r', 10, WED_2200, 60_000).map((j) => j.leadId)).toEqual([ids[0]]);
    expect(jobs.gate.hasWorkNow(1, WED_2200)).toBe(true); // being sent
  });

  // A review: a backlog of re-sends (an update import, a placement fixed for enrolled leads) went oldest first, and an
  // opt-out made meanwhile waited behind all of it while GHL's workflow kept texting the customer.
  it('an opt-out’s DND goes before a backlog of re-sends queued earlier', () => {
    const { db, jobs, ids } = setup(tempDir, { leads: 6, cap: 100 });
    jobs.completeSynced(jobs.claim(1, 'r', 10, WED_1500, 60_000), WED_1500, { alsoInTx: () => {} });
    const [optedOut, ...others] = ids;
    db.transaction(() => {
      for (const [i, id] of others.entries()) jobs.enqueue(1, id!, WED_1500 + i); // re-sends, queued first
      db.prepare(`UPDATE leads SET do_not_contact = 1, status = 'do-not-contact', ghl_contact_id = 'c1' WHERE id = ?`).run(optedOut);
      jobs.cancelPending(optedOut!, WED_1500 + 1_000); // GHL has the contact: its DND goes
    })();
    // Two taken, the DND first (a lane sends a claim's jobs in its order), then the oldest re-send.
    expect(jobs.claim(1, 'r', 2, WED_1500 + 2_000, 60_000).map((j) => j.leadId)).toEqual([optedOut, others[0]]);
  });

  it('the job row follows its lead: placed again after an address edit it waits; placed in a zone, it goes by that zone', () => {
    const { db, jobs, ids } = setup(tempDir, { leads: 2 });
    db.prepare(`UPDATE leads SET postal_code = '33101' WHERE id = ?`).run(ids[0]!);
    expect(gateOf(db, ids[0]!)).toEqual({ gate: 'unplaced', zone: null, state: null });
    expect(jobs.gate.hasWorkNow(1, WED_2200)).toBe(true); // the worker has a lead to place
    db.prepare(`UPDATE leads SET time_zone = 'America/New_York', time_zone_source = 'zip', rule_state = 'fl' WHERE id = ?`).run(ids[0]!);
    expect(gateOf(db, ids[0]!)).toEqual({ gate: 'paced', zone: 'America/New_York', state: 'FL' });
    // 19:30 in Chicago = 20:30 in Miami: Florida's 08:00–20:00 is over, the Chicago lead's window is not.
    const at = Date.UTC(2026, 11, 3, 1, 30);
    expect(jobs.claim(1, 'r', 10, at, 60_000).map((j) => j.leadId)).toEqual([ids[1]]);
    expect(jobs.gate.hasWorkNow(1, at)).toBe(true); // being sent
    expect(jobs.gate.nextOpening(1, at)).toBe(Date.UTC(2026, 11, 3, 13, 0)); // Thursday 08:00 in Miami
  });

  // A lead of several states' law (pacing/lead-zone.ts ruleKeyOfStates) waits while any of them is closed: at 20:30 in
  // Miami Florida's 08:00–20:00 is over, Texas' 09:00–21:00 is not. Its unsure form waits with either state's unsure form.
  it('a lead under two states’ rules goes only while both are open', () => {
    const { db, jobs, ids } = setup(tempDir, { leads: 3 });
    const place = db.prepare(`UPDATE leads SET time_zone = 'America/New_York', time_zone_source = ?, rule_state = ? WHERE id = ?`);
    place.run('zip', 'FL+TX', ids[0]!);
    place.run('zip', 'TX', ids[1]!);
    place.run('state', 'FL+TX~', ids[2]!);
    expect(gateOf(db, ids[0]!)).toEqual({ gate: 'paced', zone: 'America/New_York', state: 'FL+TX' });
    const at = Date.UTC(2026, 11, 3, 1, 30); // Wednesday 20:30 in Miami
    expect(jobs.gate.hasWorkNow(1, at)).toBe(true);
    expect(jobs.claim(1, 'r', 10, at, 60_000).map((j) => j.leadId)).toEqual([ids[1]]);
    // Thursday 09:30 in Miami: Texas opened at 09:00; the unsure one waits for 10:00 (an hour inside Texas' 09:00).
    const thursday = Date.UTC(2026, 11, 3, 14, 30);
    expect(jobs.claim(1, 'r', 10, thursday, 60_000).map((j) => j.leadId)).toEqual([ids[0]]);
    expect(jobs.claim(1, 'r', 10, Date.UTC(2026, 11, 3, 15, 0), 60_000).map((j) => j.leadId)).toEqual([ids[2]]);
  });

  // A row whose state and ZIP lie on far clocks off the mainland keeps their whole distance to spare (pacing/lead-zone.ts:
  // 'TX~5', a Texas row with a Honolulu ZIP): Texas's 09:00–21:00 less 5 hours at each end, 14:00–16:00 in Honolulu.
  it('a lead with hours to spare for a far clock goes only inside them, and the sleep wakes for them', () => {
    const { db, jobs, ids } = setup(tempDir, { leads: 2 });
    const place = db.prepare(`UPDATE leads SET time_zone = 'Pacific/Honolulu', time_zone_source = ?, rule_state = ? WHERE id = ?`);
    place.run('zip', 'TX~5', ids[0]!);
    place.run('zip', 'HI~', ids[1]!);
    const noon = Date.UTC(2026, 11, 2, 22, 0); // Wednesday 12:00 in Honolulu, 16:00 in Dallas
    expect(jobs.claim(1, 'r', 10, noon, 60_000).map((j) => j.leadId)).toEqual([ids[1]]);
    expect(jobs.gate.nextOpening(1, noon)).toBe(Date.UTC(2026, 11, 3, 0, 0)); // 14:00 in Honolulu
    expect(jobs.claim(1, 'r', 10, Date.UTC(2026, 11, 3, 0, 5), 60_000).map((j) => j.leadId)).toEqual([ids[0]]);
  });

  // A review: two leads given back to go again now (their window closed between the claim and the enrolment) went to
  // the back of the line, behind every lead queued after them: under a daily cap, days later.
  it('a lead given back to go again now keeps its place in line', () => {
    const { jobs, ids } = setup(tempDir, { leads: 6, cap: 10 });
    const first = jobs.claim(1, 'r', 2, WED_1500, 60_000);
    expect(first.map((job) => job.leadId)).toEqual(ids.slice(0, 2));
    jobs.release(first, WED_1500 + 1_000, WED_1500 + 1_000);
    expect(jobs.claim(1, 'r', 2, WED_1500 + 2_000, 60_000).map((job) => job.leadId)).toEqual(ids.slice(0, 2));
  });

  // A lead put off by a try (a 5xx retried after its backoff, given back for later while the network was down, held
  // for another company's GHL) went behind every lead queued before its time came: under a daily cap, days after newer
  // ones, with its contact already in GHL. It waits its time, then takes its place back.
  it('a lead put off by a retry, a later release or a hold waits its time, then keeps its place in line', () => {
    const { db, jobs, ids } = setup(tempDir, { leads: 8, cap: 20 });
    db.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('B', 'locB', 'http://127.0.0.1:1', 0, 0)`).run();
    const [retried, released, held] = jobs.claim(1, 'r', 3, WED_1500, 60_000);
    expect([retried, released, held].map((job) => job?.leadId)).toEqual(ids.slice(0, 3));
    const minute = 60_000;
    jobs.retryLater(retried!, 1, WED_1500 + 5 * minute, 'http_500', 'GHL answered 500', WED_1500);
    jobs.release([released!], WED_1500 + 5 * minute, WED_1500, 'network', 'offline');
    jobs.holdForOtherCompany(held!, 2, ['B'], 'unasked', 5 * minute, WED_1500);
    // Meanwhile newer leads go, not these.
    expect(jobs.claim(1, 'r', 2, WED_1500 + minute, 60_000).map((job) => job.leadId)).toEqual(ids.slice(3, 5));
    // Their time come, they go first again: before the leads queued after them.
    expect(jobs.claim(1, 'r', 3, WED_1500 + 6 * minute, 60_000).map((job) => job.leadId)).toEqual(ids.slice(0, 3));
    expect(db.prepare('SELECT count(*) AS n FROM sync_jobs WHERE line_at IS NOT NULL').get()).toEqual({ n: 0 });
  });

  // A review: fixing a typo in a waiting lead's name moved it behind every lead queued since (the edit wrote `now`), and
  // the office's Retry of a failed lead, its contact and note already in GHL, put it behind the whole backlog too.
  it('an edited waiting lead and a failed one the office retries keep their place in line; an edit does not end a backoff', async () => {
    const { jobs, ids } = setup(tempDir, { leads: 8, cap: 20 });
    const minute = 60_000;
    const [failed] = jobs.claim(1, 'r', 1, WED_1500, 60_000);
    expect(failed!.leadId).toBe(ids[0]);
    jobs.fail(failed!, 1, 'contact:permanent', 'GHL refused the contact', WED_1500);
    const [backedOff] = jobs.claim(1, 'r', 1, WED_1500, 60_000);
    expect(backedOff!.leadId).toBe(ids[1]);
    jobs.retryLater(backedOff!, 1, WED_1500 + 30 * minute, 'http_500', 'GHL answered 500', WED_1500);
    // Edited: the next one waiting, and the one waiting its backoff (which it still waits).
    jobs.enqueue(1, ids[2]!, WED_1500 + minute);
    jobs.enqueue(1, ids[1]!, WED_1500 + minute);
    await jobs.retryFailed({ scope: 'lead', leadId: ids[0]! }, () => WED_1500 + 2 * minute);
    expect(jobs.claim(1, 'r', 2, WED_1500 + 3 * minute, 60_000).map((job) => job.leadId)).toEqual([ids[0], ids[2]]);
    expect(jobs.claim(1, 'r', 1, WED_1500 + 3 * minute, 60_000).map((job) => job.leadId)).toEqual([ids[3]]);
    expect(jobs.claim(1, 'r', 1, WED_1500 + 31 * minute, 60_000).map((job) => job.leadId)).toEqual([ids[1]]);
  });

  it('before the start date nothing unenrolled goes; its first minute it does', () => {
    const { jobs } = setup(tempDir, { startDate: '2026-12-03' });
    expect(jobs.claim(1, 'r', 10, WED_1500, 60_000)).toEqual([]);
    expect(jobs.gate.hasWorkNow(1, WED_1500)).toBe(false);
    expect(jobs.gate.nextOpening(1, WED_1500)).toBe(Date.UTC(2026, 11, 3, 14, 0)); // Thursday 08:00 in Chicago
    expect(jobs.claim(1, 'r', 10, Date.UTC(2026, 11, 3, 14, 0), 60_000)).toHaveLength(5);
  });

  // A lead held until another company's GHL can be asked about the customer (held-elsewhere.ts) waits for someone, not for
  // this runner: `rlm sync --until-idle` waited its whole timeout behind one. A retry beside it is still work.
  it('a lead held for another company’s GHL is no work until its next try; the hold is that company’s memory, and a claim or its key ends it', () => {
    const { db, jobs, ids } = setup(tempDir, { leads: 3, cap: 10 });
    db.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('B', 'locB', 'http://127.0.0.1:1', 0, 0)`).run();
    const held = new HeldElsewhere(db);
    const minutes = (n: number) => WED_1500 + n * 60_000;
    const claimed = jobs.claim(1, 'r', 10, WED_1500, 60_000);
    expect(claimed.map((j) => j.leadId)).toEqual(ids);
    const [first, second, third] = claimed;
    expect(jobs.heldElsewhereUntil(2, WED_1500)).toBeNull();
    jobs.holdForOtherCompany(first!, 2, ['B'], 'unasked', 10 * 60_000, WED_1500);
    expect(jobs.heldElsewhereUntil(2, minutes(1))).toBe(minutes(10));
    // The next lead held for B waits until the same instant: B is asked once then, not once per lead.
    jobs.holdForOtherCompany(second!, 2, ['B'], 'unasked', 10 * 60_000, minutes(1));
    expect(db.prepare(`SELECT next_run_at AS at, last_error_code AS code FROM sync_jobs WHERE held_for_company_id = 2 ORDER BY id`).all()).toEqual([
      { at: minutes(10), code: 'dnd-elsewhere:unasked' },
      { at: minutes(10), code: 'dnd-elsewhere:unasked' },
    ]);
    // A retry not due yet beside them is work; the held ones alone are not.
    jobs.release([third!], minutes(3), minutes(1));
    expect(jobs.gate.hasWorkNow(1, minutes(2))).toBe(true);
    const retried = jobs.claim(1, 'r', 10, minutes(3), 60_000);
    expect(retried.map((j) => j.leadId)).toEqual([ids[2]]);
    jobs.completeSynced(retried, minutes(3), { alsoInTx: () => {} });
    expect(jobs.gate.hasWorkNow(1, minutes(4))).toBe(false);
    expect(jobs.gate.nextHeldRetry(1, minutes(4))).toBe(minutes(10));
    expect(held.heldForOthers()).toEqual(new Map([[1, { waiting: 2, onContacts: 0, keyRefused: [false], companies: ['B'], companyIds: [2], pauses: [{ pausedReason: null, pausedUntil: null }] }]]));
    // Their next try: work, and the claim ends the hold (its code too: a job given back later is not "held").
    expect(jobs.gate.hasWorkNow(1, minutes(10))).toBe(true);
    const again = jobs.claim(1, 'r', 10, minutes(10), 60_000);
    expect(again.map((j) => j.lastErrorCode)).toEqual([null, null]);
    expect(jobs.heldElsewhereUntil(2, minutes(10))).toBeNull();
    jobs.release(again, minutes(10), minutes(10));
    expect(held.heldForOthers()).toEqual(new Map());
    // Held again, then B's GHL answers about someone: they go now.
    const third2 = jobs.claim(1, 'r', 10, minutes(11), 60_000);
    for (const job of third2) jobs.holdForOtherCompany(job, 2, ['B'], 'unasked', 10 * 60_000, minutes(11));
    expect(jobs.releaseHeldFor(2, minutes(12))).toBe(2);
    expect(db.prepare(`SELECT count(*) FROM sync_jobs WHERE held_for_company_id IS NOT NULL OR last_error_code IS NOT NULL`).pluck().get()).toBe(0);
    expect(jobs.heldElsewhereUntil(2, minutes(12))).toBeNull();
    expect(jobs.gate.hasWorkNow(1, minutes(12))).toBe(true);
    // A refusal of the question about one contact holds that lead alone: B is asked about the next one (one odd contact
    // held every customer shared with B, for good).
    const [refusedJob] = jobs.claim(1, 'r', 1, minutes(13), 60_000);
    jobs.holdForOtherCompany(refusedJob!, 2, ['B'], 'refused', 10 * 60_000, minutes(13));
    expect(jobs.heldElsewhereUntil(2, minutes(13))).toBeNull();
    // (Let go by the answer, the other lead is held no more.)
    expect(held.heldForOthers()).toEqual(new Map([[1, { waiting: 1, onContacts: 1, keyRefused: [false], companies: ['B'], companyIds: [2], pauses: [{ pausedReason: null, pausedUntil: null }] }]]));
    // B answering about someone else does not mend that contact: the hold stays (let go, it was asked again, and refused
    // again, at every answer about anyone). B's key saved does let it go.
    expect(jobs.releaseHeldFor(2, minutes(14))).toBe(0);
    expect(jobs.releaseAllHeldFor(2, minutes(14))).toBe(1);
    // GHL refusing B's key for the question (a 401, no pause of B's) is B's memory too, and said as a key to save.
    const [keyJob] = jobs.claim(1, 'r', 1, minutes(15), 60_000);
    jobs.holdForOtherCompany(keyJob!, 2, ['B'], 'key-refused', 10 * 60_000, minutes(15));
    expect(jobs.heldElsewhereUntil(2, minutes(15))).toBe(minutes(25));
    // The next lead asking about B is answered as that hold was (it was told "not answered", and its block said so).
    expect(jobs.heldElsewhereBecause(2, minutes(15))).toBe('key-refused');
    expect(held.heldForOthers().get(1)).toMatchObject({ waiting: 1, onContacts: 0, keyRefused: [true] });
    expect(jobs.releaseHeldFor(2, minutes(16))).toBe(1);
  });
  // A contact GHL keeps failing on (a 5xx about her alone) was asked about every 10 minutes for good, with a witness beside
  // it: ~3 calls each time, per such customer. Each hold of the same contact in a row lasts twice the one before, up to
  // the longest; a key saved for that company or the lead queued anew (an edit) starts again from the shortest.
  it('a lead held for one contact waits twice as long at each hold in a row, up to the longest; a key saved or an edit starts again', () => {
    const { db, jobs, ids } = setup(tempDir, { leads: 1, cap: 10 });
    db.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('B', 'locB', 'http://127.0.0.1:1', 0, 0)`).run();
    const minutes = (n: number) => WED_1500 + n * 60_000;
    const nextRun = () => db.prepare<[], number>(`SELECT next_run_at FROM sync_jobs`).pluck().get()!;
    /** Claims the lead when it is due and holds it again for its contact at B, failed; returns how long it waits. */
    const holdAgain = (kind: 'failed' | 'refused' = 'failed') => {
      const at = Math.max(nextRun(), WED_1500);
      const [job] = jobs.claim(1, 'r', 1, at, 60_000);
      expect(job?.leadId).toBe(ids[0]);
      expect(jobs.holdForOtherCompany(job!, 2, ['B'], kind, 10 * 60_000, at, 60 * 60_000)).toBe(true);
      return (nextRun() - at) / 60_000;
    };
    expect([holdAgain(), holdAgain(), holdAgain('refused'), holdAgain(), holdAgain()]).toEqual([10, 20, 40, 60, 60]);
    // B's key saved: asked at once, and from the shortest hold again.
    expect(jobs.releaseAllHeldFor(2, nextRun() - 1)).toBe(1);
    expect(holdAgain()).toBe(10);
    expect(holdAgain()).toBe(20);
    // The lead edited (queued anew): the same.
    jobs.enqueue(1, ids[0]!, nextRun());
    expect(holdAgain()).toBe(10);
    expect(holdAgain()).toBe(20);
    // A hold of B as a whole (it could not be asked at all) keeps its own time, the company's memory, and ends the
    // streak: her contact was not asked meanwhile.
    const at = nextRun();
    const [job] = jobs.claim(1, 'r', 1, at, 60_000);
    jobs.holdForOtherCompany(job!, 2, ['B'], 'unasked', 10 * 60_000, at, 60 * 60_000);
    expect((nextRun() - at) / 60_000).toBe(10);
    expect(holdAgain()).toBe(10);
    expect(holdAgain()).toBe(20);
    // Claimed from anything but a hold for the contact (asked, answered, and given back for another reason: a retry
    // after a 503 of its own, a key saved while it was being asked), the streak is over: 10 minutes again (a review).
    const given = nextRun();
    const [claimed] = jobs.claim(1, 'r', 1, given, 60_000);
    jobs.release([claimed!], given, given);
    expect(holdAgain()).toBe(10);
  });
});
