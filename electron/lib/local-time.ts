/**
 * Times as the office reads them: in the machine's own time zone (or a given IANA zone, for tests),
 * written "2026-11-30 14:05" — a form Excel recognises as a date and time in every locale, unlike
 * an epoch number or an ISO string ending in Z (which shows UTC, hours off from the office's clock).
 *
 * Intl costs ~13 µs a call (a million-lead export would spend most of its time there), so the zone's
 * offset is asked twice per day and cached for the whole day when it is the same at both ends; on a day
 * the zone changes its offset, per quarter hour (every zone changes on a quarter hour).
 */

const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 15 * 60_000;
const CACHE_LIMIT = 100_000;

interface Zone {
  format: Intl.DateTimeFormat;
  /** Offset from UTC (ms) per UTC day since the epoch; null for a day on which it changes. */
  days: Map<number, number | null>;
  /** Offset per quarter hour, for the days on which it changes. */
  quarters: Map<number, number>;
  /** The last minute formatted: leads imported or sent together share it, row after row. */
  lastMinute: number;
  lastText: string;
}

const zones = new Map<string, Zone>();

function zoneFor(timeZone: string | undefined): Zone {
  const key = timeZone ?? '';
  let zone = zones.get(key);
  if (!zone) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
    });
    zone = { format, days: new Map(), quarters: new Map(), lastMinute: Number.NaN, lastText: '' };
    zones.set(key, zone);
  }
  return zone;
}

/** What Intl says the offset is at `ms` (a whole minute). */
function intlOffset(zone: Zone, ms: number): number {
  const wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
  for (const { type, value } of zone.format.formatToParts(ms)) {
    if (type === 'year' || type === 'month' || type === 'day' || type === 'hour' || type === 'minute') wall[type] = Number(value);
  }
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - ms;
}

function remember<T>(cache: Map<number, T>, key: number, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** The zone's offset from UTC at `ms`, in ms (e.g. −6 h for Austin in winter). */
function offsetAt(ms: number, timeZone: string | undefined): number {
  const zone = zoneFor(timeZone);
  const day = Math.floor(ms / DAY_MS);
  let dayOffset = zone.days.get(day);
  if (dayOffset === undefined) {
    const atStart = intlOffset(zone, day * DAY_MS);
    // The next day's first instant: a change anywhere in this day, even in its last quarter hour, shows.
    const atEnd = intlOffset(zone, (day + 1) * DAY_MS);
    dayOffset = remember(zone.days, day, atStart === atEnd ? atStart : null);
  }
  if (dayOffset !== null) return dayOffset;
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  return zone.quarters.get(quarter) ?? remember(zone.quarters, quarter, intlOffset(zone, quarter * QUARTER_HOUR_MS));
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The wall clock at `ms` in the zone, as a Date whose UTC fields hold it. */
function wallClock(ms: number, timeZone: string | undefined): Date {
  return new Date(ms + offsetAt(ms, timeZone));
}

const dateOf = (wall: Date) => `${wall.getUTCFullYear()}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`;

/** "2026-11-30" in the local (or given) time zone. */
export function localDate(ms: number, timeZone?: string): string {
  return dateOf(wallClock(ms, timeZone));
}

/** "2026-11-30 14:05" in the local (or given) time zone. */
export function localDateTime(ms: number, timeZone?: string): string {
  const zone = zoneFor(timeZone);
  const minute = Math.floor(ms / 60_000);
  if (minute !== zone.lastMinute) {
    const wall = wallClock(ms, timeZone);
    zone.lastMinute = minute;
    zone.lastText = `${dateOf(wall)} ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`;
  }
  return zone.lastText;
}
