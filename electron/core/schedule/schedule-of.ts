/**
 * A company row's stored schedule columns as the shared Schedule shape. Its own small file (no drizzle):
 * the sync worker's claim reads it too (electron/core/jobs/claim-gate.ts), and the worker must not load
 * the ORM.
 */
import type { CompanyRow } from '../../../db/schema';
import type { Schedule } from '../../../shared/schedule';
import { isIanaTimeZone, weekdays, type Weekday } from '../../../shared/schedule-values';

/** This machine's zone, the company zone until GHL tells its location's (or the user sets one). */
export function machineTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isIanaTimeZone(zone) ? zone : 'UTC';
}

export type ScheduleColumns = Pick<CompanyRow, 'dailyCap' | 'hourlyCap' | 'sendDays' | 'sendWindowStart' | 'sendWindowEnd' | 'timeZone' | 'startDate' | 'daysOff'>;

/** The stored schedule columns as the shared Schedule shape (a zone not yet known: this machine's). */
export function scheduleOf(row: ScheduleColumns, fallbackZone: string = machineTimeZone()): Schedule {
  const days = row.sendDays.split(',').filter((day): day is Weekday => (weekdays as readonly string[]).includes(day));
  return {
    dailyCap: row.dailyCap,
    hourlyCap: row.hourlyCap,
    sendDays: days,
    window: { start: row.sendWindowStart, end: row.sendWindowEnd },
    timeZone: row.timeZone ?? fallbackZone,
    startDate: row.startDate,
    daysOff: row.daysOff ? row.daysOff.split(',') : [],
  };
}

/** A user's pause holds until resumed; GHL's daily limit or a refused key until its time passes or it is fixed. */
export function isPausedAt(company: Pick<CompanyRow, 'syncPausedReason' | 'syncPausedUntil'>, now: number): boolean {
  return company.syncPausedReason !== null && (company.syncPausedUntil === null || company.syncPausedUntil > now);
}
