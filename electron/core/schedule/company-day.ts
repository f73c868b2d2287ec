import { localTime, startOfDay } from '../../pacing/local-time';

/** The instant the company's current calendar day began (epoch ms): the daily cap counts enrolments since. */
export function companyDayStart(now: number, timeZone: string): number {
  return startOfDay(localTime(now, timeZone), timeZone);
}

/**
 * Leads of a company first enrolled since an instant (its day start): what the daily cap counts, for the
 * claim gate and the send plan alike. `enrolled_at >= ?` implies NOT NULL, so the partial index
 * leads_company_enrolled_idx serves it. A workflow enrolment GHL did not confirm (answer lost, timeout)
 * counts too: GHL has most likely texted that customer, and the carrier counts what was sent, not what we
 * heard back (ghl_creates_state_idx: the few rows waiting for a person).
 */
export const ENROLLED_SINCE_SQL = `SELECT
    (SELECT count(*) FROM leads WHERE company_id = @companyId AND enrolled_at >= @since)
  + (SELECT count(*) FROM ghl_creates g JOIN leads l ON l.id = g.lead_id
     WHERE g.state = 'unconfirmed' AND g.kind = 'enrol-workflow' AND g.sent_at >= @since AND l.company_id = @companyId AND l.enrolled_at IS NULL) AS n`;

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
 * The enrolment instants since `since`, oldest first, from the `offset`-th: when the hourly cap is reached, the
 * one that leaves the hour's window first frees the next place (leads_company_enrolled_idx, a range seek).
 */
export const ENROLLED_AT_SINCE_SQL = `SELECT enrolled_at AS at FROM leads WHERE company_id = @companyId AND enrolled_at >= @since
  ORDER BY enrolled_at LIMIT 1 OFFSET @offset`;
