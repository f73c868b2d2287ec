/**
 * One clock in the whole app. Sending windows, plans and the consent record are written on a 24-hour
 * clock ("10:00–19:00", "next: tomorrow 08:00"), so every time beside them is too: "8:00 PM" next to
 * a "19:00" window had staff comparing two kinds of time.
 */
const H23 = { hourCycle: 'h23' } as const;

/**
 * Times of events (sent, enrolled, last sync) are this computer's and say so ("20:05 CST"): beside them the
 * plan gives each company's own zone ("next: today 15:13 CST"), and a company may be in another one. A
 * time without its zone read as the company's.
 */
const withZone = { timeZoneName: 'short' } as const;

/** "Dec 2, 2026, 20:05 CST" */
export const momentFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', ...H23, ...withZone });

/** "Dec 2, 2026, 20:05:09 CST": when each request of a lead's sync went, seconds apart. */
export const momentWithSecondsFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', ...H23, ...withZone });

/** "20:05": for a chart's axis, whose caption names the zone. */
export const timeOfDay = (at: number | Date): string => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', ...H23 });

/** "20:05 CST": a moment of the day in this computer's zone. */
export const timeOfDayWithZone = (at: number | Date): string => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', ...H23, ...withZone });
