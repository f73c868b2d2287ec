/**
 * The zone a lead lives in, as SQL over the leads row `l`: its stored zone, but none for a lead nothing places (it is
 * only judged on Chicago's clock, pacing/legal-floor.ts UNKNOWN_PLACE_ZONE). What GHL and the export are given.
 * A module of its own: the job queue reads it, and the placement pass (lead-placement.ts) sends through the queue.
 */
export const OWN_TIME_ZONE_SQL = `CASE WHEN l.time_zone_source = 'unknown' THEN NULL ELSE l.time_zone END`;
