import * as z from 'zod';

/**
 * A company's sending schedule (issue #13): how many leads a day, on which days, in which hours of the
 * lead's own local time, from which date. The rules that apply it live in electron/pacing/; this file is
 * only the input and stored shape, shared by the IPC contract, the CLI and the renderer.
 */

export * from './schedule-values';
import { clockTimeToMinutes, DEFAULT_DAILY_CAP, DEFAULT_SEND_DAYS, DEFAULT_SEND_WINDOW, isIanaTimeZone, LAST_START_MARGIN_MINUTES, MAX_DAILY_CAP, weekdays, type Weekday } from './schedule-values';

const CLOCK_TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

export const clockTimeSchema = z
  .string()
  .trim()
  .transform((value) => (/^\d:\d\d$/.test(value) ? `0${value}` : value))
  .pipe(z.string().regex(CLOCK_TIME, 'Enter a time as HH:MM on a 24-hour clock, e.g. 09:30 or 19:00'));

export const sendWindowSchema = z
  .object({ start: clockTimeSchema, end: clockTimeSchema })
  .refine((window) => clockTimeToMinutes(window.start) < clockTimeToMinutes(window.end), {
    message: 'The sending window must end after it starts, on the same day (e.g. 10:00–19:00)',
    path: ['end'],
  })
  // A window that ends before it starts says the first; one too short to start anybody says this.
  .refine((window) => clockTimeToMinutes(window.start) >= clockTimeToMinutes(window.end) || clockTimeToMinutes(window.end) - clockTimeToMinutes(window.start) > LAST_START_MARGIN_MINUTES, {
    message: `The sending window must be longer than ${LAST_START_MARGIN_MINUTES} minutes: no lead starts in its last ${LAST_START_MARGIN_MINUTES}, so that the first text arrives inside it`,
    path: ['end'],
  });
export type SendWindow = z.output<typeof sendWindowSchema>;

/** "10:00-19:00" (also with an en dash or spaces), as typed on the command line. */
export function parseSendWindow(text: string): SendWindow {
  const parts = text.split(/\s*[-–]\s*/);
  const result = sendWindowSchema.safeParse({ start: parts[0] ?? '', end: parts[1] ?? '' });
  if (parts.length !== 2 || !result.success) {
    const detail = result.success ? 'expected HH:MM-HH:MM' : (result.error.issues[0]?.message ?? 'expected HH:MM-HH:MM');
    throw new Error(`Invalid sending window "${text}": ${detail}`);
  }
  return result.data;
}

/**
 * A name Intl knows but that is a fixed offset from UTC (EST, MST, Etc/GMT+5): it has no daylight saving, so
 * an office in New York that typed EST would send an hour late all summer, past 21:00 at the end of a
 * window that ends at 21:00. Only a place's zone (or UTC itself) is taken as input. Stored names are not
 * checked again: this is the door, not a rule of the schedule.
 */
function fixedOffsetZoneProblem(value: string): string | null {
  if (/^(Etc\/)?(UTC|UCT|Universal|Zulu)$/i.test(value)) return null;
  if (value.includes('/') && !/^Etc\//i.test(value)) return null;
  return `"${value}" is a fixed offset from UTC with no daylight saving time, so the hours would be an hour off for half the year: use the place's zone, such as America/New_York, America/Chicago, America/Denver, America/Phoenix or America/Los_Angeles`;
}

export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isIanaTimeZone, 'Unknown time zone: use an IANA name such as America/Chicago or America/New_York')
  .superRefine((value, ctx) => {
    const problem = isIanaTimeZone(value) ? fixedOffsetZoneProblem(value) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const isoDateSchema = z
  .string()
  .trim()
  .refine((value) => {
    const match = ISO_DATE.exec(value);
    if (!match) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, 'Enter a date as YYYY-MM-DD, e.g. 2026-12-01');

export const sendDaysSchema = z
  .array(z.enum(weekdays, { error: 'Sending days are mon, tue, wed, thu, fri, sat, sun' }))
  .min(1, 'Choose at least one sending day')
  // One order, no repeats: the stored value compares equal however the user listed the days.
  .transform((days) => weekdays.filter((day) => days.includes(day)));

/** "mon,tue,wed" or "mon-fri" (also "Mon–Sat"), as typed on the command line. */
export function parseSendDays(text: string): Weekday[] {
  const days: string[] = [];
  for (const item of text.toLowerCase().split(/[\s,]+/).filter(Boolean)) {
    const range = item.split(/[-–]/);
    if (range.length === 2) {
      const from = weekdays.findIndex((day) => day === range[0]!.slice(0, 3));
      const to = weekdays.findIndex((day) => day === range[1]!.slice(0, 3));
      if (from < 0 || to < 0 || to < from) throw new Error(`Invalid sending days "${text}": "${item}" is not a range such as mon-fri`);
      days.push(...weekdays.slice(from, to + 1));
    } else {
      days.push(item.slice(0, 3));
    }
  }
  const result = sendDaysSchema.safeParse(days);
  if (!result.success) throw new Error(`Invalid sending days "${text}": ${result.error.issues[0]?.message ?? 'use mon,tue,…'}`);
  return result.data;
}

/** A typo guard: a year of days off is more than any office takes, and each is checked on every window search. */
export const MAX_DAYS_OFF = 366;

/**
 * Days off: calendar days on which no lead starts, judged in each lead's own time as the sending days are (a
 * holiday, the office closed for a week). One order, no repeats.
 */
export const daysOffSchema = z
  .array(isoDateSchema)
  .max(MAX_DAYS_OFF, { error: () => `At most ${MAX_DAYS_OFF} days off` })
  .transform((days) => [...new Set(days)].sort());

/**
 * "2026-12-25,2027-01-01" (commas or spaces), as typed on the command line; "none" or nothing clears them.
 * `expand` turns a word into dates (the CLI's "us-holidays"); any other word is refused.
 */
export function parseDaysOff(text: string, expand: (word: string) => string[] | null = () => null): string[] {
  const items = text.split(/[\s,]+/).filter(Boolean);
  if (items.length === 1 && items[0]!.toLowerCase() === 'none') return [];
  const days: string[] = [];
  for (const item of items) {
    const expanded = /^\d/.test(item) ? null : expand(item.toLowerCase());
    if (expanded) days.push(...expanded);
    else if (isoDateSchema.safeParse(item).success) days.push(item);
    else throw new Error(`Invalid days off "${text}": "${item}" is not a date as YYYY-MM-DD (e.g. 2026-12-25)`);
  }
  const result = daysOffSchema.safeParse(days);
  if (!result.success) throw new Error(`Invalid days off "${text}": ${result.error.issues[0]?.message ?? 'use YYYY-MM-DD,…'}`);
  return result.data;
}

// The caps' limit messages are written when a value fails (`error` as a function): formatted at load, the number
// was ICU's first use in every process that loads the contract (~25 ms of each CLI start).
export const hourlyCapSchema = z
  .number({ error: 'Leads per hour is a whole number' })
  .int('Leads per hour is a whole number')
  .min(1, 'Leads per hour must be at least 1 (leave it empty for no hourly limit)')
  .max(MAX_DAILY_CAP, { error: () => `Leads per hour can be at most ${MAX_DAILY_CAP.toLocaleString('en-US')}` });

/** What the user sets (Companies page, `rlm company set`); every field but the zone has a default. */
export const scheduleInputSchema = z.object({
  dailyCap: z
    .number({ error: 'The daily cap is a whole number of leads' })
    .int('The daily cap is a whole number of leads')
    .min(1, 'The daily cap must be at least 1 (pause the company to stop sending)')
    .max(MAX_DAILY_CAP, { error: () => `The daily cap can be at most ${MAX_DAILY_CAP.toLocaleString('en-US')}` })
    .default(DEFAULT_DAILY_CAP),
  /**
   * At most this many leads start in any 60 minutes, so the day's texts (and their replies) come as a drip the
   * office can answer, not all at the window's opening; null = no hourly limit.
   */
  hourlyCap: hourlyCapSchema.nullish().transform((value) => value ?? null),
  sendDays: sendDaysSchema.default([...DEFAULT_SEND_DAYS]),
  window: sendWindowSchema.default({ ...DEFAULT_SEND_WINDOW }),
  /** The company's own zone: its calendar day counts the cap, and the start date is read in it. */
  timeZone: timeZoneSchema,
  /** Nothing is sent before this day (company calendar). */
  startDate: isoDateSchema.nullish().transform((value) => value ?? null),
  /** No lead starts on these days (each lead's own calendar). */
  daysOff: daysOffSchema.default([]),
});
export type ScheduleInput = z.input<typeof scheduleInputSchema>;
export type Schedule = z.output<typeof scheduleInputSchema>;

/** The defaults for a company in the given zone. */
export function defaultSchedule(timeZone: string): Schedule {
  return scheduleInputSchema.parse({ timeZone });
}
