import { timeOfDayWithZone } from '../../lib/clock';

/** "Today 14:05", "Yesterday 09:12" or "Mar 3, 14:05": what staff say when asked "when did it last go out?". */
export function formatWhen(at: number | null | undefined, now = Date.now()): string {
  if (at === null || at === undefined) return 'never';
  const date = new Date(at);
  const time = timeOfDayWithZone(date);
  const dayDiff = Math.round((startOfDay(now) - startOfDay(at)) / 86_400_000);
  if (dayDiff === 0) return `today ${time}`;
  if (dayDiff === 1) return `yesterday ${time}`;
  return `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}, ${time}`;
}

export function startOfDay(at: number): number {
  const date = new Date(at);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

export function startOfHour(at: number): number {
  const date = new Date(at);
  date.setMinutes(0, 0, 0);
  return date.getTime();
}

/** "about 25 min", "about 3 h 10 min": an estimate should not look more precise than it is. */
export function formatDuration(minutes: number): string {
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `about ${Math.round(minutes)} min`;
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  return rest === 0 ? `about ${hours} h` : `about ${hours} h ${rest} min`;
}

/** "Nov 25" this year, "Nov 25, 2024" otherwise. */
export function formatDay(at: number, now = Date.now()): string {
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Date(at).toLocaleDateString(undefined, sameYear ? { month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric', year: 'numeric' });
}
