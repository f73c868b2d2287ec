/**
 * A sending schedule's plain values and checks, without zod: the days, the defaults, clock times and
 * IANA zones. Threads that only apply schedules (the import writer, the sync worker's claim) import this
 * file, so they never load zod (~35 ms of start-up per thread, measured); shared/schedule.ts re-exports it
 * beside the input schemas.
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export const DEFAULT_DAILY_CAP = 100;
export const DEFAULT_SEND_DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
export const DEFAULT_SEND_WINDOW = { start: '10:00', end: '19:00' } as const;
/**
 * No lead starts the campaign in the last this-many minutes of a sending window. Its first text goes when
 * GHL runs the workflow's first step, seconds (under load, minutes) after the enrolment, and it is the text
 * that must arrive inside the hours: 08:00–21:00 by law, the company's own when narrower. An enrolment at
 * 20:59:59 would text after 21:00.
 */
export const LAST_START_MARGIN_MINUTES = 10;
/** Far above anything a phone number may send in a day; a typo guard, not a business rule. */
export const MAX_DAILY_CAP = 100_000;

/** "HH:MM" → minutes after midnight ("24:00" → 1440, the end of the day). */
export function clockTimeToMinutes(value: string): number {
  if (value === '24:00') return 1440;
  const [hours, minutes] = value.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/** A real IANA zone that this runtime's Intl knows (so every later date computation works). */
export function isIanaTimeZone(value: string): boolean {
  // Intl also accepts offsets such as "+05:00"; an offset has no DST rules, so a lead would drift by an hour.
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
