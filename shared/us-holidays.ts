/**
 * The US holidays most offices close for, as days off for the sending schedule (shared/schedule.ts
 * `daysOff`): the Companies page's "Add US holidays" and `rlm company set --days-off us-holidays`. The
 * holiday's own date, since a text on July 4th lands at the cookout whatever day of the week it is, and, when a
 * fixed-date holiday falls on a weekend, the federal "observed" Friday or Monday too: the office is closed
 * then and cannot answer the replies (only the own date was added: a Sunday July 4th, never a sending day, left
 * the closed Monday after it open). Pure calendar arithmetic (no Intl, no zone): the caller says which day
 * "today" is in the company's calendar.
 */

export interface Holiday {
  /** 'YYYY-MM-DD'. */
  date: string;
  name: string;
}

const iso = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The day of the month of the `n`th `weekday` (0 = Sunday) of a month; n = -1: the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
  }
  const lastDay = new Date(Date.UTC(year, month, 0));
  return lastDay.getUTCDate() - ((lastDay.getUTCDay() - weekday + 7) % 7);
}

const MONDAY = 1;
const THURSDAY = 4;

const SATURDAY = 6;
const SUNDAY = 0;

/**
 * A fixed-date holiday and, when it falls on a weekend, the weekday federal offices close instead (5 U.S.C.
 * 6103(b)): a Saturday's Friday before, a Sunday's Monday after. New Year's Day on a Saturday is observed on
 * December 31 of the year before.
 */
function fixedHoliday(year: number, month: number, day: number, name: string): Holiday[] {
  const own = Date.UTC(year, month - 1, day);
  const weekday = new Date(own).getUTCDay();
  const shift = weekday === SATURDAY ? -1 : weekday === SUNDAY ? 1 : 0;
  if (shift === 0) return [{ date: iso(year, month, day), name }];
  const observed = new Date(own + shift * 86_400_000);
  return [
    { date: iso(year, month, day), name },
    { date: iso(observed.getUTCFullYear(), observed.getUTCMonth() + 1, observed.getUTCDate()), name: `${name} (observed)` },
  ];
}

/** The year's holidays in date order (an observed New Year's Day of the next year is the next year's). */
function holidaysOf(year: number): Holiday[] {
  return [
    ...fixedHoliday(year, 1, 1, 'New Year’s Day'),
    { date: iso(year, 5, nthWeekday(year, 5, MONDAY, -1)), name: 'Memorial Day' },
    ...fixedHoliday(year, 7, 4, 'Independence Day'),
    { date: iso(year, 9, nthWeekday(year, 9, MONDAY, 1)), name: 'Labor Day' },
    { date: iso(year, 11, nthWeekday(year, 11, THURSDAY, 4)), name: 'Thanksgiving' },
    ...fixedHoliday(year, 12, 25, 'Christmas Day'),
  ].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * This computer's calendar day, 'YYYY-MM-DD', for the holidays ahead: a day either side of the company's own
 * changes at most one holiday of a year's.
 */
export function localToday(now = new Date()): string {
  return iso(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** The holidays from `today` ('YYYY-MM-DD', included) through the year after it: every one of them once. */
export function usHolidaysAhead(today: string): Holiday[] {
  const year = Number(today.slice(0, 4));
  const until = iso(year + 1, Number(today.slice(5, 7)), Number(today.slice(8, 10)));
  return [...holidaysOf(year), ...holidaysOf(year + 1)].filter((holiday) => holiday.date >= today && holiday.date < until);
}

/** The holiday on `date`, if it is one of them (Dec 31 may be the next year's New Year's Day, observed). */
export function usHolidayOn(date: string): Holiday | undefined {
  const year = Number(date.slice(0, 4));
  return [...holidaysOf(year), ...holidaysOf(year + 1)].find((holiday) => holiday.date === date);
}

/**
 * The eleven federal legal holidays (5 U.S.C. 6103), each on its own date and, for a fixed date on a weekend, its
 * observed Friday or Monday too: the days a state that bans marketing texts on legal holidays (legal-floor.ts
 * STATE_RULES `noTextsOnHolidays`) keeps at the least. Wider than the office's `holidaysOf` on purpose: these are
 * days the law may close, not days the office closes.
 */
function federalHolidaysOf(year: number): string[] {
  return [
    ...fixedHoliday(year, 1, 1, ''),
    { date: iso(year, 1, nthWeekday(year, 1, MONDAY, 3)), name: '' },
    { date: iso(year, 2, nthWeekday(year, 2, MONDAY, 3)), name: '' },
    { date: iso(year, 5, nthWeekday(year, 5, MONDAY, -1)), name: '' },
    ...fixedHoliday(year, 6, 19, ''),
    ...fixedHoliday(year, 7, 4, ''),
    { date: iso(year, 9, nthWeekday(year, 9, MONDAY, 1)), name: '' },
    { date: iso(year, 10, nthWeekday(year, 10, MONDAY, 2)), name: '' },
    ...fixedHoliday(year, 11, 11, ''),
    { date: iso(year, 11, nthWeekday(year, 11, THURSDAY, 4)), name: '' },
    ...fixedHoliday(year, 12, 25, ''),
  ].map((holiday) => holiday.date);
}

const federalHolidaysByYear = new Map<number, ReadonlySet<string>>();

/** The first federal legal holiday (or observed day) after `date` ('YYYY-MM-DD'). */
export function nextFederalHoliday(date: string): string {
  const year = Number(date.slice(0, 4));
  return [...federalHolidaysOf(year), ...federalHolidaysOf(year + 1)].sort().find((day) => day > date)!;
}

/** `date` ('YYYY-MM-DD') is a federal legal holiday or its observed day (Dec 31 may be next year's New Year's Day, observed). */
export function isFederalHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let days = federalHolidaysByYear.get(year);
  if (days === undefined) {
    days = new Set([...federalHolidaysOf(year), ...federalHolidaysOf(year + 1)]);
    federalHolidaysByYear.set(year, days);
  }
  return days.has(date);
}
