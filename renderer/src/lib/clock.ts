/**
 * One clock in the whole app. Sending windows, plans and the consent record are written on a 24-hour
 * clock ("10:00–19:00", "next: tomorrow 08:00"), so every time beside them is too: "8:00 PM" next to
 * a "19:00" window had staff comparing two kinds of time.
 */
const H23 = { hourCycle: 'h23' } as const;

/** "Dec 2, 2026, 20:05" */
export const momentFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', ...H23 });

/** "Dec 2, 2026, 20:05:09": when each request of a lead's sync went, seconds apart. */
export const momentWithSecondsFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium', ...H23 });

/** "20:05" */
export const timeOfDay = (at: number | Date): string => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', ...H23 });
