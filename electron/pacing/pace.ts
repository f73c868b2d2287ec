import { LAST_START_MARGIN_MINUTES } from '../../shared/schedule-values';
import { isFederalHoliday } from '../../shared/us-holidays';
import { hasWideMargin, HOLIDAY_RULES, isClosedOnHolidays, readRuleKey, ruleKeyOf, UNKNOWN_PLACE_KEY, type MinuteWindow } from './legal-floor';
import { addDays, dateKey, instantAt, localTime, parseDateKey, startOfDay, type LocalDate } from './local-time';
import { isDayOff, startableWindow, windowOn, type CompiledSchedule, type Place } from './windows';

/**
 * The questions the scheduler asks, each with the instant `now` (epoch ms) passed in: no clock inside, no
 * cached "today". `sentToday` is the number the company enrolled on its current calendar day.
 */

/** The company's calendar day at `now` ('2026-11-30'): the day the daily cap is counted against. */
export function companyDayKey(now: number, timeZone: string): string {
  return dateKey(localTime(now, timeZone));
}

/** True once the company's start date has come (or it has none). */
export function hasStarted(schedule: CompiledSchedule, now: number): boolean {
  return !schedule.startDate || companyDayKey(now, schedule.timeZone) >= schedule.startDate;
}

export function capLeft(schedule: CompiledSchedule, sentToday: number): number {
  return Math.max(0, schedule.dailyCap - sentToday);
}

/** May a lead in `place` be enrolled at `now`? (Start date, cap, sending day and window, all checked.) */
export function isSendableNow(place: Place, schedule: CompiledSchedule, now: number, sentToday = 0): boolean {
  if (capLeft(schedule, sentToday) === 0 || !hasStarted(schedule, now)) return false;
  return isInWindow(place, schedule, now);
}

function isInWindow(place: Place, schedule: CompiledSchedule, now: number): boolean {
  const local = localTime(now, place.timeZone);
  return isWithin(windowOn(schedule, place.state, local), local.minuteOfDay);
}

/**
 * Whether a lead may start at `minuteOfDay` in `window`: startableWindow's test without making one (a hot path).
 * Every "may a lead start now / when next" is answered here or by firstWindow (the claim gate, the check
 * before each enrolment, the scheduler's wake-up and the plan), so none of them claims a lead another would
 * hold back: a lead claimed in the margin would be given back and claimed again at every poll.
 */
const isWithin = (window: MinuteWindow | null, minuteOfDay: number) =>
  window !== null && minuteOfDay >= window.start && minuteOfDay < window.end - LAST_START_MARGIN_MINUTES;

/**
 * How far ahead nextSendAt looks: the rest of today and a full week after it, so every weekday is seen, and
 * one day more for each day off (a closed week moves every weekday a week on), and two weeks more where legal
 * holidays close days (Christmas and New Year's Day fall on the same weekday: a one-day schedule loses two running,
 * and asked the day after its last, the next is 20 days off). Days off need not run together: a weekends-only
 * schedule with the two weekends around Christmas off is closed for 15 days, so each day off may cost a week.
 */
const searchDays = (schedule: CompiledSchedule, state: string | null | undefined) => 7 * (1 + schedule.daysOff.size) + (isClosedOnHolidays(state) ? 14 : 0);

/**
 * The first instant at or after `now` at which a lead in `place` may be enrolled: crossing midnight, skipped
 * weekdays, the start date, a cap already reached today (then from the company's next day) and DST.
 * Null when never (e.g. Sunday-only sending to a Mississippi lead).
 */
export function nextSendAt(place: Place, schedule: CompiledSchedule, now: number, sentToday = 0): number | null {
  let earliest = now;
  if (schedule.startDate && !hasStarted(schedule, now)) {
    earliest = startOfDay(parseDateKey(schedule.startDate), schedule.timeZone);
  } else if (capLeft(schedule, sentToday) === 0) {
    earliest = startOfDay(addDays(localTime(now, schedule.timeZone), 1), schedule.timeZone);
  }
  return firstWindowInstant(place, schedule, earliest);
}

/**
 * Whether what keeps a place's leads from ever going is their address, not the schedule: the row's state and ZIP
 * lie on clocks hours apart (a wide-margin key, 'TX~5'), no hour of the schedule is legal on both, and with the
 * hour an unsure zone keeps some hour would be. Correcting the address is what sends them; changing the schedule
 * would not (the dashboard and the lead panel said "check the schedule" of them).
 */
export function isKeptByAddress(place: Place, schedule: CompiledSchedule, now: number): boolean {
  if (!hasWideMargin(place.state)) return false;
  const usualMargin = ruleKeyOf(readRuleKey(place.state).state, true);
  return nextSendAt(place, schedule, now) === null && nextSendAt({ ...place, state: usualMargin }, schedule, now) !== null;
}

/** The first instant at or after `from` inside the place's window (ignores the cap and start date). */
export function firstWindowInstant(place: Place, schedule: CompiledSchedule, from: number): number | null {
  return firstWindow(place, schedule, from)?.opens ?? null;
}

/**
 * The place's first window (or what is left of it) at or after `from`: when it opens (≥ from) and when the
 * last lead may start (LAST_START_MARGIN_MINUTES before it closes).
 */
export function firstWindow(place: Place, schedule: CompiledSchedule, from: number): { opens: number; closes: number } | null {
  const startDay: LocalDate = localTime(from, place.timeZone);
  for (let offset = 0, days = searchDays(schedule, place.state); offset <= days; offset++) {
    const date = addDays(startDay, offset);
    const window = startableWindow(windowOn(schedule, place.state, date));
    if (!window) continue;
    const opens = instantAt(date, window.start, place.timeZone);
    const closes = instantAt(date, window.end, place.timeZone);
    if (from < closes) return { opens: Math.max(from, opens), closes };
  }
  return null;
}

/**
 * In OpenZone.closedStates: every unsure rules key ('AZ~', '~'…) is closed, the base window's narrowed form
 * is. (It is also the key of a lead with no state and an unsure zone, which that closes too.)
 */
export const EVERY_UNSURE_KEY = ruleKeyOf(null, true)!;

/**
 * Of `keys` naming several states ('FL+TX', 'FL+TX~': legal-floor.ts ruleKeyOfStates), those closed in a zone whose
 * closed keys are `closedStates` (openZonesNow): a key's window is its states' at once, so it is closed while one of
 * its states is, with the same unsure mark ('TX~' closes 'FL+TX~'; every unsure key, '~', closes it too).
 */
export function closedKeysOfSeveral(keys: readonly string[], closedStates: readonly string[]): string[] {
  const closed = new Set(closedStates);
  return keys.filter((key) => {
    // A wider margin than an hour ('HI+TX~5') is closedWideMarginKeys' to judge: its states' hour-margin keys say nothing of it.
    if (hasWideMargin(key)) return false;
    const { states, isZoneUnsure } = readRuleKey(key);
    if (isZoneUnsure && closed.has(EVERY_UNSURE_KEY)) return true;
    return states.some((state) => closed.has(isZoneUnsure ? ruleKeyOf(state, true)! : state));
  });
}

/**
 * Of `keys` with a wider margin than an hour ('TX~5': legal-floor.ts ruleKeyOf), those whose window is closed in
 * `timeZone` at `now`. Such keys are rare (a row's state and ZIP on far clocks off the mainland), so each is asked
 * as the check before an enrolment asks it (windowOn), not read from openZonesNow's lists.
 */
export function closedWideMarginKeys(keys: readonly string[], schedule: CompiledSchedule, timeZone: string, now: number): string[] {
  const local = localTime(now, timeZone);
  return keys.filter((key) => hasWideMargin(key) && !isWithin(windowOn(schedule, key, local), local.minuteOfDay));
}

/** An open zone, and the states in it whose stricter rule keeps their leads waiting right now. */
export interface OpenZone {
  timeZone: string;
  closedStates: string[];
}

/**
 * Which of `zones` are open at `now` — the scheduler claims `WHERE company_id = ? AND tz = ? AND
 * (state IS NULL OR state NOT IN (closedStates))` for each. Empty before the start date or once the cap is
 * reached. Cheap: one cached wall-clock read per zone per minute, then arithmetic.
 */
export function openZonesNow(zones: readonly string[], schedule: CompiledSchedule, now: number, sentToday = 0): OpenZone[] {
  if (capLeft(schedule, sentToday) === 0 || !hasStarted(schedule, now)) return [];
  const open: OpenZone[] = [];
  for (const timeZone of zones) {
    const local = localTime(now, timeZone);
    const { weekday, minuteOfDay } = local;
    const day = schedule.days[weekday]!;
    if (!isWithin(day.base, minuteOfDay) || isDayOff(schedule, local)) continue;
    const closedStates: string[] = [];
    for (const [state, window] of day.byState) if (!isWithin(window, minuteOfDay)) closedStates.push(state);
    for (const [state, window] of day.unsureByState) if (!isWithin(window, minuteOfDay)) closedStates.push(ruleKeyOf(state, true)!);
    // Leads whose zone is unsure keep an hour to spare inside the law's hours: all of them wait while the
    // window of one with no state rule is closed (every state's is inside it).
    if (!isWithin(day.unsureBase, minuteOfDay)) closedStates.push(EVERY_UNSURE_KEY);
    if (!isWithin(day.unknownPlace, minuteOfDay)) closedStates.push(UNKNOWN_PLACE_KEY);
    // A legal holiday there closes the states whose law bans texts on one, all day (windowOn says the same).
    if (isFederalHoliday(dateKey(local))) {
      for (const rule of HOLIDAY_RULES) closedStates.push(rule.state, ruleKeyOf(rule.state, true)!);
      closedStates.push(UNKNOWN_PLACE_KEY);
    }
    open.push({ timeZone, closedStates });
  }
  return open;
}
