import { addDays, dateKey, localTime, offsetAt, parseDateKey, startOfDay, weekdayOf, type LocalDate } from './local-time';
import { capLeft, firstWindow } from './pace';
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

const asPlace = (place: Place | string): Place => (typeof place === 'string' ? { timeZone: place } : place);

/**
 * How many leads may go on company day `date`, counting from `now` (today's part already past is gone). With an
 * hourly cap, a batch may go each hour the places' windows cover that day — every piece of them: a lead zone
 * far from the office's may open twice in one office day (Anchorage's 08:00–21:00 is 00:00–01:00 and 12:00–24:00
 * in New York) — and today, a send of the last hour holds its place until it is an hour old (`sentSince`).
 */
function capacityOn(date: LocalDate, places: readonly Place[], schedule: CompiledSchedule, now: number, sentToday: number, sentSince: SentSince | null): number {
  const key = dateKey(date);
  if (schedule.startDate && key < schedule.startDate) return 0;
  const dayStart = startOfDay(date, schedule.timeZone);
  const dayEnd = startOfDay(addDays(date, 1), schedule.timeZone);
  if (dayEnd <= now) return 0;
  const from = Math.max(dayStart, now);
  const isToday = dayStart <= now;
  const byDay = isToday ? capLeft(schedule, sentToday) : schedule.dailyCap;
  if (schedule.hourlyCap === null) {
    // Any window at all lets the day's cap go: no need to map the day's hours.
    return places.some((place) => (firstWindow(place, schedule, from)?.opens ?? dayEnd) < dayEnd) ? byDay : 0;
  }
  const spans = openSpans(places, schedule, from, dayEnd);
  if (spans.length === 0) return 0;
  const hours = spans.reduce((sum, span) => sum + Math.ceil((span.closes - span.opens) / HOUR), 0);
  return Math.max(0, Math.min(byDay, schedule.hourlyCap * hours - (isToday && sentSince ? heldPlaces(spans[0]!, now, sentSince) : 0)));
}

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

/** The stretches of [from, until) in which some place's window is open, merged and in order. */
function openSpans(places: readonly Place[], schedule: CompiledSchedule, from: number, until: number): Array<{ opens: number; closes: number }> {
  const windows: Array<{ opens: number; closes: number }> = [];
  for (const place of places) {
    for (let at = from; at < until; ) {
      const window = firstWindow(place, schedule, at);
      if (window === null || window.opens >= until) break;
      windows.push({ opens: window.opens, closes: Math.min(window.closes, until) });
      at = window.closes;
    }
  }
  windows.sort((a, b) => a.opens - b.opens);
  const merged: Array<{ opens: number; closes: number }> = [];
  for (const window of windows) {
    const last = merged.at(-1);
    if (last && window.opens <= last.closes) last.closes = Math.max(last.closes, window.closes);
    else merged.push({ ...window });
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
 * Per company day from today, how many of `scheduledCount` leads go at this pace (for a calendar or chart).
 * `places` are the zones (and states) the company's scheduled leads are in.
 */
export function plan(
  scheduledCount: number,
  sentToday: number,
  schedule: CompiledSchedule,
  places: ReadonlyArray<Place | string>,
  now: number,
  days = 14,
  sentSince: SentSince | null = null,
): PlanDay[] {
  const placeList = places.map(asPlace);
  const today = localTime(now, schedule.timeZone);
  let remaining = scheduledCount;
  const result: PlanDay[] = [];
  for (let offset = 0; offset < days; offset++) {
    const date = addDays(today, offset);
    const capacity = capacityOn(date, placeList, schedule, now, sentToday, sentSince);
    const count = Math.min(remaining, capacity);
    remaining -= count;
    result.push({ day: dateKey(date), weekday: weekdayOf(date), capacity, count });
  }
  return result;
}

/**
 * The company day on which the last of `scheduledCount` leads goes at this pace ('2027-01-14'), or null when
 * nothing is scheduled or nothing can ever go (no sending day reaches any of `places`). Days after today
 * depend only on their weekday and on the clocks of the zones involved, so after a full week between two
 * clock changes the estimate jumps whole weeks up to the next change (a lead's zone and the company's may
 * change on different days, or not at all: Hawaii's Saturday reaches an Eastern office's Sunday only in
 * summer). A queue of years costs a few weeks per clock change, not a day per day.
 */
export function finishEstimate(
  scheduledCount: number,
  sentToday: number,
  schedule: CompiledSchedule,
  places: ReadonlyArray<Place | string>,
  now: number,
  sentSince: SentSince | null = null,
): string | null {
  if (scheduledCount <= 0) return null;
  const placeList = places.map(asPlace);
  const zones = [...new Set([schedule.timeZone, ...placeList.map((place) => place.timeZone)])];
  // The UTC offsets of every zone involved at the start of company day `date`.
  const clocksOn = (date: LocalDate) => {
    const instant = startOfDay(date, schedule.timeZone);
    return zones.map((zone) => offsetAt(instant, zone)).join(',');
  };
  const today = localTime(now, schedule.timeZone);
  const todayKey = dateKey(today);
  // Clock changes are followed for the first years; past them a day either way tells nobody anything, and
  // following them would cost a few weeks per change of a queue of centuries.
  const exactUntil = dateKey(addDays(today, EXACT_YEARS * 366));
  let date = firstDay(schedule, now);
  let remaining = scheduledCount;
  // Consecutive days after today under the same clocks all day long, and those clocks.
  let regularWeek: number[] = [];
  let regularClocks = '';
  for (let guard = 0; guard < MAX_ESTIMATE_DAYS; guard++) {
    const capacity = capacityOn(date, placeList, schedule, now, sentToday, sentSince);
    if (remaining <= capacity) return dateKey(date);
    remaining -= capacity;
    const clocks = clocksOn(date);
    const isRegular = dateKey(date) !== todayKey && clocks === clocksOn(addDays(date, 1));
    if (!isRegular || clocks !== regularClocks) regularWeek = [];
    if (isRegular) {
      regularClocks = clocks;
      regularWeek.push(capacity);
    }
    if (regularWeek.length === 7) {
      const weekly = regularWeek.reduce((sum, value) => sum + value, 0);
      // A week without capacity under every clock the zones keep within a year: nothing can ever go.
      if (weekly === 0 && dateKey(date) > dateKey(addDays(today, 366))) return null;
      // Whole weeks whose days all start under these clocks (no zone changes its clock twice within a week).
      const wanted = weekly === 0 ? Number.POSITIVE_INFINITY : Math.floor((remaining - 1) / weekly);
      const isSameClocks = (week: number) => {
        const after = addDays(date, week * 7 + 1);
        return dateKey(after) > exactUntil || clocksOn(after) === regularClocks;
      };
      let weeks = 0;
      if (dateKey(date) > exactUntil) weeks = Math.min(wanted, MAX_ESTIMATE_DAYS / 7);
      else while (weeks < wanted && weeks < MAX_ESTIMATE_DAYS / 7 && isSameClocks(weeks + 1)) weeks++;
      remaining -= weeks * weekly;
      date = addDays(date, weeks * 7);
      regularWeek = [];
    }
    date = addDays(date, 1);
  }
  return null;
}

/** Beyond this many days (about 55 years) the estimate gives up: "never" rather than a loop without end. */
const MAX_ESTIMATE_DAYS = 20_000;

/** How far ahead the estimate follows each zone's clock changes. */
const EXACT_YEARS = 3;

const MINUTE_FORMATS = new Map<string, { weekday: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();

function formatsFor(timeZone: string) {
  let formats = MINUTE_FORMATS.get(timeZone);
  if (!formats) {
    const common = { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' } as const;
    formats = {
      weekday: new Intl.DateTimeFormat('en-US', { ...common, weekday: 'short' }),
      date: new Intl.DateTimeFormat('en-US', { ...common, month: 'short', day: 'numeric' }),
    };
    MINUTE_FORMATS.set(timeZone, formats);
  }
  return formats;
}

const SIX_DAYS = 6 * 86_400_000;

/**
 * "Tue 10:00 CST" (within the coming week), "Jan 14 10:00 CST" (later), "now", or "not scheduled" — the
 * next send time as the office reads it, in `timeZone` (usually the company's).
 */
export function describeNext(at: number | null, timeZone: string, now: number): string {
  if (at === null) return 'not scheduled';
  if (at <= now) return 'now';
  const formats = formatsFor(timeZone);
  const parts = (at - now < SIX_DAYS ? formats.weekday : formats.date).formatToParts(at);
  const text = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  const day = at - now < SIX_DAYS ? text('weekday') : `${text('month')} ${text('day')}`;
  return `${day} ${text('hour')}:${text('minute')} ${text('timeZoneName')}`;
}

/** "Jan 14" (with the year when it is not the current one in `timeZone`): for "done by Jan 14". */
export function describeDay(day: string, timeZone: string, now: number): string {
  const date = parseDateKey(day);
  const month = new Date(Date.UTC(date.year, date.month - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const sameYear = localTime(now, timeZone).year === date.year;
  return sameYear ? `${month} ${date.day}` : `${month} ${date.day}, ${date.year}`;
}
