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
