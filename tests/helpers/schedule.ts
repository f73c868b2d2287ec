import type { Backend } from '../../electron/app/backend';
import type { Schedule } from '../../shared/schedule';

/**
 * A schedule that holds nothing back but the law: cap 100000, every day, 08:00–21:00 (the legal floor,
 * so the test's clock must still be inside it in the leads' zones: prefer a US weekday afternoon).
 */
export const ALWAYS_OPEN: Omit<Schedule, 'timeZone'> = {
  dailyCap: 100_000,
  hourlyCap: null,
  sendDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  window: { start: '08:00', end: '21:00' },
  startDate: null,
  daysOff: [],
};

/** Gives the company `schedule` (ALWAYS_OPEN by default) in `timeZone` through the same call the Companies page makes. */
export async function setSchedule(backend: Backend, companyId: number, timeZone = 'America/Chicago', schedule: Partial<Omit<Schedule, 'timeZone'>> = {}): Promise<void> {
  const updated = await backend.call('companies:update', { id: companyId, patch: { schedule: { ...ALWAYS_OPEN, ...schedule, timeZone } } });
  if (!updated.ok) throw new Error(updated.error.message);
}

export const alwaysOpenSchedule = (backend: Backend, companyId: number, timeZone?: string) => setSchedule(backend, companyId, timeZone);

/** A US weekday afternoon: Wednesday 2026-12-02 20:00 UTC = 15:00 New York, 14:00 Chicago, 12:00 Los Angeles. */
export const WEEKDAY_AFTERNOON = Date.UTC(2026, 11, 2, 20, 0);

/**
 * An Etc/GMT zone whose wall clock reads 14:00 (to the hour) at `at`, for tests that claim at the real
 * time: in it, a window of 08:00–21:00 is open for hours whatever the hour the suite runs at.
 * (Etc/GMT signs are inverted: Etc/GMT-3 is UTC+3.)
 */
export function zoneAtAfternoon(at = Date.now()): string {
  const shift = ((14 - new Date(at).getUTCHours() + 36) % 24) - 12;
  return shift === 0 ? 'Etc/UTC' : `Etc/GMT${shift > 0 ? '-' : '+'}${Math.abs(shift)}`;
}

/**
 * Every company of the database gets ALWAYS_OPEN in the zone where it is 14:00 at `at`: for tests of
 * the queue that claim with a raw JobQueue at that instant and are not about pacing. Leads placed with
 * the company's zone (placeAllLeads) follow it.
 */
export function openSchedulesAt(db: import('better-sqlite3').Database, at = Date.now()): void {
  db.prepare(
    `UPDATE companies SET daily_cap = ?, send_days = ?, send_window_start = ?, send_window_end = ?, time_zone = ?, time_zone_source = 'user', start_date = NULL, days_off = ''`,
  ).run(ALWAYS_OPEN.dailyCap, ALWAYS_OPEN.sendDays.join(','), ALWAYS_OPEN.window.start, ALWAYS_OPEN.window.end, zoneAtAfternoon(at));
}
