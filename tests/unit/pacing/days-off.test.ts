import { describe, expect, it } from 'vitest';
import { finishEstimate, isSendableNow, nextSendAt, openZonesNow, plan, turnDay, type Waiting } from '../../../electron/pacing';
import { parseDaysOff, scheduleInputSchema } from '../../../shared/schedule';
import { usHolidayOn, usHolidaysAhead } from '../../../shared/us-holidays';
import { at, EVERY_DAY, iso, schedule } from './helpers';

const CHICAGO = { timeZone: 'America/Chicago' };
const LA = { timeZone: 'America/Los_Angeles' };
const HONOLULU = { timeZone: 'Pacific/Honolulu' };
/** Thanksgiving 2026 is Thursday Nov 26; Christmas a Friday. */
const holidays = schedule({ daysOff: ['2026-11-26', '2026-12-25'] });

describe('a day off', () => {
  it('starts nobody on it, in the lead’s own calendar, and the next start is the day after', () => {
    const thanksgivingNoon = at('2026-11-26T12:00:00-06:00');
    expect(isSendableNow(CHICAGO, schedule(), thanksgivingNoon)).toBe(true);
    expect(isSendableNow(CHICAGO, holidays, thanksgivingNoon)).toBe(false);
    expect(iso(nextSendAt(CHICAGO, holidays, thanksgivingNoon))).toBe(iso(at('2026-11-27T10:00:00-06:00')));
    expect(openZonesNow(['America/Chicago'], holidays, thanksgivingNoon)).toEqual([]);
    // Wednesday 23:30 in Chicago is 21:30 in Los Angeles, still Wednesday there: its own Thursday is the day off.
    expect(iso(nextSendAt(LA, holidays, at('2026-11-25T23:30:00-06:00')))).toBe(iso(at('2026-11-27T10:00:00-08:00')));
  });

  it('holds in each lead’s zone: Honolulu’s Wednesday goes on while Chicago’s Thanksgiving has begun', () => {
    // Thursday 00:30 in Chicago is Wednesday 20:30 in Honolulu: outside 10:00–19:00 anyway; at Chicago's
    // Thursday 09:00 it is Wednesday 05:00 there. So take a window that reaches late: 08:00–21:00.
    const late = schedule({ daysOff: ['2026-11-26'], window: { start: '08:00', end: '21:00' }, sendDays: [...EVERY_DAY] });
    const chicagoThursday0030 = at('2026-11-26T00:30:00-06:00'); // Honolulu: Wednesday 20:30
    expect(isSendableNow(HONOLULU, late, chicagoThursday0030)).toBe(true);
    expect(openZonesNow(['Pacific/Honolulu', 'America/Chicago'], late, chicagoThursday0030).map((zone) => zone.timeZone)).toEqual(['Pacific/Honolulu']);
  });

  it('is looked past however many follow one another (a closed fortnight moves every weekday on)', () => {
    // Saturday Dec 19 through Sunday Jan 3: sixteen days.
    const closed = schedule({ daysOff: Array.from({ length: 16 }, (_, i) => new Date(Date.UTC(2026, 11, 19 + i)).toISOString().slice(0, 10)) });
    expect(iso(nextSendAt(CHICAGO, closed, at('2026-12-18T20:00:00-06:00')))).toBe(iso(at('2027-01-04T10:00:00-06:00')));
  });

  it('is skipped by the plan, the finish day and the lead’s turn', () => {
    const wednesdayNoon = at('2026-11-25T12:00:00-06:00');
    const waiting: Waiting[] = [{ ...CHICAGO, n: 250 }];
    const days = plan(waiting, 0, holidays, wednesdayNoon, 4);
    expect(days.map((day) => [day.day, day.capacity, day.count])).toEqual([
      ['2026-11-25', 100, 100],
      ['2026-11-26', 0, 0],
      ['2026-11-27', 100, 100],
      ['2026-11-28', 100, 50],
    ]);
    expect(finishEstimate(waiting, 0, holidays, wednesdayNoon)).toBe('2026-11-28');
    expect(turnDay(waiting, 0, 101, 0, holidays, wednesdayNoon)).toBe('2026-11-27');
  });

  // The weekly shortcut jumps whole weeks that repeat the last; a day off weeks ahead must stop it.
  it('is counted by the finish estimate weeks ahead, as the day-by-day plan counts it', () => {
    const mondayNoon = at('2026-11-30T12:00:00-06:00');
    const everyDay = (daysOff: string[]) => schedule({ sendDays: [...EVERY_DAY], daysOff });
    const waiting: Waiting[] = [{ ...CHICAGO, n: 6_000 }, { ...HONOLULU, n: 500 }];
    // The queue runs to early February at 100 a day; all three are before its end.
    const withHolidays = everyDay(['2026-12-25', '2027-01-01', '2027-01-18']);
    const byPlan = plan(waiting, 0, withHolidays, mondayNoon, 120).findLast((day) => day.count > 0)!.day;
    expect(finishEstimate(waiting, 0, withHolidays, mondayNoon)).toBe(byPlan);
    // Three days off cost three days at the end.
    const without = finishEstimate(waiting, 0, everyDay([]), mondayNoon)!;
    expect(Date.parse(byPlan) - Date.parse(without)).toBe(3 * 86_400_000);
  });
});

describe('the days off as input', () => {
  it('keeps one of each, in order, and refuses what is not a date', () => {
    expect(scheduleInputSchema.parse({ timeZone: 'America/Chicago', daysOff: ['2026-12-25', '2026-11-26', '2026-12-25'] }).daysOff).toEqual(['2026-11-26', '2026-12-25']);
    expect(scheduleInputSchema.parse({ timeZone: 'America/Chicago' }).daysOff).toEqual([]);
    expect(scheduleInputSchema.safeParse({ timeZone: 'America/Chicago', daysOff: ['2026-02-30'] }).success).toBe(false);
    expect(parseDaysOff('2026-12-25, 2027-01-01')).toEqual(['2026-12-25', '2027-01-01']);
    expect(parseDaysOff('none')).toEqual([]);
    expect(() => parseDaysOff('12/25/2026')).toThrow(/"12\/25\/2026" is not a date as YYYY-MM-DD/);
    expect(() => parseDaysOff('holidays')).toThrow(/"holidays" is not a date/);
    expect(parseDaysOff('us-holidays,2026-12-24', (word) => (word === 'us-holidays' ? ['2026-12-25'] : null))).toEqual(['2026-12-24', '2026-12-25']);
  });
});

describe('US holidays', () => {
  it('are the holidays’ own dates, and the weekday off for one on a weekend, from today to the same date a year on', () => {
    expect(usHolidaysAhead('2026-12-02')).toEqual([
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2027-01-01', name: 'New Year’s Day' },
      { date: '2027-05-31', name: 'Memorial Day' },
      // A Sunday: no text on the day itself, nor on the Monday the office is closed (only July 4th was added).
      { date: '2027-07-04', name: 'Independence Day' },
      { date: '2027-07-05', name: 'Independence Day (observed)' },
      { date: '2027-09-06', name: 'Labor Day' },
      { date: '2027-11-25', name: 'Thanksgiving' },
    ]);
    // Today's own holiday is included, and a year on only what comes before the same date (2027's Thanksgiving, Nov 25).
    expect(usHolidaysAhead('2026-11-26').map((holiday) => holiday.date)).toEqual(['2026-11-26', '2026-12-25', '2027-01-01', '2027-05-31', '2027-07-04', '2027-07-05', '2027-09-06', '2027-11-25']);
    // Saturdays: Christmas 2027 is kept on Friday the 24th, and New Year's Day 2028 on Friday Dec 31, 2027.
    expect(usHolidaysAhead('2027-12-01')).toEqual(
      expect.arrayContaining([
        { date: '2027-12-24', name: 'Christmas Day (observed)' },
        { date: '2027-12-25', name: 'Christmas Day' },
        { date: '2027-12-31', name: 'New Year’s Day (observed)' },
        { date: '2028-01-01', name: 'New Year’s Day' },
      ]),
    );
    expect(usHolidayOn('2027-12-31')?.name).toBe('New Year’s Day (observed)');
    expect(usHolidayOn('2028-11-23')?.name).toBe('Thanksgiving');
    expect(usHolidayOn('2028-05-29')?.name).toBe('Memorial Day');
    expect(usHolidayOn('2028-05-22')).toBeUndefined();
  });
});
