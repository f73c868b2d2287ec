import { localTime, startOfDay } from '../../pacing/local-time';

/** The instant the company's current calendar day began (epoch ms): the daily cap counts enrolments since. */
export function companyDayStart(now: number, timeZone: string): number {
  return startOfDay(localTime(now, timeZone), timeZone);
}

/**
 * Enrolments sent since @since whose answer never came (lost, a timeout, a kill), of leads not counted
 * otherwise: not enrolled (enrolled_at) and not being sent now (the claim gate counts running jobs). GHL
 * has most likely texted those customers, and the carrier counts what was sent, not what we heard back.
 * Pending rows wait to be settled by reading GHL, unconfirmed ones wait for a person; either way they are
 * few (the state indexes). Two sources, each a FROM clause whose rows have `g.sent_at`: the leads', and the deleted
 * leads' (removed_lead_creates): deleting such a lead gave its place in the day back.
 */
const UNANSWERED_ENROLMENTS_FROM = [
  `FROM ghl_creates g JOIN leads l ON l.id = g.lead_id
   WHERE g.state IN ('pending', 'unconfirmed') AND g.kind IN ('enrol-workflow', 'enrol-tag') AND g.sent_at >= @since
     AND l.company_id = @companyId AND l.enrolled_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM sync_jobs j WHERE j.lead_id = g.lead_id AND j.state = 'running' AND j.send_gate = 'paced')`,
  `FROM removed_lead_creates g INDEXED BY removed_lead_creates_state_idx JOIN removed_leads_in_ghl l ON l.lead_id = g.lead_id
   WHERE g.state IN ('pending', 'unconfirmed') AND g.kind IN ('enrol-workflow', 'enrol-tag') AND g.sent_at >= @since
     AND l.company_id = @companyId AND l.enrolled_at IS NULL`,
];

/** How many enrolments GHL did not answer count (an SQL expression, with @companyId and @since). */
export const UNANSWERED_ENROLMENTS_COUNT_SQL = `(${UNANSWERED_ENROLMENTS_FROM.map((from) => `(SELECT count(*) ${from})`).join(' + ')})`;

/**
 * A company's enrolments since an instant (its day start, or the hour's): what the caps count, for the claim
 * gate and the send plan alike. From enrolment_log (migration 0032), not the leads: a lead deleted after it
 * was texted still took its place (enrolment_log_company_at_idx, a range seek). Enrolments GHL did not
 * answer count too (UNANSWERED_ENROLMENTS_COUNT_SQL).
 */
export const ENROLLED_SINCE_SQL = `SELECT
    (SELECT count(*) FROM enrolment_log WHERE company_id = @companyId AND enrolled_at >= @since)
  + ${UNANSWERED_ENROLMENTS_COUNT_SQL} AS n`;

/** The window an hourly cap counts over: any 60 minutes, not the clock's hours (no burst at 10:59 and 11:00). */
export const CAP_HOUR_MS = 3_600_000;

/** The first instant of the 60 minutes that end at `now` (ENROLLED_SINCE_SQL's `since`): an enrolment exactly an hour old has left them. */
export const capHourStart = (now: number) => now - CAP_HOUR_MS + 1;

/**
 * When an hourly cap reached at `now` lets the next lead go: the enrolment that frees a place leaves the 60
 * minutes then (`enrolledAt(k)`: the k-th enrolment of those minutes, oldest first). Null when the hour has
 * room. Leads being sent hold places with no enrolment time yet: a minute from now asks again.
 */
export function hourlyCapFreesAt(hourlyCap: number | null, usedThisHour: number, enrolledAt: (offset: number) => number | undefined, now: number): number | null {
  if (hourlyCap === null || usedThisHour < hourlyCap) return null;
  const freeing = enrolledAt(usedThisHour - hourlyCap);
  return freeing === undefined ? now + 60_000 : freeing + CAP_HOUR_MS;
}

/**
 * The instants of what ENROLLED_SINCE_SQL counts, oldest first, from the `offset`-th: when the hourly cap is
 * reached, the one that leaves the hour's window first frees the next place. The same rows as the count, or
 * the place freed by an unanswered enrolment is never found (enrolment_log_company_at_idx, a range seek; at
 * most an hour's cap of rows to order).
 */
export const ENROLLED_AT_SINCE_SQL = `SELECT at FROM (
    SELECT enrolled_at AS at FROM enrolment_log WHERE company_id = @companyId AND enrolled_at >= @since
    UNION ALL
    ${UNANSWERED_ENROLMENTS_FROM.map((from) => `SELECT g.sent_at AS at ${from}`).join(' UNION ALL ')}
  ) ORDER BY at LIMIT 1 OFFSET @offset`;

/**
 * When the hourly cap lets the `position`-th lead from `now` go (1 = the next): now while the 60 minutes have room;
 * then as their enrolments leave them, oldest first (`enrolledAt(k)`, as hourlyCapFreesAt reads it); past a cap's
 * worth, an hour after the lead a cap's worth ahead of it went (each send holds its place for an hour). Null without
 * an hourly cap. A lead being sent holds a place with no enrolment time yet: taken as sent now.
 */
export function hourlySlotAt(hourlyCap: number | null, usedThisHour: number, enrolledAt: (offset: number) => number | undefined, now: number, position: number): number | null {
  if (hourlyCap === null || hourlyCap <= 0) return null;
  const hoursLater = Math.floor((Math.max(1, position) - 1) / hourlyCap);
  const inFirstHour = Math.max(1, position) - hoursLater * hourlyCap;
  const left = Math.max(0, hourlyCap - usedThisHour);
  // The enrolments of the 60 minutes a cap lowered since leaves over the cap free nothing: they age out first.
  const over = Math.max(0, usedThisHour - hourlyCap);
  const first = inFirstHour <= left ? now : (enrolledAt(over + inFirstHour - left - 1) ?? now) + CAP_HOUR_MS;
  return first + hoursLater * CAP_HOUR_MS;
}
