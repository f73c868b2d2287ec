import { scheduleInputSchema, type ScheduleInput } from '../../../shared/schedule';
import { compileSchedule, type CompiledSchedule } from '../../../electron/pacing';

/** A compiled schedule from partial input (company zone Chicago unless given). */
export function schedule(input: Partial<ScheduleInput> = {}): CompiledSchedule {
  return compileSchedule(scheduleInputSchema.parse({ timeZone: 'America/Chicago', ...input }));
}

/** An instant from an ISO string with its offset, so each test says which wall clock it means. */
export const at = (iso: string) => {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new Error(`bad instant ${iso}`);
  return value;
};

export const iso = (epoch: number | null) => (epoch === null ? null : new Date(epoch).toISOString());

export const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
