import type { Schedule } from '../../../shared/schedule';
import { LAST_START_MARGIN_MINUTES, weekdays, type Weekday } from '../../../shared/schedule-values';
import { companyDayKey, compileSchedule, explainSchedule, formatWindow, type CompiledSchedule } from '../../pacing';

const shortDay: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** "Mon–Sat", "Mon–Wed, Fri", "every day": runs of three or more days read as a range. */
export function describeDays(days: readonly Weekday[]): string {
  if (days.length === 7) return 'every day';
  const runs: Weekday[][] = [];
  for (const day of weekdays) {
    if (!days.includes(day)) continue;
    const last = runs.at(-1);
    if (last && weekdays.indexOf(last.at(-1)!) === weekdays.indexOf(day) - 1) last.push(day);
    else runs.push([day]);
  }
  return runs
    .map((run) => (run.length >= 3 ? `${shortDay[run[0]!]}–${shortDay[run.at(-1)!]}` : run.map((day) => shortDay[day]).join(', ')))
    .join(', ');
}

/** "2027-01-04" → "Jan 4, 2027" (the calendar day itself: no zone shifts it). */
export function describeDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day!)).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
}

/**
 * The hours leads get, not only the hours set: a window reaching past 08:00–21:00 (the legal limit in each
 * lead's own time) is held to it, and the Companies page said "Mon–Fri 06:00–23:00" for texts that never go
 * before 08:00. `isShort`: the table's form.
 */
function hoursText(schedule: Schedule, floored: CompiledSchedule['floored'], isShort: boolean): string {
  const set = `${schedule.window.start}–${schedule.window.end}`;
  if (!floored) return `${set} (outside 08:00–21:00, the legal limit: nothing is sent)`;
  const held = formatWindow(floored);
  if (held === set) return set;
  return isShort ? `${held} (you set ${set})` : `${held} (the legal limit; you set ${set})`;
}

/** The short form for tables: "40 a day, Mon–Fri 08:00–21:00 (you set 06:00–23:00)" ("100 a day, 15 an hour, …"). */
function describeScheduleShort(schedule: Schedule, floored: CompiledSchedule['floored']): string {
  const hourly = schedule.hourlyCap === null ? '' : ` ${schedule.hourlyCap.toLocaleString('en-US')} an hour,`;
  return `${schedule.dailyCap.toLocaleString('en-US')} a day,${hourly} ${describeDays(schedule.sendDays)} ${hoursText(schedule, floored, true)}`;
}

/**
 * What the schedule does, in one sentence for the Companies page and `rlm company list`: "At most 100 leads
 * a day start the campaign, Mon–Sat 10:00–19:00 in each lead's own time; the last starts 10 minutes before the close."
 * (The hours are those the texts arrive in: no lead starts in their last minutes, pacing/pace.ts.)
 */
function describeSchedule(schedule: Schedule, floored: CompiledSchedule['floored']): string {
  const leads = schedule.dailyCap === 1 ? '1 lead' : `${schedule.dailyCap.toLocaleString('en-US')} leads`;
  const from = schedule.startDate ? `, from ${describeDate(schedule.startDate)}` : '';
  const hourly = schedule.hourlyCap === null ? '' : ` (at most ${schedule.hourlyCap.toLocaleString('en-US')} an hour)`;
  // Hours wholly outside the law start nobody (hoursText says so): then there is no last start to mention.
  const lastStart = floored ? `; the last starts ${LAST_START_MARGIN_MINUTES} minutes before the close` : '';
  return `At most ${leads} a day${hourly} start the campaign, ${describeDays(schedule.sendDays)} ${hoursText(schedule, floored, false)} in each lead's own time${from}${lastStart}.`;
}

/** Days off named in the summary; the rest are counted. */
const DAYS_OFF_NAMED = 4;

/**
 * "No lead starts on Dec 24, Dec 25 and Jan 1 (days off, in each lead's own calendar)." The days off from the
 * company's today on (past ones do nothing), and how many; a year only on a day a year or more ahead, the one a
 * month and day alone would not name. Empty when none is ahead.
 */
function describeDaysOff(schedule: Schedule, now: number): { text: string; ahead: number } {
  const today = companyDayKey(now, schedule.timeZone);
  const ahead = schedule.daysOff.filter((day) => day >= today);
  if (ahead.length === 0) return { text: '', ahead: 0 };
  const aYearOn = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const named = ahead.slice(0, DAYS_OFF_NAMED).map((day) => (day < aYearOn ? describeDate(day).replace(/, \d{4}$/, '') : describeDate(day)));
  const more = ahead.length - named.length;
  const list = more > 0 ? `${named.join(', ')} and ${more} more` : named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : named[0];
  return { text: ` No lead starts on ${list} (days off, in each lead's own calendar).`, ahead: ahead.length };
}

/** The summary and, where the legal floor or a state rule narrows the setting, the plain-words notes. */
export function scheduleText(schedule: Schedule, now = Date.now()): { summary: string; short: string; notes: string[] } {
  // Compiled once for all three (a company list compiled each schedule three times).
  const compiled = compileSchedule(schedule);
  const daysOff = describeDaysOff(schedule, now);
  return {
    summary: describeSchedule(schedule, compiled.floored) + daysOff.text,
    short: describeScheduleShort(schedule, compiled.floored) + (daysOff.ahead > 0 ? `, ${daysOff.ahead} ${daysOff.ahead === 1 ? 'day' : 'days'} off ahead` : ''),
    notes: explainSchedule(compiled),
  };
}
