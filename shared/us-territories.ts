/**
 * The US territories with US ZIPs and USPS codes, sometimes written as a row's country ("PR"): their ZIPs are US ZIPs and
 * their codes US states for placing a lead (electron/pacing/lead-zone.ts), for the rules key a job waits under before it
 * is placed (electron/core/jobs/lead-copy.ts) and for the lead panel's words (renderer zone-text.ts). Pure data: the
 * import's writer loads it, and must not load the area-code table. Migrations 0039 and 0058 repeat the list in SQL.
 */
export const US_TERRITORIES: ReadonlySet<string> = new Set(['PR', 'GU', 'VI', 'AS', 'MP']);

/** A row's country that keeps US ZIPs and states: none, the US, or one of its territories. */
export const isUsCountry = (country: string | null | undefined): boolean => !country || country.toUpperCase() === 'US' || US_TERRITORIES.has(country.toUpperCase());
