import { describe, expect, it } from 'vitest';
import { defaultSchedule, parseSendDays, parseSendWindow, scheduleInputSchema } from '../../../shared/schedule';

const firstMessage = (input: unknown) => {
  const result = scheduleInputSchema.safeParse(input);
  return result.success ? null : result.error.issues[0]?.message;
};

describe('schedule schema (shared/schedule.ts)', () => {
  it('fills the defaults: cap 100, no hourly limit, Mon–Sat, 10:00–19:00, no start date', () => {
    expect(defaultSchedule('America/Chicago')).toEqual({
      dailyCap: 100,
      hourlyCap: null,
      sendDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
      window: { start: '10:00', end: '19:00' },
      timeZone: 'America/Chicago',
      startDate: null,
      daysOff: [],
    });
  });

  it('stores sending days once each, in week order', () => {
    const schedule = scheduleInputSchema.parse({ timeZone: 'UTC', sendDays: ['sat', 'mon', 'sat'] });
    expect(schedule.sendDays).toEqual(['mon', 'sat']);
  });

  it('rejects bad input with a message a user can act on', () => {
    expect(firstMessage({ timeZone: 'Mars/Olympus' })).toMatch(/Unknown time zone.*IANA/);
    expect(firstMessage({ timeZone: '+05:00' })).toMatch(/Unknown time zone/);
    // Names Intl knows that are a fixed offset: no daylight saving, an hour off all summer (past 21:00).
    for (const fixed of ['EST', 'MST', 'HST', 'Etc/GMT+5']) expect(firstMessage({ timeZone: fixed })).toMatch(/fixed offset from UTC with no daylight saving time.*America\/New_York/);
    for (const place of ['UTC', 'Etc/UTC', 'US/Eastern', 'America/Phoenix', 'Pacific/Honolulu']) expect(scheduleInputSchema.safeParse({ timeZone: place }).success).toBe(true);
    expect(firstMessage({ timeZone: 'UTC', dailyCap: 0 })).toMatch(/at least 1/);
    expect(firstMessage({ timeZone: 'UTC', dailyCap: 2.5 })).toMatch(/whole number/);
    expect(firstMessage({ timeZone: 'UTC', sendDays: [] })).toMatch(/at least one sending day/);
    expect(firstMessage({ timeZone: 'UTC', window: { start: '19:00', end: '10:00' } })).toMatch(/must end after it starts/);
    // No lead starts in a window's last 10 minutes: one no longer than that would start nobody, silently.
    expect(firstMessage({ timeZone: 'UTC', window: { start: '10:00', end: '10:10' } })).toBe(
      'The sending window must be longer than 10 minutes: no lead starts in its last 10, so that the first text arrives inside it',
    );
    expect(scheduleInputSchema.safeParse({ timeZone: 'UTC', window: { start: '10:00', end: '10:11' } }).success).toBe(true);
    expect(firstMessage({ timeZone: 'UTC', window: { start: '25:00', end: '26:00' } })).toMatch(/HH:MM/);
    expect(firstMessage({ timeZone: 'UTC', startDate: '2026-02-30' })).toMatch(/YYYY-MM-DD/);
  });

  it('reads the CLI forms of the window and the days', () => {
    expect(parseSendWindow('9:00-17:30')).toEqual({ start: '09:00', end: '17:30' });
    expect(parseSendWindow('06:00 – 23:00')).toEqual({ start: '06:00', end: '23:00' });
    expect(() => parseSendWindow('10-19')).toThrow(/Invalid sending window "10-19"/);
    expect(parseSendDays('mon,wed,fri')).toEqual(['mon', 'wed', 'fri']);
    expect(parseSendDays('Mon-Sat')).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
    expect(() => parseSendDays('mon,funday')).toThrow(/Invalid sending days/);
  });
});
