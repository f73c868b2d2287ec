import { describe, expect, it } from 'vitest';
import { describeDay, describeNext, finishEstimate, nextSendAt, plan } from '../../../electron/pacing';
import { at, schedule } from './helpers';

const CHICAGO = 'America/Chicago';

describe('plan of the coming days', () => {
  const weekdays = schedule(); // cap 100, Mon–Sat 10:00–19:00, company in Chicago

  it('gives today what is left of the cap, skips Sunday, and spends the queue', () => {
    const mondayNoon = at('2026-11-30T12:00:00-06:00');
    const days = plan(450, 62, weekdays, [CHICAGO], mondayNoon, 8);
    expect(days.map((day) => [day.day, day.capacity, day.count])).toEqual([
      ['2026-11-30', 38, 38],
      ['2026-12-01', 100, 100],
      ['2026-12-02', 100, 100],
      ['2026-12-03', 100, 100],
      ['2026-12-04', 100, 100],
      ['2026-12-05', 100, 12],
      ['2026-12-06', 0, 0],
      ['2026-12-07', 100, 0],
    ]);
  });

  it('counts what an hourly cap lets through in the hours a day is open', () => {
    // 10:00–19:00 is nine hours: 10 an hour is 90 a day, under the cap of 100; today from 12:00, seven hours.
    const hourly = schedule({ hourlyCap: 10 });
    const days = plan(300, 0, hourly, [CHICAGO], at('2026-11-30T12:00:00-06:00'), 4);
    expect(days.map((day) => [day.day, day.capacity, day.count])).toEqual([
      ['2026-11-30', 70, 70],
      ['2026-12-01', 90, 90],
      ['2026-12-02', 90, 90],
      ['2026-12-03', 90, 50],
    ]);
    // A Los Angeles lead keeps the day open two hours longer: the day's hours are its company's leads' hours.
    expect(plan(300, 0, hourly, [CHICAGO, 'America/Los_Angeles'], at('2026-11-30T12:00:00-06:00'), 2)[1]!.capacity).toBe(100);
    expect(finishEstimate(300, 0, hourly, [CHICAGO], at('2026-11-30T12:00:00-06:00'))).toBe('2026-12-03');
  });

  it('gives today nothing once its window has closed in every zone of the queue', () => {
    // 19:30 in Chicago: Los Angeles (17:30) is still open, Chicago alone is not.
    const evening = at('2026-11-30T19:30:00-06:00');
    expect(plan(10, 0, weekdays, [CHICAGO], evening, 1)[0]!.capacity).toBe(0);
    expect(plan(10, 0, weekdays, [CHICAGO, 'America/Los_Angeles'], evening, 1)[0]!.capacity).toBe(100);
  });

  it('starts at a future start date', () => {
    const later = schedule({ startDate: '2026-12-03' });
    const days = plan(150, 0, later, [CHICAGO], at('2026-11-30T12:00:00-06:00'), 5);
    expect(days.map((day) => day.count)).toEqual([0, 0, 0, 100, 50]);
  });
});

describe('finish estimate', () => {
  const weekdays = schedule();
  const mondayNoon = at('2026-11-30T12:00:00-06:00');

  it('is the company day the last lead goes, the same by day-by-day plan and by its weekly shortcut', () => {
    const queue = 4_480;
    const byPlan = plan(queue, 62, weekdays, [CHICAGO], mondayNoon, 120).findLast((day) => day.count > 0)!.day;
    expect(finishEstimate(queue, 62, weekdays, [CHICAGO], mondayNoon)).toBe(byPlan);
    expect(byPlan).toBe('2027-01-21');
    expect(describeDay(byPlan, CHICAGO, mondayNoon)).toBe('Jan 21, 2027');
  });

  it('is today when the queue fits in what is left of today, and null for an empty queue or one that can never go', () => {
    expect(finishEstimate(38, 62, weekdays, [CHICAGO], mondayNoon)).toBe('2026-11-30');
    expect(finishEstimate(39, 62, weekdays, [CHICAGO], mondayNoon)).toBe('2026-12-01');
    expect(finishEstimate(0, 0, weekdays, [CHICAGO], mondayNoon)).toBeNull();
    const sundaysOnly = schedule({ sendDays: ['sun'] });
    expect(finishEstimate(5, 0, sundaysOnly, [{ timeZone: CHICAGO, state: 'MS' }], mondayNoon)).toBeNull();
  });

  // The weekly shortcut took the first week's capacity for every later week. Hawaii keeps one clock while an
  // Eastern office changes its own: Hawaii's Saturday window reaches the office's Sunday in summer, not in
  // winter, so a queue running past a clock change finished on another day than the estimate said.
  it('agrees with the day-by-day plan when the queue runs past clock changes the leads do not share', () => {
    const eastern = schedule({ timeZone: 'America/New_York' });
    const wrong: string[] = [];
    for (const [start, queue] of [['2026-10-21T12:00:00-04:00', 2_400], ['2027-02-24T12:00:00-05:00', 3_000], ['2026-06-01T12:00:00-04:00', 40_000]] as const) {
      const now = at(start);
      const byPlan = plan(queue, 0, eastern, ['Pacific/Honolulu'], now, 600).findLast((day) => day.count > 0)!.day;
      const estimate = finishEstimate(queue, 0, eastern, ['Pacific/Honolulu'], now);
      if (estimate !== byPlan) wrong.push(`${start} ${queue}: estimate ${estimate}, plan ${byPlan}`);
    }
    expect(wrong).toEqual([]);
  });

  it('handles a queue of years quickly', () => {
    const began = performance.now();
    expect(finishEstimate(1_000_000, 0, schedule({ dailyCap: 1 }), [CHICAGO], mondayNoon)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(performance.now() - began).toBeLessThan(250);
  });
});

describe('describing the next send time', () => {
  const weekdays = schedule();

  it('reads "Tue 10:00 CST" within the week, a date later, and "now" inside the window', () => {
    const mondayEvening = at('2026-11-30T20:00:00-06:00');
    const next = nextSendAt({ timeZone: CHICAGO }, weekdays, mondayEvening);
    expect(describeNext(next, CHICAGO, mondayEvening)).toBe('Tue 10:00 CST');
    // A New York lead's 10:00 read in the company's zone.
    const nextNy = nextSendAt({ timeZone: 'America/New_York' }, weekdays, mondayEvening);
    expect(describeNext(nextNy, CHICAGO, mondayEvening)).toBe('Tue 09:00 CST');
    expect(describeNext(at('2027-01-14T10:00:00-06:00'), CHICAGO, mondayEvening)).toBe('Jan 14 10:00 CST');
    expect(describeNext(mondayEvening, CHICAGO, mondayEvening)).toBe('now');
    expect(describeNext(null, CHICAGO, mondayEvening)).toBe('not scheduled');
  });

  it('says CDT in summer', () => {
    const june = at('2026-06-01T20:00:00-05:00');
    expect(describeNext(nextSendAt({ timeZone: CHICAGO }, weekdays, june), CHICAGO, june)).toBe('Tue 10:00 CDT');
  });
});
