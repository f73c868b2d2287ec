/**
 * A company's sending plan (shared/send-plan.ts) read from the database at an instant: the counts come from
 * SQL, the times from the pacing rules (electron/pacing). Read-only; call it inside the caller's read
 * transaction when it must agree with other numbers.
 */
import type Database from 'better-sqlite3';
import type { CompanyRow } from '../../../db/schema';
import type { SendPlan } from '../../../shared/send-plan';
import { compileSchedule, describeDay, describeNext, finishEstimate, isKeptByAddress, nextSendAt, plan, UNKNOWN_PLACE_KEY, type CompiledSchedule, type Place, type SentSince, type Waiting } from '../../pacing';
import { localTime } from '../../pacing/local-time';
import { capHourStart, companyDayStart, ENROLLED_AT_SINCE_SQL, ENROLLED_SINCE_SQL, hourlyCapFreesAt, UNANSWERED_ENROLMENTS_COUNT_SQL } from './company-day';
import { isPausedAt, scheduleOf } from './schedule-of';

interface PlanCounts {
  sentToday: number;
  /** Of sentToday, the enrolments GHL has not confirmed (counted in case they went). */
  unansweredToday: number;
  /** Enrolled in the last 60 minutes (the hourly cap counts these). */
  sentThisHour: number;
  scheduled: number;
  /** Each place of the waiting leads, with how many wait there. */
  places: Waiting[];
}

/** The plan's statements, prepared once per connection (the dashboard asks for every company on each refresh). */
const statementsByDb = new WeakMap<Database.Database, ReturnType<typeof prepareStatements>>();

function prepareStatements(db: Database.Database) {
  return {
    sentSince: db.prepare<{ companyId: number; since: number }, { n: number }>(ENROLLED_SINCE_SQL),
    // Both in one statement, one snapshot: read apart, an answer lost by a sync in another process between the two
    // reads made "0 of 100 today (1 of them without a clear answer…)".
    todayCounts: db.prepare<{ companyId: number; since: number }, { n: number; unanswered: number }>(
      `SELECT (${ENROLLED_SINCE_SQL}) AS n, ${UNANSWERED_ENROLMENTS_COUNT_SQL} AS unanswered`,
    ),
    enrolledAtSince: db.prepare<{ companyId: number; since: number; offset: number }, { at: number }>(ENROLLED_AT_SINCE_SQL),
    // Queued (or being sent) and never enrolled: these wait for their turn. An enrolled lead's re-send is
    // only a contact update and is not paced. Counted per place and batch by triggers on sync_jobs
    // (migrations 0020, 0021), so this is a few rows whatever the size of the queue; an import's leads whose jobs the
    // sync has yet to write are counted there as their jobs would be (migration 0069).
    waitingByPlace: db.prepare<[string, number], { zone: string | null; timeZone: string; state: string | null; n: number }>(
      `SELECT nullif(zone, '') AS zone, CASE zone WHEN '' THEN ? ELSE zone END AS timeZone, nullif(state, '') AS state, sum(n) AS n
       FROM waiting_job_counts WHERE company_id = ? GROUP BY zone, state HAVING sum(n) > 0`,
    ),
    // When a place's oldest queued lead became due: the claim's order among places that open together.
    // From sync_jobs_paced_idx alone (zone, then due time, then rule state).
    oldestInPlace: db.prepare<{ companyId: number; zone: string | null; state: string | null }, { at: number | null }>(
      `SELECT min(next_run_at) AS at FROM sync_jobs INDEXED BY sync_jobs_paced_idx
       WHERE company_id = @companyId AND state = 'queued' AND send_gate = 'paced' AND send_zone IS @zone AND send_state IS @state`,
    ),
    // EXISTS over sync_jobs_unplaced_idx: one probe, whatever the queue's size.
    hasUnplaced: db.prepare<{ companyId: number }, { one: number }>(
      `SELECT EXISTS (SELECT 1 FROM sync_jobs WHERE company_id = @companyId AND state = 'queued' AND send_gate = 'unplaced')
           OR EXISTS (SELECT 1 FROM queued_without_jobs WHERE company_id = @companyId) AS one`,
    ),
  };
}

function statementsFor(db: Database.Database) {
  let statements = statementsByDb.get(db);
  if (!statements) {
    statements = prepareStatements(db);
    statementsByDb.set(db, statements);
  }
  return statements;
}

function readCounts(db: Database.Database, company: CompanyRow, timeZone: string, now: number): PlanCounts {
  const statements = statementsFor(db);
  const dayStart = companyDayStart(now, timeZone);
  const today = statements.todayCounts.get({ companyId: company.id, since: dayStart })!;
  const groups = statements.waitingByPlace.all(timeZone, company.id);
  return {
    sentToday: today.n,
    unansweredToday: today.unanswered,
    sentThisHour: company.hourlyCap === null ? 0 : statements.sentSince.get({ companyId: company.id, since: capHourStart(now) })!.n,
    scheduled: groups.reduce((sum, group) => sum + group.n, 0),
    places: groups.map((group) => {
      const oldest = statements.oldestInPlace.get({ companyId: company.id, zone: group.zone, state: group.state })!.at;
      return { timeZone: group.timeZone, state: group.state, n: group.n, ...(oldest === null ? {} : { oldest }) };
    }),
  };
}

/** The hourly cap's count at an instant of the last hour, for today's capacity (a send holds its place an hour). */
function sentSinceOf(db: Database.Database, company: CompanyRow, schedule: CompiledSchedule): SentSince | null {
  return schedule.hourlyCap === null ? null : (at: number) => statementsFor(db).sentSince.get({ companyId: company.id, since: at })!.n;
}

/** What the plan walks: the waiting leads per place and today's sends (lead-turn.ts walks it to one lead's turn). */
export function planInputs(db: Database.Database, company: CompanyRow, schedule: CompiledSchedule, now: number): { places: Waiting[]; sentToday: number; sentSince: SentSince | null } {
  const { places, sentToday } = readCounts(db, company, schedule.timeZone, now);
  return { places, sentToday, sentSince: sentSinceOf(db, company, schedule) };
}

export function sendPlan(db: Database.Database, company: CompanyRow, now: number, fallbackZone?: string): SendPlan {
  const schedule = compileSchedule(scheduleOf(company, fallbackZone));
  const { sentToday, unansweredToday, sentThisHour, scheduled, places } = readCounts(db, company, schedule.timeZone, now);
  // The hourly cap reached: nothing goes before a place of the last 60 minutes frees up.
  const since = capHourStart(now);
  const hourFreesAt = hourlyCapFreesAt(schedule.hourlyCap, sentThisHour, (offset) => statementsFor(db).enrolledAtSince.get({ companyId: company.id, since, offset })?.at, now);
  const paused = isPausedAt(company, now);
  let next: number | null = null;
  let nextPlace: Place | null = null;
  if (!paused) {
    // Counted on the day the hour frees up on, as the claim gate counts (ClaimGate.nextOpening): today's sends
    // do not fill tomorrow when the hour frees up after the office's midnight.
    const from = hourFreesAt ?? now;
    const sentThen = from === now ? sentToday : statementsFor(db).sentSince.get({ companyId: company.id, since: companyDayStart(from, schedule.timeZone) })!.n;
    for (const place of places) {
      const at = nextSendAt(place, schedule, from, sentThen);
      if (at !== null && (next === null || at < next)) {
        next = at;
        nextPlace = place;
      }
    }
  }
  // Places no time ever opens (the cap aside): their leads wait for a person to change the schedule. The
  // finish day and the bars are the others'; with any such lead the list as a whole is never done.
  const reachable = places.filter((place) => nextSendAt(place, schedule, now, 0) !== null);
  const reachableCount = reachable.reduce((sum, place) => sum + place.n, 0);
  const unreachable = scheduled - reachableCount;
  // Of those, leads their own address keeps: what to correct is the address, not the schedule.
  const unreachableByAddress = places.filter((place) => !reachable.includes(place) && isKeptByAddress(place, schedule, now)).reduce((sum, place) => sum + place.n, 0);
  const sentSince = sentSinceOf(db, company, schedule);
  const finish = paused || unreachable > 0 ? null : finishEstimate(places, sentToday, schedule, now, sentSince);
  return {
    companyId: company.id,
    timeZone: schedule.timeZone,
    dailyCap: schedule.dailyCap,
    hourlyCap: schedule.hourlyCap,
    sentToday,
    unansweredToday,
    sentThisHour,
    scheduled,
    unreachable,
    unreachableByAddress,
    paused,
    nextSendAt: next,
    finishEstimate: finish,
    nextSendText: paused ? 'paused' : describeNext(scheduled > 0 ? next : null, schedule.timeZone, now) + theirTime(next, nextPlace, schedule.timeZone, now),
    finishText: finish === null ? null : describeDay(finish, schedule.timeZone, now),
    days: plan(paused ? reachable.map((place) => ({ ...place, n: 0 })) : reachable, sentToday, schedule, now, 14, sentSince),
  };
}

/**
 * " (20:00 in Honolulu)" when the next lead to go lives in another zone whose clock reads differently: a
 * plan saying "next: tomorrow 00:00 CST" looked wrong beside "never outside 08:00–21:00" until it said
 * whose 08:00–21:00 that midnight falls in. Empty for the company's own zone or a send due now.
 */
export function theirTime(at: number | null, place: Place | null, companyZone: string, now: number): string {
  if (at === null || at <= now || place === null || place.timeZone === companyZone || place.timeZone.startsWith('Etc/')) return '';
  const theirs = localTime(at, place.timeZone).minuteOfDay;
  if (theirs === localTime(at, companyZone).minuteOfDay) return '';
  const clock = `${String(Math.floor(theirs / 60)).padStart(2, '0')}:${String(theirs % 60).padStart(2, '0')}`;
  // A lead nothing places does not live in Chicago: Chicago's is only the clock its hours are read on.
  if (place.state === UNKNOWN_PLACE_KEY) return ` (${clock} Central)`;
  return ` (${clock} in ${place.timeZone.split('/').at(-1)!.replace(/_/g, ' ')})`;
}

/**
 * Whether some of the company's queued jobs wait for their lead to be placed in a time zone: the sync
 * worker places them first, so they are work for it now whatever the plan (which reads them in the
 * company's zone) says.
 */
export function hasUnplacedJobs(db: Database.Database, companyId: number): boolean {
  return statementsFor(db).hasUnplaced.get({ companyId })!.one === 1;
}
