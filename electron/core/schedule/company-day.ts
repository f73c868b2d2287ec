import { localTime, startOfDay } from '../../pacing/local-time';

/** The instant the company's current calendar day began (epoch ms): the daily cap counts enrolments since. */
export function companyDayStart(now: number, timeZone: string): number {
  return startOfDay(localTime(now, timeZone), timeZone);
}
