/**
 * A time zone as the office reads it: "Mountain Time (Denver)" for America/Denver. The name says which zone; the
 * city tells apart two zones of one name (Phoenix keeps no daylight time, Denver does). "UTC" stays "UTC", and a
 * zone this machine's ICU has no name for stays its IANA id.
 */
export function zoneLabel(timeZone: string): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  const city = (timeZone.split('/').pop() ?? timeZone).replaceAll('_', ' ');
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' }).formatToParts(0).find((part) => part.type === 'timeZoneName')?.value;
    return name && !name.startsWith('GMT') ? `${name} (${city})` : timeZone;
  } catch {
    return timeZone;
  }
}
