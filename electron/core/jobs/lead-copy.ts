import { US_TERRITORIES } from '../../../shared/us-territories';

/**
 * The job row's copy of its lead (sync_jobs.send_gate / send_zone / send_state, see db/schema.ts
 * sendGates, and batch_id): how the JobQueue's inserts fill it from the lead. The triggers
 * sync_jobs_follow_lead (migration 0039, first 0019) and sync_jobs_follow_lead_batch (0021) keep it right
 * afterwards with the same rule; change them together. A do-not-contact lead's job is 'free': it only
 * turns on DND in GHL (texts nobody), so no window or cap holds it.
 */
export const LEAD_COPY_COLUMNS = 'send_gate, send_zone, send_state, batch_id';

/**
 * USPS codes of the US states, DC and territories: electron/pacing/area-codes.ts isUsRegion (a test keeps them equal).
 * Written out: importing area-codes.ts would load the whole area-code table into every thread that writes jobs, the
 * import's writer among them. Migration 0039 repeats it, and the territories (shared/us-territories.ts).
 */
export const US_REGION_CODES = 'AK,AL,AR,AS,AZ,CA,CO,CT,DC,DE,FL,GA,GU,HI,IA,ID,IL,IN,KS,KY,LA,MA,MD,ME,MI,MN,MO,MP,MS,MT,NC,ND,NE,NH,NJ,NM,NV,NY,OH,OK,OR,PA,PR,RI,SC,SD,TN,TX,UT,VA,VI,VT,WA,WI,WV,WY'.split(',');


/**
 * The rules key a job waits under (send_state): its lead's, once placed. Until then (placing needs the ZIP tables,
 * which the sync worker loads), the state its row names, as placeLead reads it (a US row's state, or a territory
 * written as the country), marked unsure ('MS~': the zone is the company's for now, as legal-floor.ts ruleKeyOf
 * marks a lead its state alone places). The plan read no state rule for them: a
 * Sunday-only company's Mississippi leads were planned for Sunday, and after placing no day reached them.
 */
export const sendStateValue = (lead: string): string =>
  `CASE WHEN ${lead}.time_zone_source IS NOT NULL THEN upper(${lead}.rule_state) ELSE ${unplacedStateValue(lead)} END`;

/**
 * The unsure rules key of sendStateValue, from the row alone (NULL: none). An import's queued lead waits under it until
 * the sync writes its job (queued-without-jobs.ts), placed or not by then: migration 0069's triggers repeat it.
 */
export const unplacedStateValue = (lead: string): string =>
  `CASE WHEN coalesce(upper(${lead}.country), '') IN ('', 'US') AND upper(${lead}.state) IN (${US_REGION_CODES.map((code) => `'${code}'`).join(',')})
     THEN upper(${lead}.state) || '~'
     WHEN upper(${lead}.country) IN (${[...US_TERRITORIES].map((code) => `'${code}'`).join(',')}) THEN upper(${lead}.country) || '~' END`;

const US_REGIONS: ReadonlySet<string> = new Set(US_REGION_CODES);

const LOWER_ASCII = /[a-z]/;

/**
 * SQLite's upper(): ASCII letters only ("ı" stays "ı", where JavaScript's toUpperCase makes it "I"). A cell the import
 * cleaned is upper case already ("TX", "US"): tested first, as replacing costs ~10× more.
 */
const sqliteUpper = (text: string): string => (LOWER_ASCII.test(text) ? text.replace(/[a-z]+/g, (letters) => letters.toUpperCase()) : text);

/**
 * unplacedStateValue of a row's state and country, in JavaScript: for a many-row insert, which knows the values it bound
 * (batch-insert.ts) and so need not read its leads back to learn them. A test keeps the two equal.
 */
export function unplacedStateOf(state: string | null, country: string | null): string | null {
  const upperCountry = country === null ? '' : sqliteUpper(country);
  const upperState = state === null ? null : sqliteUpper(state);
  if ((upperCountry === '' || upperCountry === 'US') && upperState !== null && US_REGIONS.has(upperState)) return `${upperState}~`;
  return US_TERRITORIES.has(upperCountry) ? `${upperCountry}~` : null;
}

/**
 * The zone a job waits in (send_zone; NULL: the company's): its lead's, once placed. A lead placed again after an
 * edit (leads_place_again clears only the source) keeps its old zone meanwhile, which may be wrong now: the company's.
 */
export const sendZoneValue = (lead: string): string => `CASE WHEN ${lead}.time_zone_source IS NOT NULL THEN ${lead}.time_zone END`;

/** The values for the lead aliased `lead`, in LEAD_COPY_COLUMNS order. */
export const leadCopyValues = (lead: string): string =>
  `CASE WHEN ${lead}.do_not_contact = 1 THEN 'free' WHEN ${lead}.time_zone_source IS NULL THEN 'unplaced' WHEN ${lead}.enrolled_at IS NOT NULL THEN 'free' ELSE 'paced' END, ${sendZoneValue(lead)}, ${sendStateValue(lead)}, ${lead}.batch_id`;

/** An upsert's refresh of the copy from the row it tried to insert (`ON CONFLICT … DO UPDATE SET`). */
export const LEAD_COPY_REFRESH = 'send_gate = excluded.send_gate, send_zone = excluded.send_zone, send_state = excluded.send_state, batch_id = excluded.batch_id';
