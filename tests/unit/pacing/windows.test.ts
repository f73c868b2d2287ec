import { describe, expect, it } from 'vitest';
import { effectiveWindow, explainLeadWindow, explainSchedule, formatWindow, isSendableNow, STATE_RULES } from '../../../electron/pacing';
import { windowOn } from '../../../electron/pacing/windows';
import { instantAt, localTime } from '../../../electron/pacing/local-time';
import { EVERY_DAY, schedule } from './helpers';

const SUNDAY = 6;
const MONDAY = 0;
const text = (window: ReturnType<typeof effectiveWindow>) => (window ? formatWindow(window) : 'none');

describe('effective window = company window ∩ legal floor ∩ state rule', () => {
  const wide = schedule({ window: { start: '06:00', end: '23:00' }, sendDays: [...EVERY_DAY] });

  it('holds any setting to 08:00–21:00, and narrows further by state', () => {
    expect(text(effectiveWindow(wide, null, MONDAY))).toBe('08:00–21:00');
    expect(text(effectiveWindow(wide, 'FL', MONDAY))).toBe('08:00–20:00');
    expect(text(effectiveWindow(wide, 'fl', MONDAY))).toBe('08:00–20:00');
    expect(text(effectiveWindow(wide, 'CT', MONDAY))).toBe('09:00–20:00');
    expect(text(effectiveWindow(wide, 'TX', SUNDAY))).toBe('12:00–21:00');
    expect(text(effectiveWindow(wide, 'MS', SUNDAY))).toBe('none');
    expect(text(effectiveWindow(wide, 'GA', MONDAY))).toBe('08:00–21:00');
  });

  it('narrows by an hour at each end for a lead whose zone is unsure (a split state or area code, no ZIP)', () => {
    expect(text(effectiveWindow(wide, 'AZ~', MONDAY))).toBe('09:00–20:00');
    expect(text(effectiveWindow(wide, '~', MONDAY))).toBe('09:00–20:00');
    expect(text(effectiveWindow(wide, 'TX~', SUNDAY))).toBe('13:00–20:00');
    expect(text(effectiveWindow(wide, 'fl~', MONDAY))).toBe('09:00–19:00');
    expect(text(effectiveWindow(wide, 'MS~', SUNDAY))).toBe('none');
    expect(explainLeadWindow(wide, { timeZone: 'America/Phoenix', state: 'AZ~' }, MONDAY)).toBe(
      '09:00–20:00 America/Phoenix (your 06:00–23:00, held to the legal limit 08:00–21:00 with an hour to spare at each end: the lead’s time zone is not certain)',
    );
  });

  // A lead whose row, ZIP and phone name several states with rules (pacing/lead-zone.ts) is under each one's law at once.
  it('holds a lead of several states to every one of their rules', () => {
    expect(text(effectiveWindow(wide, 'FL+TX', MONDAY))).toBe('09:00–20:00');
    expect(text(effectiveWindow(wide, 'FL+TX', SUNDAY))).toBe('12:00–20:00');
    expect(text(effectiveWindow(wide, 'fl+tx~', SUNDAY))).toBe('13:00–19:00');
    expect(text(effectiveWindow(wide, 'FL+MS', SUNDAY))).toBe('none');
    expect(text(effectiveWindow(wide, 'CT+KY', MONDAY))).toBe('10:00–20:00');
    // Florida is closed at 20:30 in Miami, so a Florida-and-Texas lead is, though Texas is open.
    const at = instantAt(localTime(Date.UTC(2026, 11, 7, 12), 'America/New_York'), 20 * 60 + 30, 'America/New_York');
    expect(isSendableNow({ timeZone: 'America/New_York', state: 'TX' }, wide, at)).toBe(true);
    expect(isSendableNow({ timeZone: 'America/New_York', state: 'FL+TX' }, wide, at)).toBe(false);
    // Alabama bans texts on a legal holiday (Christmas, a Friday in 2026): so for an Alabama-and-Florida lead.
    expect(windowOn(wide, 'FL', localTime(Date.UTC(2026, 11, 25, 17), 'America/Chicago'))).not.toBeNull();
    expect(windowOn(wide, 'AL+FL', localTime(Date.UTC(2026, 11, 25, 17), 'America/Chicago'))).toBeNull();
    expect(explainLeadWindow(wide, { timeZone: 'America/Chicago', state: 'FL+TX' }, SUNDAY)).toBe(
      '12:00–20:00 America/Chicago (your 06:00–23:00, held to Florida and Texas law)',
    );
    expect(explainLeadWindow(wide, { timeZone: 'America/Chicago', state: 'FL+MS' }, SUNDAY)).toBe('No sending on Sundays in Mississippi (state law)');
  });

  // The hour to spare is kept from the law's limits, not from the company's own hours: a 10:00–19:00 window
  // became 11:00–18:00, and a window of two hours or less sent nothing at all to a lead whose zone is unsure.
  it('keeps the hour to spare inside the legal limits only, not inside the company’s own hours', () => {
    const normal = schedule({ window: { start: '10:00', end: '19:00' }, sendDays: [...EVERY_DAY] });
    expect(text(effectiveWindow(normal, 'AZ~', MONDAY))).toBe('10:00–19:00');
    expect(text(effectiveWindow(normal, 'FL~', MONDAY))).toBe('10:00–19:00');
    expect(explainLeadWindow(normal, { timeZone: 'America/Phoenix', state: 'AZ~' }, MONDAY)).toBe('10:00–19:00 America/Phoenix');
    const short = schedule({ window: { start: '10:00', end: '11:30' }, sendDays: [...EVERY_DAY] });
    expect(text(effectiveWindow(short, '~', MONDAY))).toBe('10:00–11:30');
    expect(text(effectiveWindow(short, 'TX~', SUNDAY))).toBe('none'); // Texas: noon on Sundays, 13:00 unsure
    const early = schedule({ window: { start: '08:00', end: '08:45' }, sendDays: [...EVERY_DAY] });
    expect(text(effectiveWindow(early, '~', MONDAY))).toBe('none');
    expect(explainLeadWindow(early, { timeZone: 'America/Chicago', state: '~' }, MONDAY)).toBe(
      'No sending: this lead’s time zone is not certain, and your window 08:00–08:45 has no time an hour inside 08:00–21:00, the legal limit',
    );
  });

  it('leaves a window inside every rule as it is, and gives nothing on a day that is not a sending day', () => {
    const normal = schedule();
    expect(text(effectiveWindow(normal, 'FL', MONDAY))).toBe('10:00–19:00');
    expect(text(effectiveWindow(normal, null, SUNDAY))).toBe('none');
  });

  it('names a source for every state row', () => {
    for (const rule of STATE_RULES) expect(rule.source.length, rule.state).toBeGreaterThan(20);
    expect(STATE_RULES.map((rule) => rule.state).sort()).toEqual(['AL', 'CT', 'FL', 'KY', 'LA', 'MA', 'MD', 'MI', 'MN', 'MS', 'NJ', 'NM', 'NV', 'OK', 'PA', 'RI', 'TX', 'UT', 'WA']);
  });
});

describe('plain-words explanations', () => {
  it('says how the floor and the states narrow a 06:00–23:00 window', () => {
    const [first] = explainSchedule(schedule({ window: { start: '06:00', end: '23:00' } }));
    expect(first).toBe(
      "Your window 06:00–23:00 is held to 08:00–21:00, the legal limit in each lead's own time; " +
        '08:00–20:00 for leads in Alabama, Florida, Louisiana, Maryland, Massachusetts, Mississippi, New Jersey, Oklahoma and Washington; ' +
        '09:00–20:00 for leads in Connecticut and Nevada; 09:00–21:00 for leads in Michigan, Minnesota, New Mexico and Texas; ' +
        '09:00–18:00 for leads in Rhode Island; 10:00–21:00 for leads in Kentucky.',
    );
  });

  it('mentions Sunday rules only when Sunday is a sending day', () => {
    expect(explainSchedule(schedule()).filter((note) => /Sunday/.test(note))).toEqual([]);
    const notes = explainSchedule(schedule({ sendDays: [...EVERY_DAY] }));
    expect(notes.filter((note) => /Sunday/.test(note))).toEqual([
      'Leads in Alabama, Louisiana, Mississippi and Rhode Island get nothing on Sundays; leads in Texas get 12:00–19:00 on Sundays; leads in Rhode Island get 10:00–17:00 on Saturdays (state law).',
    ]);
  });

  it('says, whatever the window, which states allow no texts on legal holidays', () => {
    expect(explainSchedule(schedule({ window: { start: '10:00', end: '10:11' } }))).toEqual([
      "No texts on legal holidays to leads in Alabama, Louisiana, Mississippi, Pennsylvania, Rhode Island and Utah (state law; the federal holidays are kept: add a state's own, such as Mardi Gras, as days off).",
    ]);
  });

  it('explains one lead’s window for the lead panel and the consent record', () => {
    const wide = schedule({ window: { start: '06:00', end: '23:00' }, sendDays: [...EVERY_DAY] });
    const florida = { timeZone: 'America/New_York', state: 'FL' };
    expect(explainLeadWindow(wide, florida, MONDAY)).toBe('08:00–20:00 America/New_York (your 06:00–23:00, held to Florida law)');
    expect(explainLeadWindow(wide, { timeZone: 'America/Denver' }, MONDAY)).toBe(
      '08:00–21:00 America/Denver (your 06:00–23:00, held to the legal limit 08:00–21:00)',
    );
    expect(explainLeadWindow(wide, { timeZone: 'America/Chicago', state: 'MS' }, SUNDAY)).toBe('No sending on Sundays in Mississippi (state law)');
    expect(explainLeadWindow(schedule(), florida, MONDAY)).toBe('10:00–19:00 America/New_York');
    expect(explainLeadWindow(schedule(), florida, SUNDAY)).toBe('No sending on Sundays (your sending days)');
  });

  it('says when a window lies wholly outside the legal hours', () => {
    expect(explainSchedule(schedule({ window: { start: '05:00', end: '07:30' } }))[0]).toMatch(/nothing would be sent/);
  });

  it('says when the law leaves hours too short for any start, the last 10 minutes being kept for the first text', () => {
    expect(explainSchedule(schedule({ window: { start: '20:55', end: '22:00' } }))).toEqual([
      'Your window 20:55–22:00 is held to 20:55–21:00 by the legal limit, which leaves no time to start a lead: none starts in the last 10 minutes, so that its first text arrives in time. Nothing would be sent; choose earlier hours.',
    ]);
    expect(explainSchedule(schedule({ window: { start: '10:00', end: '10:11' } }))).toHaveLength(1); // the holidays' note alone
    // Florida's 20:00 leaves 19:52–20:00, too short to start a lead in: nothing for its leads, not "19:52–20:00".
    expect(explainSchedule(schedule({ window: { start: '19:52', end: '21:00' } }))[0]).toBe(
      'Your window 19:52–21:00 applies in each lead\'s own time; state law narrows it to nothing for leads in Alabama, Connecticut, Florida, Louisiana, Maryland, Massachusetts, Mississippi, Nevada, New Jersey, Oklahoma, Rhode Island and Washington.',
    );
  });
});

describe('wall clock in a zone', () => {
  it('maps a time that does not exist (02:30 on spring-forward) past the gap, never earlier', () => {
    const date = { year: 2026, month: 3, day: 8 };
    expect(new Date(instantAt(date, 2 * 60 + 30, 'America/New_York')).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(new Date(instantAt(date, 10 * 60, 'America/New_York')).toISOString()).toBe('2026-03-08T14:00:00.000Z');
  });

  it('maps a time that happens twice (01:30 on fall-back in New York) to the first', () => {
    const date = { year: 2026, month: 11, day: 1 };
    expect(new Date(instantAt(date, 90, 'America/New_York')).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  // On fall-back day, 02:00 up to the zone's offset (02:00–08:59 in Los Angeles) came out an hour early: the
  // plan showed a window opening at 07:00 in Los Angeles, and "sending now" while nothing was claimed.
  it('gives, for every wall time of a DST day that exists, the first instant the clock reads it', () => {
    const days = [{ year: 2026, month: 11, day: 1 }, { year: 2027, month: 3, day: 14 }, { year: 2027, month: 11, day: 7 }, { year: 2026, month: 10, day: 25 }];
    const zones = ['America/New_York', 'America/Los_Angeles', 'America/Anchorage', 'America/Adak', 'Pacific/Honolulu', 'Europe/London', 'Australia/Lord_Howe'];
    const wrong: string[] = [];
    for (const date of days) {
      for (const zone of zones) {
        // Every instant of the day and its neighbours, minute by quarter hour: which wall times exist, and their first instant.
        const firstInstant = new Map<number, number>();
        const from = Date.UTC(date.year, date.month - 1, date.day) - 16 * 3_600_000;
        for (let at = from; at < from + 56 * 3_600_000; at += 15 * 60_000) {
          const local = localTime(at, zone);
          if (local.year === date.year && local.month === date.month && local.day === date.day && !firstInstant.has(local.minuteOfDay)) {
            firstInstant.set(local.minuteOfDay, at);
          }
        }
        for (let minute = 0; minute < 24 * 60; minute += 15) {
          const expected = firstInstant.get(minute);
          if (expected === undefined) continue; // skipped by the clock: the test above
          const got = instantAt(date, minute, zone);
          if (got !== expected) wrong.push(`${zone} ${date.year}-${date.month}-${date.day} ${minute / 60}h: ${new Date(got).toISOString()} ≠ ${new Date(expected).toISOString()}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reads weekday and minute in the zone', () => {
    const local = localTime(Date.parse('2026-12-07T03:30:00Z'), 'America/Los_Angeles');
    expect(local).toMatchObject({ year: 2026, month: 12, day: 6, minuteOfDay: 19 * 60 + 30, weekday: SUNDAY });
  });
});
