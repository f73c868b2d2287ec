/**
 * When one waiting lead is expected to go (the lead panel's "Expected Sat 10:00 CST; 8th in line of the
 * 8 waiting…"): its place in its line, walked through the company's send plan. A place's leads go oldest
 * first (the claim gate's order: next_run_at, id), so the lead goes on the day its place has sent those
 * ahead of it, while the other places take their share of the cap as their windows open (pacing/plan.ts
 * turnDay). The earliest its hours allow stays beside it: "Not before…" alone said nothing of the 300 ahead.
 */
import type Database from 'better-sqlite3';
import type { CompanyRow } from '../../../db/schema';
import type { LeadTurn } from '../../../shared/ipc/leads';
import { compileSchedule, describeNext, isKeptByAddress, nextSendAt, turnDay, wideMarginHours, type CompiledSchedule, type Place } from '../../pacing';
import { dateKey, localTime, parseDateKey, startOfDay } from '../../pacing/local-time';
import { capHourStart, companyDayStart, ENROLLED_AT_SINCE_SQL, ENROLLED_SINCE_SQL, hourlySlotAt } from './company-day';
import { pausedText } from '../../../shared/plan-text';
import { isHeldElsewhereCode } from '../jobs/held-elsewhere';
import { isJobUnwrittenSql } from '../jobs/queued-without-jobs';
import { isPausedAt, scheduleOf } from './schedule-of';
import { planInputs, theirTime } from './send-plan';

interface WaitingJob {
  id: number;
  gate: string;
  zone: string | null;
  state: string | null;
  /** Not before then (a retry's backoff, a hold). */
  nextRunAt: number;
  /** Its place in line: the same, or the one it keeps while put off (schema.ts line_at). */
  placeAt: number;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
}

/** Long enough for GHL's own words, short enough for one line of the panel. */
const LAST_TRY_MAX = 200;

/**
 * A lead whose last try failed (GHL answered 503, or did not answer) waits for its retry: its panel said only
 * "Expected now … next in line", while the table's tooltip and the Failed list knew nothing of it either (the
 * lead's own last_error is written when it fails for good). Only a failure the sync retries by itself is said so:
 * not a wait of the schedule's own (`…:deferred`), nor a refused key or a missing workflow (the company pauses,
 * and its own words say what the office must do).
 */
function lastTryText(job: WaitingJob): string | null {
  const code = job.lastErrorCode ?? '';
  // Not a failure of its own: another company's GHL must be asked about her first (shared-customer-watch.ts).
  if (isHeldElsewhereCode(code) && job.lastErrorMessage) return `${job.lastErrorMessage}. It is tried again by itself.`;
  // retryOrFail's codes and the network's (company-lane.ts handleFailure; a bulk tag GHL refused for one contact).
  const isRetried = code.endsWith(':transient') || code.endsWith(':offline') || code === 'enrol:rejected';
  const message = job.lastErrorMessage?.trim().replace(/[.!]+$/, '') ?? '';
  if (!isRetried || message === '') return null;
  const said = message.length > LAST_TRY_MAX ? `${message.slice(0, LAST_TRY_MAX - 1).trimEnd()}…` : message;
  return `Its last try failed: ${said}. It is tried again by itself.`;
}

const NONE: LeadTurn = { earliestAt: null, expectedAt: null, text: null };

/**
 * `hasKey`: whether the company's API key can be read; without one nothing goes, and the panel says why itself.
 * `isOffline`: GHL could not be reached at the last try; a lead whose turn has come then goes when it can be.
 * `hold`: nothing sends any company's leads: sending paused as a whole (the dashboard's "Pause all", or in the program
 * that sends), or stopped with no program sending (a crash, a Stop, a takeover let go); 'other-companies': a sync runs for
 * other companies only (`rlm sync --company A`), so nothing sends this one's.
 */
export function leadTurn(
  db: Database.Database,
  company: CompanyRow,
  leadId: number,
  now: number,
  { hasKey = true, isOffline = false, hold = null }: { hasKey?: boolean; isOffline?: boolean; hold?: 'all-paused' | 'stopped' | 'other-companies' | null } = {},
): LeadTurn {
  if (!hasKey) return NONE;
  // Only a lead waiting for its first enrolment is paced; a re-send or a DND goes as soon as it can. One the
  // sync worker has not placed yet has no zone to name a time in (its hours may open before the company's).
  const job = db
    .prepare<[number], WaitingJob>(
      `SELECT j.id, j.send_gate AS gate, j.send_zone AS zone, j.send_state AS state, j.next_run_at AS nextRunAt, coalesce(j.line_at, j.next_run_at) AS placeAt,
         j.last_error_code AS lastErrorCode, j.last_error_message AS lastErrorMessage
       FROM sync_jobs j JOIN leads l ON l.id = j.lead_id WHERE j.lead_id = ? AND j.state = 'queued' AND l.enrolled_at IS NULL AND l.do_not_contact = 0`,
    )
    .get(leadId);
  // An import's lead whose job the sync has yet to write (queued-without-jobs.ts): waiting and not placed, as its job will be.
  const isUnplaced = job ? job.gate === 'unplaced' : isJobUnwritten(db, leadId);
  // A free job (a re-send, a DND) goes as soon as it can: no turn to say.
  if (!isUnplaced && job?.gate !== 'paced') return NONE;
  // The dashboard's "Pause all" (or the program that sends, paused there): the panel said "Expected now" beside it (a review).
  if (hold === 'all-paused') return { ...NONE, text: 'Paused — sending is paused for every company: no lead goes to GHL until it is resumed.' };
  // Stopped, and no other program sends: the panel said "Expected now" beside the dashboard's "Stopped" (a review).
  if (hold === 'stopped') return { ...NONE, text: 'Stopped — sending is stopped: no lead goes to GHL until it is started (Start on the dashboard).' };
  // The panel said "Expected now" while `rlm sync --company A` held the runner and sent A's leads only.
  if (hold === 'other-companies') {
    return { ...NONE, text: 'Not sending — the sync running now sends other companies only: this lead goes once sending runs for its company (the app, or rlm sync without --company).' };
  }
  // Not placed yet: no zone to name a time in (the panel says the sync places it first), but a pause of its company
  // holds it all the same, and said nothing (a review).
  if (isUnplaced || !job) return isPausedAt(company, now) ? { ...NONE, text: `${pausedText(company.syncPausedReason)}.` } : NONE;
  const turn = pacedTurn(db, company, job, now, isOffline);
  // Said only beside a time it may go: not beside "Sending is paused" or a schedule that never reaches it.
  const lastTry = turn.earliestAt === null ? null : lastTryText(job);
  return lastTry === null ? turn : { ...turn, text: `${lastTry} ${turn.text}` };
}

function pacedTurn(db: Database.Database, company: CompanyRow, job: WaitingJob, now: number, isOffline: boolean): LeadTurn {
  const schedule = compileSchedule(scheduleOf(company));
  // In the pause's own words: a refused key said "paused … until it resumes", with no Resume button anywhere (a review).
  if (isPausedAt(company, now)) return { ...NONE, text: `${pausedText(company.syncPausedReason)}.` };
  const from = Math.max(now, job.nextRunAt);
  const sentThen = db.prepare<{ companyId: number; since: number }, { n: number }>(ENROLLED_SINCE_SQL).get({ companyId: company.id, since: companyDayStart(from, schedule.timeZone) })!.n;
  // A placed job's zone is NULL when it is the company's own.
  const place: Place = { timeZone: job.zone ?? schedule.timeZone, state: job.state };
  const at = nextSendAt(place, schedule, from, sentThen);
  if (at === null) {
    // Its row's state and ZIP (or its ZIP and a Florida mobile: lead-zone.ts) on clocks so far apart that no hour is legal
    // on both (a Guam row, a New York ZIP): the address, not the schedule, is what to change (a review: it said "change
    // the schedule").
    const apart = wideMarginHours(job.state);
    if (apart !== null && isKeptByAddress(place, schedule, from)) return { ...NONE, text: `Its state, ZIP or phone's area code point to clocks up to ${apart} hours apart, and no hour of the schedule is legal on all of them: correct its address (or its phone number) to send it.` };
    return { ...NONE, text: 'No sending day or hour of the schedule reaches this lead: change the schedule to send it.' };
  }
  const rule = `Leads go oldest first, at most ${schedule.dailyCap.toLocaleString('en-US')} a day${schedule.hourlyCap === null ? '' : ` and ${schedule.hourlyCap.toLocaleString('en-US')} an hour`}.`;
  const expected = expectedTurn(db, company, schedule, job, place, from, at, now);
  if (expected === null) {
    // A fact of the schedule, not a promise: others may be ahead of it, and GHL may not be reachable now.
    const when = at <= now ? 'Its sending hours are open now' : `Not before ${describeNext(at, schedule.timeZone, now)}${theirTime(at, place, schedule.timeZone, now)}`;
    return { earliestAt: at, expectedAt: null, text: `${when}. ${rule}` };
  }
  const { expectedAt, nth, waiting, hasOtherLines } = expected;
  // "The only lead waiting with its sending hours. Leads go oldest first" beside two others waiting read as a contradiction
  // (an office manager's review: three leads of three states, each "the only one"): the others wait under other hours.
  const lines = hasOtherLines ? ' under its sending hours' : '';
  const line =
    waiting === 1
      ? `the only lead waiting${lines}${hasOtherLines ? ' (others wait under other hours: another state’s, or another time zone’s)' : ''}`
      : `${nth === 1 ? 'next' : ordinal(nth)} in line of the ${waiting.toLocaleString('en-US')} waiting${lines}`;
  // "Expected now" beside the Offline banner was untrue: nothing goes until GHL answers again.
  if (expectedAt <= now && isOffline) return { earliestAt: at, expectedAt, text: `Expected as soon as GHL can be reached again: its sending hours are open and it is ${line}. ${rule}` };
  if (expectedAt <= now) {
    // Its day is today and its hours are open, but the hourly cap lets only so many go an hour: "Expected now" for the
    // 50th in line under a cap of 10 an hour was four hours early (a review). Its line alone is counted (others share
    // the cap), so the time is the earliest.
    const slot = hourlySlot(db, company.id, schedule, nth, now);
    if (slot !== null && slot > now) {
      const opens = nextSendAt(place, schedule, slot, 0);
      const perHour = `${schedule.hourlyCap!.toLocaleString('en-US')} go an hour`;
      if (opens === null || dateKey(localTime(opens, schedule.timeZone)) !== dateKey(localTime(now, schedule.timeZone))) {
        return { earliestAt: at, expectedAt: null, text: `Expected after today's sending hours at the earliest (${perHour}): it is ${line}. ${rule}` };
      }
      const when = `${describeNext(opens, schedule.timeZone, now)}${theirTime(opens, place, schedule.timeZone, now)}`;
      return { earliestAt: at, expectedAt: opens, text: `Expected ${when} at the earliest (${perHour}): ${line}. ${rule}` };
    }
    return { earliestAt: at, expectedAt, text: `Expected now: its sending hours are open and it is ${line}. ${rule}` };
  }
  // With an hourly cap the day's share goes in batches an hour apart: the opening is when its day starts, not its minute.
  const laterThatDay = schedule.hourlyCap === null ? '' : ' or later that day';
  const when = `${describeNext(expectedAt, schedule.timeZone, now)}${theirTime(expectedAt, place, schedule.timeZone, now)}${laterThatDay}`;
  return { earliestAt: at, expectedAt, text: `Expected ${when}: ${line}. ${rule}` };
}

interface ExpectedTurn {
  /** When its hours open on the company day it is expected to go (≤ now: now). */
  expectedAt: number;
  /** Its place in its line, 1 = next. */
  nth: number;
  /** How many wait in its line (its place), itself included. */
  waiting: number;
  /** Whether the company's waiting leads are in more than one line (other hours share the cap). */
  hasOtherLines: boolean;
}

function expectedTurn(
  db: Database.Database,
  company: CompanyRow,
  schedule: CompiledSchedule,
  job: WaitingJob,
  place: Place,
  from: number,
  earliestAt: number,
  now: number,
): ExpectedTurn | null {
  const { places, sentToday, sentSince } = planInputs(db, company, schedule, now);
  const index = places.findIndex((waiting) => waiting.timeZone === place.timeZone && waiting.state === place.state);
  if (index < 0) return null;
  const waiting = places[index]!.n;
  // A count that raced a claim could name a place past the line's end: it is at most the last.
  const nth = Math.min(waiting, leadsAhead(db, company.id, job, now) + 1);
  const day = turnDay(places, index, nth, sentToday, schedule, now, sentSince);
  if (day === null) return null;
  const dayStart = startOfDay(parseDateKey(day), schedule.timeZone);
  // Its hours that day: the earliest it may go when that is the day, else their opening (a new day: no sends yet).
  const opens = dayStart <= from ? earliestAt : nextSendAt(place, schedule, dayStart, 0);
  if (opens === null || dateKey(localTime(opens, schedule.timeZone)) !== day) return null;
  return { expectedAt: opens, nth, waiting, hasOtherLines: places.length > 1 };
}

/** When the hourly cap lets the `nth` lead from now go (company-day.ts hourlySlotAt); null without an hourly cap. */
function hourlySlot(db: Database.Database, companyId: number, schedule: CompiledSchedule, nth: number, now: number): number | null {
  if (schedule.hourlyCap === null) return null;
  const since = capHourStart(now);
  // The hour's enrolments. Not the leads being sent now: `nth` counts those of its line already (a review found them
  // counted twice, "2 h" where one hour would do).
  const enrolled = db.prepare<{ companyId: number; since: number }, { n: number }>(ENROLLED_SINCE_SQL).get({ companyId, since })!.n;
  const enrolledAt = db.prepare<{ companyId: number; since: number; offset: number }, { at: number }>(ENROLLED_AT_SINCE_SQL);
  return hourlySlotAt(schedule.hourlyCap, enrolled, (offset) => enrolledAt.get({ companyId, since, offset })?.at, now, nth);
}

/**
 * The paced leads of its line (same zone, same rule state) that go before it: those being sent, and the queued
 * ones before it in the claim gate's order. Over sync_jobs_paced_idx: as many index rows as are ahead.
 */
function leadsAhead(db: Database.Database, companyId: number, job: WaitingJob, now: number): number {
  const zone = job.zone === null ? 'send_zone IS NULL' : 'send_zone = @zone';
  return db
    .prepare<{ companyId: number; zone: string | null; state: string | null; nextRunAt: number; id: number; now: number }, { n: number }>(
      `SELECT
         (SELECT count(*) FROM sync_jobs INDEXED BY sync_jobs_paced_idx
           WHERE company_id = @companyId AND state = 'queued' AND send_gate = 'paced' AND ${zone} AND send_state IS @state
             AND next_run_at <= @nextRunAt AND (next_run_at < @nextRunAt OR id < @id))
       -- Put off, due again, and not given their place back yet (the next claim does): ahead by that place.
       + (SELECT count(*) FROM sync_jobs INDEXED BY sync_jobs_deferred_idx
           WHERE line_at IS NOT NULL AND state = 'queued' AND next_run_at <= @now AND next_run_at > @nextRunAt
             AND company_id = @companyId AND send_gate = 'paced' AND ${zone} AND send_state IS @state
             AND (line_at < @nextRunAt OR (line_at = @nextRunAt AND id < @id)))
       + (SELECT count(*) FROM sync_jobs WHERE company_id = @companyId AND state = 'running' AND send_gate = 'paced' AND ${zone} AND send_state IS @state) AS n`,
    )
    .get({ companyId, zone: job.zone, state: job.state, nextRunAt: job.placeAt, id: job.id, now })!.n;
}

/** A lead an import queued whose job the sync has not written yet (queued-without-jobs.ts). */
function isJobUnwritten(db: Database.Database, leadId: number): boolean {
  return (
    db
      .prepare<[number], { one: number }>(
        `SELECT 1 AS one FROM leads l WHERE l.id = ? AND ${isJobUnwrittenSql('l')}`,
      )
      .get(leadId) !== undefined
  );
}

const ORDINAL_SUFFIX: Record<Intl.LDMLPluralRule, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th', zero: 'th', many: 'th' };
/** Made on first use: an Intl object made as the module loads costs every CLI start its ICU data (cli start-up test). */
let ordinalRules: Intl.PluralRules | null = null;

/** "2nd", "11th", "1,203rd". */
function ordinal(n: number): string {
  ordinalRules ??= new Intl.PluralRules('en-US', { type: 'ordinal' });
  return `${n.toLocaleString('en-US')}${ORDINAL_SUFFIX[ordinalRules.select(n)]}`;
}
