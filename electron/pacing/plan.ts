import { addDays, dateKey, localTime, parseDateKey, weekdayOf, type LocalDate } from './local-time';
import { capLeft } from './pace';
import { PlanCalendar, type PlaceWindow, type PlanDate } from './plan-calendar';
import type { CompiledSchedule, Place } from './windows';

/** One day of the plan, in the company's calendar. */
export interface PlanDay {
  day: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** Leads that may go that day (the cap, less today's sent; 0 on a day with no open window). */
  capacity: number;
  /** Leads of the current queue that go that day at this pace. */
  count: number;
}

/** Leads waiting in one place: the plan's unit (send-plan.ts reads them per place from waiting_job_counts). */
export interface Waiting extends Place {
  n: number;
  /** When its oldest lead became due (the claim's order): of places whose windows open together, the older goes first. */
  oldest?: number;
}

/**
 * How many of each place's `left` leads go on a company day. Only the places with leads left keep a day
 * open: a day gave the whole cap when any place's window opened, so ten Mississippi leads and one California
 * lead read "done today" on a Sunday.
 *
 * When the cap binds, whose leads take it follows the claim gate (electron/core/jobs/claim-gate.ts): it
 * claims a place's leads as soon as its window opens, so the windows that open first take the day's cap
 * first. With an hourly cap, a batch goes each hour from the first opening of each stretch the windows
 * cover — every piece of them: a lead zone far from the office's may open twice in one office day
 * (Anchorage's 08:00–21:00 is 00:00–01:00 and 12:00–24:00 in New York) — to the places open in its hour,
 * earliest first; today, a send of the last hour holds its place until it is an hour old (`sentSince`).
 */
function sendsOn(day: PlanDate | null, left: readonly number[], schedule: CompiledSchedule, now: number, sentToday: number, sentSince: SentSince | null): number[] {
  const counts = left.map(() => 0);
  if (day === null) return counts;
  let dayLeft = day.isToday ? capLeft(schedule, sentToday) : schedule.dailyCap;
  const windows = day.windows.filter((window) => left[window.place]! > 0);
  const take = (place: number, most: number) => {
    const n = Math.min(left[place]! - counts[place]!, most, dayLeft);
    counts[place]! += n;
    dayLeft -= n;
    return n;
  };
  if (schedule.hourlyCap === null) {
    for (const window of windows) take(window.place, Number.POSITIVE_INFINITY);
    return counts;
  }
  for (const [spanIndex, span] of mergedSpans(windows).entries()) {
    const batches = Math.ceil((span.closes - span.opens) / HOUR);
    for (let batch = 0; batch < batches && dayLeft > 0; batch++) {
      const starts = span.opens + batch * HOUR;
      const ends = Math.min(starts + HOUR, span.closes);
      const held = day.isToday && spanIndex === 0 && batch === 0 && sentSince ? heldPlaces(span, now, sentSince) : 0;
      let batchLeft = schedule.hourlyCap - held;
      for (const window of windows) {
        if (batchLeft <= 0) break;
        if (window.opens < ends && window.closes > starts) batchLeft -= take(window.place, batchLeft);
      }
    }
  }
  return counts;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** How many of the company's sends since an instant (at most an hour ago): the hourly cap's count. */
export type SentSince = (since: number) => number;

/**
 * The last hour's sends that cost today's first stretch a batch: its batches go an hour apart, and the first may
 * wait as long as the last still starts before the stretch closes; a send frees its place an hour after it went,
 * so only those that do not free it by then hold one.
 */
function heldPlaces(span: { opens: number; closes: number }, now: number, sentSince: SentSince): number {
  const length = span.closes - span.opens;
  const slack = length - (Math.ceil(length / HOUR) - 1) * HOUR;
  const since = span.opens + slack - HOUR;
  return since <= now ? sentSince(Math.max(since, now - HOUR)) : 0;
}

/** The stretches in which some of `windows` (in order of opening) is open, merged. */
function mergedSpans(windows: readonly PlaceWindow[]): Array<{ opens: number; closes: number }> {
  const merged: Array<{ opens: number; closes: number }> = [];
  for (const window of windows) {
    const last = merged.at(-1);
    if (last && window.opens <= last.closes) last.closes = Math.max(last.closes, window.closes);
    else merged.push({ opens: window.opens, closes: window.closes });
  }
  return merged;
}

const HOUR = 3_600_000;

/** The first company day that can count: today, or the start date when it is later. */
function firstDay(schedule: CompiledSchedule, now: number): LocalDate {
  const today = localTime(now, schedule.timeZone);
  return schedule.startDate && dateKey(today) < schedule.startDate ? parseDateKey(schedule.startDate) : today;
}

/**
 * Per company day from today, how many of the `waiting` leads go at this pace (for a calendar or chart), and
 * how many could go whatever waits where (0: no sending that day).
 */
export function plan(
  waiting: readonly Waiting[],
  sentToday: number,
  schedule: CompiledSchedule,
  now: number,
  days = 14,
  sentSince: SentSince | null = null,
): PlanDay[] {
  const left = waiting.map((place) => place.n);
  // What could go whatever waits where: any place's window keeps the day open.
  const unlimited = waiting.map(() => Number.POSITIVE_INFINITY);
  const calendar = new PlanCalendar(waiting, schedule, now);
  const today = localTime(now, schedule.timeZone);
  const result: PlanDay[] = [];
  for (let offset = 0; offset < days; offset++) {
    const date = addDays(today, offset);
    const day = calendar.day(date);
    const counts = sendsOn(day, left, schedule, now, sentToday, sentSince);
    counts.forEach((count, place) => (left[place]! -= count));
    const capacity = sum(sendsOn(day, unlimited, schedule, now, sentToday, sentSince));
    result.push({ day: dateKey(date), weekday: weekdayOf(date), capacity, count: sum(counts) });
  }
  return result;
}

/**
 * The company day on which the last of the `waiting` leads goes at this pace ('2027-01-14'), or null when
 * nothing waits or some can never go (no sending day reaches their place).
 */
export function finishEstimate(
  waiting: readonly Waiting[],
  sentToday: number,
  schedule: CompiledSchedule,
  now: number,
  sentSince: SentSince | null = null,
): string | null {
  if (sum(waiting.map((place) => place.n)) <= 0) return null;
  return dayWhenLeft(waiting, waiting.map(() => 0), sentToday, schedule, now, sentSince);
}

/**
 * The company day on which the `nth` lead in line of place `place` goes at this pace (1: the next of that
 * place to go), or null when it never does. The lead panel's "expected on": a place's leads go oldest
 * first, so its nth in line goes the day the place has sent n, while the other places take the cap as
 * their windows open (`sendsOn`). The dashboard's finish day is the day its last lead goes.
 */
export function turnDay(
  waiting: readonly Waiting[],
  place: number,
  nth: number,
  sentToday: number,
  schedule: CompiledSchedule,
  now: number,
  sentSince: SentSince | null = null,
): string | null {
  const n = waiting[place]?.n ?? 0;
  if (nth < 1 || nth > n) return null;
  // The other places only compete for the cap: their own leads need not go for this one to.
  const goal = waiting.map((_, index) => (index === place ? n - nth : Number.POSITIVE_INFINITY));
  return dayWhenLeft(waiting, goal, sentToday, schedule, now, sentSince);
}

/**
 * The company day on which every place has at most `goal[place]` of its leads left, walking the plan day by
 * day from today. Days after today depend only on their weekday, on the clocks of the zones involved and on
 * which places still have leads, so after a full week under the same clocks in which no place ran out, the
 * walk jumps whole weeks up to the next clock change, the week a place runs out or the week a goal is met
 * (a lead's zone and the company's may change on different days, or not at all: Hawaii's Saturday reaches an
 * Eastern office's Sunday only in summer). A queue of years costs a few weeks per clock change and per
 * place, not a day per day.
 */
function dayWhenLeft(
  waiting: readonly Waiting[],
  goal: readonly number[],
  sentToday: number,
  schedule: CompiledSchedule,
  now: number,
  sentSince: SentSince | null,
): string | null {
  const left = waiting.map((place) => place.n);
  const isDone = () => left.every((n, place) => n <= goal[place]!);
  const calendar = new PlanCalendar(waiting, schedule, now);
  const today = localTime(now, schedule.timeZone);
  const todayKey = dateKey(today);
  // Clock changes are followed for the first years; past them a day either way tells nobody anything, and
  // following them would cost a few weeks per change of a queue of centuries.
  const exactUntil = dateKey(addDays(today, EXACT_YEARS * 366));
  let date = firstDay(schedule, now);
  // Consecutive days after today under the same clocks all day long and with the same places still waiting:
  // what each place sent on each of them, and what they had in common.
  let regularWeek: number[][] = [];
  let regularKey = '';
  for (let guard = 0; guard < MAX_ESTIMATE_DAYS; guard++) {
    const waitedIn = left.map((n) => n > 0);
    const counts = sendsOn(calendar.day(date), left, schedule, now, sentToday, sentSince);
    counts.forEach((count, place) => (left[place]! -= count));
    if (isDone()) return dateKey(date);
    const clocks = calendar.clocksOn(date);
    const isRegular =
      dateKey(date) !== todayKey && calendar.isSteady(date) && !calendar.touchesDayOff(date) && left.every((n, place) => (n > 0) === waitedIn[place]);
    const key = `${clocks}|${waitedIn.map(Number).join('')}`;
    if (!isRegular || key !== regularKey) regularWeek = [];
    if (isRegular) {
      regularKey = key;
      regularWeek.push(counts);
    }
    if (regularWeek.length === 7) {
      const weekly = waiting.map((_, place) => sum(regularWeek.map((day) => day[place]!)));
      // A week without a send under every clock the zones keep within a year: nothing can ever go.
      if (sum(weekly) === 0 && dateKey(date) > dateKey(addDays(today, 366))) return null;
      // Whole weeks that repeat this one: each place keeps a lead at least, so none runs out inside them
      // (the week it does is walked day by day), and each goal not met stays unmet through them.
      const wanted = Math.min(
        ...weekly.map((n, place) => {
          if (n === 0) return Number.POSITIVE_INFINITY;
          // The leads a jump must leave: one at least, and more while the place's goal is not met.
          const keep = goal[place]! < left[place]! ? Math.max(0, goal[place]!) : 0;
          return Math.floor((left[place]! - 1 - keep) / n);
        }),
      );
      // Whole weeks whose days all start under these clocks (no zone changes its clock twice within a week),
      // and that end before the next day off (that week is walked day by day).
      const isSameClocks = (week: number) => {
        const after = addDays(date, week * 7 + 1);
        return dateKey(after) > exactUntil || calendar.clocksOn(after) === clocks;
      };
      // A legal holiday closes the leads of a state that bans texts on one: a week with one is walked day by day too,
      // for the years whose clock changes are followed (past them a day either way tells nobody anything).
      const nextDayOff = calendar.nextClosingDay(dateKey(date), exactUntil);
      const isBeforeDayOff = (week: number) => nextDayOff === undefined || dateKey(addDays(date, week * 7 + 1)) < nextDayOff;
      const most = Math.min(wanted, MAX_JUMP_WEEKS);
      let weeks = 0;
      if (dateKey(date) > exactUntil && nextDayOff === undefined) weeks = most;
      else while (weeks < most && isSameClocks(weeks + 1) && isBeforeDayOff(weeks + 1)) weeks++;
      weekly.forEach((n, place) => (left[place]! -= weeks * n));
      date = addDays(date, weeks * 7);
      regularWeek = [];
    }
    date = addDays(date, 1);
  }
  return null;
}

/** Beyond this many days (about 55 years) the estimate gives up: "never" rather than a loop without end. */
const MAX_ESTIMATE_DAYS = 20_000;

/** The longest jump, in whole weeks (a fraction of a week would leave fractions of leads and days). */
const MAX_JUMP_WEEKS = Math.floor(MAX_ESTIMATE_DAYS / 7);

/** How far ahead the estimate follows each zone's clock changes. */
const EXACT_YEARS = 3;

const MINUTE_FORMATS = new Map<string, { weekday: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();

function formatsFor(timeZone: string) {
  let formats = MINUTE_FORMATS.get(timeZone);
  if (!formats) {
    const common = { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' } as const;
    formats = {
      weekday: new Intl.DateTimeFormat('en-US', { ...common, weekday: 'short' }),
      date: new Intl.DateTimeFormat('en-US', { ...common, month: 'short', day: 'numeric', year: 'numeric' }),
    };
    MINUTE_FORMATS.set(timeZone, formats);
  }
  return formats;
}

const SIX_DAYS = 6 * 86_400_000;

/**
 * "Tue 10:00 CST" (within the coming week), "Jan 14 10:00 CST" (later; "Jan 14, 2028 10:00 CST" in another
 * year), "now", or "not scheduled" — the
 * next send time as the office reads it, in `timeZone` (usually the company's).
 */
export function describeNext(at: number | null, timeZone: string, now: number): string {
  if (at === null) return 'not scheduled';
  if (at <= now) return 'now';
  const formats = formatsFor(timeZone);
  const parts = (at - now < SIX_DAYS ? formats.weekday : formats.date).formatToParts(at);
  const text = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  // The year only when it is not this one: a lead's expected turn may be years away, and "Nov 27" then read as past.
  const year = at - now < SIX_DAYS || Number(text('year')) === localTime(now, timeZone).year ? '' : `, ${text('year')}`;
  const day = at - now < SIX_DAYS ? text('weekday') : `${text('month')} ${text('day')}${year}`;
  return `${day} ${text('hour')}:${text('minute')} ${text('timeZoneName')}`;
}

/** "Jan 14" (with the year when it is not the current one in `timeZone`): for "done by Jan 14". */
export function describeDay(day: string, timeZone: string, now: number): string {
  const date = parseDateKey(day);
  const month = new Date(Date.UTC(date.year, date.month - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const sameYear = localTime(now, timeZone).year === date.year;
  return sameYear ? `${month} ${date.day}` : `${month} ${date.day}, ${date.year}`;
}
