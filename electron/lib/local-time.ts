/**
 * Times as the office reads them: in the machine's own time zone (or a given IANA zone, for tests),
 * written "2026-11-30 14:05" — a form Excel recognises as a date and time in every locale, unlike
 * an epoch number or an ISO string ending in Z (which shows UTC, hours off from the office's clock).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

function parts(ms: number, timeZone: string | undefined): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const found = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const { type, value } of formatterFor(timeZone).formatToParts(ms)) {
    if (type === 'year' || type === 'month' || type === 'day' || type === 'hour' || type === 'minute') found[type] = value;
  }
  return found;
}

/** "2026-11-30" in the local (or given) time zone. */
export function localDate(ms: number, timeZone?: string): string {
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "2026-11-30 14:05" in the local (or given) time zone. */
export function localDateTime(ms: number, timeZone?: string): string {
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
