import { localTime, startOfDay } from '../../pacing/local-time';

/** The instant the company's current calendar day began (epoch ms): the daily cap counts enrolments since. */
export function companyDayStart(now: number, timeZone: string): number {
  return startOfDay(localTime(now, timeZone), timeZone);
}

/**
 * Leads of a company first enrolled since an instant (its day start): what the daily cap counts, for the
 * claim gate and the send plan alike. `enrolled_at >= ?` implies NOT NULL, so the partial index
 * leads_company_enrolled_idx serves it.
 */
export const ENROLLED_SINCE_SQL = `SELECT count(*) AS n FROM leads WHERE company_id = ? AND enrolled_at >= ?`;
