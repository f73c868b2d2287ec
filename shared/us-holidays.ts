/**
 * The US holidays most offices close for, as days off for the sending schedule (shared/schedule.ts
 * `daysOff`): the Companies page's "Add US holidays" and `rlm company set --days-off us-holidays`. The
 * holiday's own date, not the federal "observed" Friday or Monday: a text on July 4th lands at the cookout
 * whatever day of the week it is. Pure calendar arithmetic (no Intl, no zone): the caller says which day
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

function holidaysOf(year: number): Holiday[] {
  return [
    { date: iso(year, 1, 1), name: 'New Year’s Day' },
    { date: iso(year, 5, nthWeekday(year, 5, MONDAY, -1)), name: 'Memorial Day' },
    { date: iso(year, 7, 4), name: 'Independence Day' },
    { date: iso(year, 9, nthWeekday(year, 9, MONDAY, 1)), name: 'Labor Day' },
    { date: iso(year, 11, nthWeekday(year, 11, THURSDAY, 4)), name: 'Thanksgiving' },
    { date: iso(year, 12, 25), name: 'Christmas Day' },
  ];
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

/** The holiday on `date`, if it is one of them. */
export function usHolidayOn(date: string): Holiday | undefined {
  return holidaysOf(Number(date.slice(0, 4))).find((holiday) => holiday.date === date);
}
