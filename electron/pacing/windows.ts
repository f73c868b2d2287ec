import type { Schedule } from '../../shared/schedule';
import { clockTimeToMinutes, LAST_START_MARGIN_MINUTES, weekdays } from '../../shared/schedule-values';
import { dateKey, weekdayOf, type LocalDate } from './local-time';
import { HOLIDAY_RULES, intersect, intersectOrNull, isStateHoliday, LEGAL_FLOOR, narrowed, readRuleKey, ruleKeyOfStates, rulesOf, STATE_RULES, stateWindow, UNKNOWN_PLACE_KEY, unknownPlaceWindow, UNSURE_ZONE_MARGIN_MINUTES, type MinuteWindow } from './legal-floor';

/** Where a lead is, for the rules: its IANA zone and (US) state. */
export interface Place {
  timeZone: string;
  state?: string | null;
}

/**
 * A schedule in the form the rules use on every call (minutes, a day mask): compile once per company and
 * keep it, so the scheduler's hot path does no string parsing.
 */
export interface CompiledSchedule {
  timeZone: string;
  dailyCap: number;
  /** At most this many in any 60 minutes; null = no hourly limit. */
  hourlyCap: number | null;
  /** The window the user set. */
  window: MinuteWindow;
  /** The user's window held to the legal floor; null when the two do not overlap (nothing is ever sent). */
  floored: MinuteWindow | null;
  /** Index 0 = Monday … 6 = Sunday. */
  sendDays: readonly boolean[];
  /** 'YYYY-MM-DD' in the company's calendar, or null. */
  startDate: string | null;
  /** 'YYYY-MM-DD' days on which no lead starts, each judged in the lead's own calendar (windowOn). */
  daysOff: ReadonlySet<string>;
  /** Per weekday, the windows worked out once: for a lead with no state rule, and per rule state. */
  days: readonly DayWindows[];
}

export interface DayWindows {
  /** The window for a lead whose state has no rule; null = nothing that day. */
  base: MinuteWindow | null;
  /** Only the states with a rule (the USPS codes of legal-floor.ts STATE_RULES). */
  byState: ReadonlyMap<string, MinuteWindow | null>;
  /** The same for a lead whose zone is unsure (an hour to spare inside the law's hours: unsureWindow). */
  unsureBase: MinuteWindow | null;
  unsureByState: ReadonlyMap<string, MinuteWindow | null>;
  /** For a lead nothing places (UNKNOWN_PLACE_KEY), on UNKNOWN_PLACE_ZONE's clock: the hours legal everywhere on the mainland. */
  unknownPlace: MinuteWindow | null;
}

export function compileSchedule(schedule: Schedule): CompiledSchedule {
  const window = { start: clockTimeToMinutes(schedule.window.start), end: clockTimeToMinutes(schedule.window.end) };
  const floored = intersect(window, LEGAL_FLOOR);
  const sendDays = weekdays.map((day) => schedule.sendDays.includes(day));
  const days = weekdays.map((_, weekday): DayWindows => {
    const base = sendDays[weekday] ? floored : null;
    const byState = new Map<string, MinuteWindow | null>();
    const unsureByState = new Map<string, MinuteWindow | null>();
    for (const rule of STATE_RULES) {
      const ruleWindow = stateWindow(rule.state, weekday);
      const window = base && ruleWindow ? intersect(base, ruleWindow) : null;
      byState.set(rule.state, window);
      unsureByState.set(rule.state, unsureWindow(window, rule.state, weekday));
    }
    return { base, byState, unsureBase: unsureWindow(base, null, weekday), unsureByState, unknownPlace: inUnknownPlace(base, weekday) };
  });
  const daysOff = new Set([...schedule.daysOff].sort()); // in order: the plan looks for the next one
  return { timeZone: schedule.timeZone, dailyCap: schedule.dailyCap, hourlyCap: schedule.hourlyCap, window, floored, sendDays, startDate: schedule.startDate, daysOff, days };
}

/**
 * The hours a lead may be enrolled on its local calendar day `date`: none on a day off or a legal holiday of its
 * state's that bans texts (legal-floor.ts isStateHoliday), else its weekday's
 * (effectiveWindow). Every question about a particular day asks this, so a day off holds for the claim, the
 * check before each enrolment, the scheduler's wake-up and the plan alike.
 */
export function windowOn(schedule: CompiledSchedule, state: string | null | undefined, date: LocalDate): MinuteWindow | null {
  return isDayOff(schedule, date) || isStateHoliday(state, dateKey(date)) ? null : effectiveWindow(schedule, state, weekdayOf(date));
}

/** `date` (a lead's local calendar day) is one of the company's days off. */
export const isDayOff = (schedule: CompiledSchedule, date: LocalDate): boolean => schedule.daysOff.size > 0 && schedule.daysOff.has(dateKey(date));

/**
 * The hours a lead may be enrolled on a local weekday (0 = Monday): the company's window ∩ the legal floor ∩
 * the lead's state rule; null when none (not a sending day, a state's day of rest, or no overlap).
 */
export function effectiveWindow(schedule: CompiledSchedule, state: string | null | undefined, weekday: number): MinuteWindow | null {
  const day = schedule.days[weekday]!;
  if (!state) return day.base;
  if (day.byState.has(state)) return day.byState.get(state)!;
  if (state === UNKNOWN_PLACE_KEY) return day.unknownPlace;
  // A lower-case code must not slip past a state rule.
  const key = readRuleKey(state);
  if (key.marginMinutes > UNSURE_ZONE_MARGIN_MINUTES) return wideMarginWindow(day, key.states, weekday, key.marginMinutes);
  const [byState, base] = key.isZoneUnsure ? [day.unsureByState, day.unsureBase] : [day.byState, day.base];
  // A key of several states (legal-floor.ts ruleKeyOfStates): the hours each of theirs allows. Each state's window
  // is the base one narrowed, so this is the base narrowed by every rule (an unsure zone's margin included).
  if (key.states.length > 1) return key.states.reduce<MinuteWindow | null>((window, code) => window && intersectOrNull(window, byState.has(code) ? byState.get(code)! : base), base);
  return key.state !== null && byState.has(key.state) ? byState.get(key.state)! : base;
}

/**
 * The window of a lead whose zone is unsure (legal-floor.ts ruleKeyOf): the law's hours (08:00–21:00, a
 * state's stricter ones) with an hour to spare at each end, so they hold in either zone it may be in; the
 * company's own hours are the company's choice, kept as they are inside that.
 */
function unsureWindow(sureWindow: MinuteWindow | null, state: string | null, weekday: number, margin = UNSURE_ZONE_MARGIN_MINUTES): MinuteWindow | null {
  if (!sureWindow) return null;
  const ruleWindow = stateWindow(state, weekday);
  const legal = ruleWindow === undefined ? LEGAL_FLOOR : ruleWindow && intersect(LEGAL_FLOOR, ruleWindow);
  const spared = legal && narrowed(legal, margin);
  return spared && intersect(sureWindow, spared);
}

/**
 * The window of a key with a wider margin than an hour ('TX~5', legal-floor.ts ruleKeyOf): rare, so worked out when
 * asked rather than kept per weekday. Each of its states' law with the margin to spare, and the floor's with it.
 */
function wideMarginWindow(day: DayWindows, states: readonly string[], weekday: number, margin: number): MinuteWindow | null {
  let window = unsureWindow(day.base, null, weekday, margin);
  for (const code of states) {
    if (!window) return null;
    if (day.byState.has(code)) window = intersectOrNull(window, unsureWindow(day.byState.get(code)!, code, weekday, margin));
  }
  return window;
}

/** The company's window (on the clock of UNKNOWN_PLACE_ZONE) inside the hours legal everywhere on the mainland. */
function inUnknownPlace(base: MinuteWindow | null, weekday: number): MinuteWindow | null {
  const legal = unknownPlaceWindow(weekday);
  return base && legal && intersect(base, legal);
}

/**
 * The part of a window in which a lead may start the campaign: all but its last LAST_START_MARGIN_MINUTES
 * (shared/schedule-values.ts), kept so the first text lands inside the hours. Null when nothing is left.
 */
export function startableWindow(window: MinuteWindow | null): MinuteWindow | null {
  if (window === null || window.end - LAST_START_MARGIN_MINUTES <= window.start) return null;
  return { start: window.start, end: window.end - LAST_START_MARGIN_MINUTES };
}

/** The window itself when a lead can start in it (see startableWindow), else null: what explainSchedule calls "nothing". */
const usable = (window: MinuteWindow | null) => (startableWindow(window) ? window : null);

export function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export const formatWindow = (window: MinuteWindow) => `${formatMinutes(window.start)}–${formatMinutes(window.end)}`;

const sameWindow = (a: MinuteWindow | null, b: MinuteWindow | null) => a?.start === b?.start && a?.end === b?.end;

function listNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Plain-words notes for the Companies page and the CLI whenever the law narrows what the user set:
 * "Your window 06:00–23:00 is held to 08:00–21:00, the legal limit; 08:00–20:00 for leads in Florida, …".
 * Empty when the setting stands as it is for every lead.
 */
export function explainSchedule(schedule: CompiledSchedule): string[] {
  const set = formatWindow(schedule.window);
  if (!schedule.floored) {
    return [`Your window ${set} lies outside 08:00–21:00, the legal limit in each lead's own time: nothing would be sent. Choose hours between 08:00 and 21:00.`];
  }
  const floored = schedule.floored;
  // The form refuses a window this short; the law can still cut one down to it (20:55–22:00 → 20:55–21:00).
  if (!usable(floored)) {
    return [
      `Your window ${set} is held to ${formatWindow(floored)} by the legal limit, which leaves no time to start a lead: none starts in the last ${LAST_START_MARGIN_MINUTES} minutes, so that its first text arrives in time. Nothing would be sent; choose earlier hours.`,
    ];
  }
  const notes: string[] = [];
  // State rules that narrow this schedule on its ordinary (weekday-independent) window, grouped by result.
  const byResult = new Map<string, string[]>();
  // "get nothing on Sundays" → the states it holds for, one note for each day and hours.
  const dayNotes = new Map<string, string[]>();
  for (const rule of STATE_RULES) {
    // A state's hours too short to start anybody in are "nothing" for its leads, as none at all would be.
    const everyDay = usable(intersect(floored, rule.window));
    if (!sameWindow(everyDay, floored)) {
      const key = everyDay ? formatWindow(everyDay) : 'none';
      byResult.set(key, [...(byResult.get(key) ?? []), rule.name]);
    }
    for (const [weekdayText, override] of Object.entries(rule.byWeekday ?? {})) {
      const weekday = Number(weekdayText);
      if (!schedule.sendDays[weekday]) continue;
      const onDay = override ? usable(intersect(floored, override)) : null;
      if (sameWindow(onDay, everyDay)) continue;
      const key = `${onDay ? formatWindow(onDay) : 'nothing'} on ${dayNames[weekday]!}s`;
      dayNotes.set(key, [...(dayNotes.get(key) ?? []), rule.name]);
    }
  }
  // In alphabetical order: a list of nine states in the table's order read as no order at all.
  const stateParts = [...byResult].map(([window, names]) =>
    window === 'none' ? `nothing for leads in ${listNames(names.sort())}` : `${window} for leads in ${listNames(names.sort())}`,
  );
  if (!sameWindow(floored, schedule.window)) {
    const head = `Your window ${set} is held to ${formatWindow(floored)}, the legal limit in each lead's own time`;
    notes.push(stateParts.length ? `${head}; ${stateParts.join('; ')}.` : `${head}.`);
  } else if (stateParts.length) {
    notes.push(`Your window ${set} applies in each lead's own time; state law narrows it to ${stateParts.join('; ')}.`);
  }
  const dayParts = [...dayNotes].map(([hoursOnDay, names]) => `leads in ${listNames(names.sort())} get ${hoursOnDay}`);
  if (dayParts.length) notes.push(`${capitalize(dayParts.join('; '))} (state law).`);
  // Said whatever the window: a holiday closes the whole day there.
  notes.push(`No texts on legal holidays to leads in ${listNames(HOLIDAY_RULES.map((rule) => rule.name).sort())} (state law; the federal holidays are kept: add a state's own, such as Mardi Gras, as days off).`);
  return notes;
}

/**
 * One lead's window on its local weekday, in words for the lead panel and the consent record:
 * "08:00–20:00 America/New_York (your 06:00–23:00, held to Florida law)".
 */
export function explainLeadWindow(schedule: CompiledSchedule, place: Place, weekday: number): string {
  const dayName = dayNames[weekday]!;
  if (!schedule.sendDays[weekday]) return `No sending on ${dayName}s (your sending days)`;
  if (place.state === UNKNOWN_PLACE_KEY) return explainUnknownPlace(schedule, place, weekday);
  const window = effectiveWindow(schedule, place.state, weekday);
  // Every state law the lead is under: one, or several when its row, ZIP and phone disagree (legal-floor.ts ruleKeyOfStates).
  const rules = rulesOf(place.state);
  const sureKey = ruleKeyOfStates(rules.map((rule) => rule.state), false);
  const lawNames = listNames(rules.map((rule) => rule.name));
  const rulesWindow = stateWindow(sureKey, weekday);
  // The lead's window had its zone been certain: what the margin for an unsure zone took from it, if anything.
  const sureWindow = effectiveWindow(schedule, sureKey, weekday);
  const { isZoneUnsure, marginMinutes } = readRuleKey(place.state);
  const isNarrowedByDoubt = isZoneUnsure && !sameWindow(window, sureWindow);
  const spare = marginMinutes > UNSURE_ZONE_MARGIN_MINUTES ? `${marginMinutes / 60} hours` : 'an hour';
  // A wider margin comes from a row whose state and ZIP are far apart (legal-floor.ts ruleKeyOf): said, so the office
  // knows an address correction gives the lead its hours back.
  const farApart = `the lead’s state and ZIP are on clocks ${marginMinutes / 60} hours apart; correcting the address gives it its hours back`;
  const isFarApart = marginMinutes > UNSURE_ZONE_MARGIN_MINUTES;
  if (!window) {
    if (sureWindow && isNarrowedByDoubt) {
      return `No sending: ${isFarApart ? farApart : 'this lead’s time zone is not certain'}, and your window ${formatWindow(schedule.window)} has no time ${spare} inside ${rulesWindow ? `${formatWindow(rulesWindow)} (${lawNames} law)` : '08:00–21:00, the legal limit'}`;
    }
    if (rules.length > 0 && schedule.floored) {
      // The states that ban the day, or (their hours apart) those whose hours leave none of yours.
      const banning = rules.filter((rule) => stateWindow(rule.state, weekday) === null);
      return banning.length > 0
        ? `No sending on ${dayName}s in ${listNames(banning.map((rule) => rule.name))} (state law)`
        : `No sending: your window ${formatWindow(schedule.window)} has no time inside ${rulesWindow ? `${formatWindow(rulesWindow)} (${lawNames} law)` : `${lawNames} law`}`;
    }
    return `No sending: your window ${formatWindow(schedule.window)} lies outside 08:00–21:00, the legal limit`;
  }
  const text = `${formatWindow(window)} ${place.timeZone}`;
  if (sameWindow(window, schedule.window)) return text;
  const law = sameWindow(sureWindow, schedule.floored) ? 'the legal limit 08:00–21:00' : `${lawNames || 'state'} law`;
  const reason = isNarrowedByDoubt ? `${law} with ${spare} to spare at each end: ${isFarApart ? farApart : 'the lead’s time zone is not certain'}` : law;
  return `${text} (your ${formatWindow(schedule.window)}, held to ${reason})`;
}

/**
 * explainLeadWindow for one local calendar day of the lead's: a day off the company set, or a legal holiday on which
 * the lead's state law bans texts, closes it whatever its weekday (as windowOn does for the sending itself).
 */
export function explainLeadDay(schedule: CompiledSchedule, place: Place, date: LocalDate): string {
  const key = dateKey(date);
  if (isDayOff(schedule, date)) return `No sending on ${key}, a day off you set`;
  if (isStateHoliday(place.state, key)) {
    if (place.state === UNKNOWN_PLACE_KEY) return `No sending on a legal holiday: ${NOWHERE}, and some states ban texts on legal holidays`;
    const banning = rulesOf(place.state).filter((rule) => rule.noTextsOnHolidays === true);
    return `No sending on a legal holiday in ${listNames(banning.map((rule) => rule.name))} (state law)`;
  }
  return explainLeadWindow(schedule, place, weekdayOf(date));
}

const NOWHERE = 'nothing says where the lead lives (no ZIP, state or known area code)';

/** explainLeadWindow for a lead nothing places: the hours legal everywhere on the mainland, on Chicago's clock. */
function explainUnknownPlace(schedule: CompiledSchedule, place: Place, weekday: number): string {
  const dayName = dayNames[weekday]!;
  const legal = unknownPlaceWindow(weekday);
  if (!legal) return `No sending on ${dayName}s: ${NOWHERE}, and some states ban texts on ${dayName}s`;
  const window = effectiveWindow(schedule, place.state, weekday);
  const everywhere = `${formatWindow(legal)} ${place.timeZone}, the hours legal in every mainland state and zone`;
  if (!window) return `No sending: ${NOWHERE}, and your window ${formatWindow(schedule.window)} has no time inside ${everywhere}`;
  return `${formatWindow(window)} ${place.timeZone} (${NOWHERE}: held to ${everywhere}; none on Sundays or legal holidays)`;
}

const dayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
