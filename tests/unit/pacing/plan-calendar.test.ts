/**
 * The plan works a steady day's windows out by arithmetic (each zone one offset all day) and the scheduler
 * by each zone's rules (firstWindow, through Intl). Were they to differ, the plan would promise days the
 * sender does not keep: here they are held to the same windows on every steady day of a year, for zones with
 * and without summer time, half-hour and far-away offsets, state rules (Mississippi's dark Sunday) and leads
 * of unsure zones.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localTime } from '../../../electron/pacing/local-time';
import { PlanCalendar } from '../../../electron/pacing/plan-calendar';
import { EVERY_DAY, schedule } from './helpers';

const ZONES = ['America/New_York', 'America/Chicago', 'America/Phoenix', 'America/Anchorage', 'Pacific/Honolulu', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Europe/London'];
const RULE_KEYS = [null, 'MS', 'CT', 'TX~', '~'];
const places = ZONES.flatMap((timeZone) => RULE_KEYS.map((state) => ({ timeZone, state })));

describe('a steady day’s windows by arithmetic', () => {
  const schedules = {
    'a Chicago office, Mon–Sat 10:00–19:00': schedule(),
    'a New York office, every day 08:00–21:00': schedule({ timeZone: 'America/New_York', sendDays: [...EVERY_DAY], window: { start: '08:00', end: '21:00' } }),
    'a Honolulu office, weekends 07:30–22:45': schedule({ timeZone: 'Pacific/Honolulu', sendDays: ['sat', 'sun'], window: { start: '07:30', end: '22:45' } }),
  };

  for (const [name, compiled] of Object.entries(schedules)) {
    it(`are the zones' own, every steady day of a year: ${name}`, () => {
      const now = Date.UTC(2026, 11, 2, 12);
      const calendar = new PlanCalendar(places, compiled, now);
      const first = addDays(localTime(now, compiled.timeZone), 1);
      let steady = 0;
      const differing: string[] = [];
      // Every other day: both parities of weekday come round within a fortnight.
      for (let offset = 0; offset < 366; offset += 2) {
        const date = addDays(first, offset);
        if (!calendar.isSteady(date)) continue;
        steady++;
        const byRules = calendar.windowsByRulesOn(date);
        const byArithmetic = calendar.steadyWindows(date);
        if (JSON.stringify(byArithmetic) !== JSON.stringify(byRules)) differing.push(`${date.year}-${date.month}-${date.day}`);
      }
      expect(steady).toBeGreaterThan(150);
      expect(differing).toEqual([]);
    });
  }
});
