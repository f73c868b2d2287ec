/**
 * When one waiting lead may go at the earliest (the lead panel's "Not before Tue 10:00 CST"): its place's
 * next open window under the company's schedule, after a retry's delay and a daily cap reached today. A
 * lower bound, said as one: leads go oldest first within the caps, so others may take the first places.
 */
import type Database from 'better-sqlite3';
import type { CompanyRow } from '../../../db/schema';
import type { LeadTurn } from '../../../shared/ipc/leads';
import { compileSchedule, describeNext, nextSendAt } from '../../pacing';
import { companyDayStart, ENROLLED_SINCE_SQL } from './company-day';
import { isPausedAt, scheduleOf } from './schedule-of';
import { theirTime } from './send-plan';

interface WaitingJob {
  gate: string;
  zone: string | null;
  state: string | null;
  nextRunAt: number;
}

/** `hasKey`: whether the company's API key can be read; without one nothing goes, and the panel says why itself. */
export function leadTurn(db: Database.Database, company: CompanyRow, leadId: number, now: number, hasKey = true): LeadTurn {
  if (!hasKey) return { earliestAt: null, text: null };
  // Only a lead waiting for its first enrolment is paced; a re-send or a DND goes as soon as it can. One the
  // sync worker has not placed yet has no zone to name a time in (its hours may open before the company's).
  const job = db
    .prepare<[number], WaitingJob>(
      `SELECT j.send_gate AS gate, j.send_zone AS zone, j.send_state AS state, j.next_run_at AS nextRunAt
       FROM sync_jobs j JOIN leads l ON l.id = j.lead_id WHERE j.lead_id = ? AND j.state = 'queued' AND l.enrolled_at IS NULL AND l.do_not_contact = 0`,
    )
    .get(leadId);
  if (!job || job.gate !== 'paced') return { earliestAt: null, text: null };
  const schedule = compileSchedule(scheduleOf(company));
  if (isPausedAt(company, now)) return { earliestAt: null, text: 'Sending is paused for this company: nothing goes until it resumes.' };
  const from = Math.max(now, job.nextRunAt);
  const sentThen = db.prepare<{ companyId: number; since: number }, { n: number }>(ENROLLED_SINCE_SQL).get({ companyId: company.id, since: companyDayStart(from, schedule.timeZone) })!.n;
  // A placed job's zone is NULL when it is the company's own.
  const place = { timeZone: job.zone ?? schedule.timeZone, state: job.state };
  const at = nextSendAt(place, schedule, from, sentThen);
  if (at === null) return { earliestAt: null, text: 'No sending day or hour of the schedule reaches this lead: change the schedule to send it.' };
  const rule = `oldest first, at most ${schedule.dailyCap.toLocaleString('en-US')} a day${schedule.hourlyCap === null ? '' : ` and ${schedule.hourlyCap.toLocaleString('en-US')} an hour`}`;
  // A fact of the schedule, not a promise: others may be ahead of it, and GHL may not be reachable now.
  const when = at <= now ? 'Its sending hours are open now' : `Not before ${describeNext(at, schedule.timeZone, now)}${theirTime(at, place, schedule.timeZone, now)}`;
  return { earliestAt: at, text: `${when}; leads go ${rule}.` };
}
