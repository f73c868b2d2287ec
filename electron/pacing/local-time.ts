/**
 * Wall-clock time in an IANA zone, from the runtime's Intl (its tz database follows the OS/ICU updates):
 * no date library, no cached "today". Every function takes the instant explicitly.
 */

/** A calendar day, as the people there call it. */
export interface LocalDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

export interface LocalTime extends LocalDate {
  /** Minutes after local midnight, 0–1439. */
  minuteOfDay: number;
  /** 0 = Monday … 6 = Sunday (the order of shared/schedule.ts `weekdays`). */
  weekday: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Per zone, the wall clock of the last minute asked for. Zones change offset only on whole minutes, so a
 * scheduler asking "what time is it in these 4 zones" many times a minute pays for Intl once per zone.
 */
const lastMinute = new Map<string, { minuteStart: number; local: LocalTime }>();

/** The wall clock in `timeZone` at instant `at` (epoch ms). */
export function localTime(at: number, timeZone: string): LocalTime {
  const minuteStart = Math.floor(at / MINUTE) * MINUTE;
  const cached = lastMinute.get(timeZone);
  if (cached && cached.minuteStart === minuteStart) return cached.local;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timeZone).formatToParts(minuteStart)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  const local: LocalTime = { year, month, day, minuteOfDay: hour * 60 + minute, weekday: weekdayOf({ year, month, day }) };
  lastMinute.set(timeZone, { minuteStart, local });
  return local;
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** 'YYYY-MM-DD'. */
export function dateKey(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function parseDateKey(key: string): LocalDate {
  const [year, month, day] = key.split('-').map(Number);
  return { year: year!, month: month!, day: day! };
}

/** The zone's offset from UTC at instant `at`, in ms (New York in winter: −5 h). */
export function offsetAt(at: number, timeZone: string): number {
  const local = localTime(at, timeZone);
  const wallAsUtc = Date.UTC(local.year, local.month - 1, local.day) + local.minuteOfDay * MINUTE;
  return wallAsUtc - Math.floor(at / MINUTE) * MINUTE;
}

/**
 * The instant at which the wall clock in `timeZone` reads `minuteOfDay` on `date`. Across a DST change:
 * a time that happens twice (fall back) gives the first of the two; a time that does not exist (spring forward,
 * 02:30 in New York) gives the instant the clock jumped past it, shifted by the gap (03:30) — never earlier
 * than asked, which is the safe side for a window's start.
 */
export function instantAt(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE;
  // The offsets in force half a day either side: a DST change between them is the only way they differ
  // (no zone changes twice within a day). A candidate is right when the clock there reads the wall time.
  const candidates = [...new Set([offsetAt(wall - 12 * HOUR, timeZone), offsetAt(wall + 12 * HOUR, timeZone)])].map((offset) => wall - offset);
  const reading = candidates.filter((instant) => instant + offsetAt(instant, timeZone) === wall);
  // Both read it (fall back): the first. Neither (a spring-forward gap): the later, which the clock shows as
  // the asked time plus the gap.
  return reading.length > 0 ? Math.min(...reading) : Math.max(...candidates);
}

/** The instant the local day `date` starts (its 00:00, or the first minute after a midnight DST gap). */
export function startOfDay(date: LocalDate, timeZone: string): number {
  return instantAt(date, 0, timeZone);
}

export { DAY, MINUTE };
