import * as z from 'zod';

/**
 * Where a company's sending stands against its schedule (issue #13): today's count against the cap, what
 * waits for its turn, when the next lead goes and when the queue ends at this pace. One shape for the
 * dashboard, the Companies page, `rlm status --json` and `rlm sync --json`.
 */
export const planDaySchema = z.object({
  /** 'YYYY-MM-DD' in the company's calendar. */
  day: z.string(),
  /** 0 = Monday … 6 = Sunday. */
  weekday: z.number().int(),
  capacity: z.number().int(),
  count: z.number().int(),
});

export const sendPlanSchema = z.object({
  companyId: z.number().int(),
  timeZone: z.string(),
  dailyCap: z.number().int(),
  /** At most this many in any 60 minutes; null = no hourly limit. */
  hourlyCap: z.number().int().nullable(),
  /** Leads first enrolled on the company's current calendar day (the cap counts these). */
  sentToday: z.number().int(),
  /**
   * Of those, enrolments GHL has not confirmed (lost, a timeout, an error it answered mid-way: it may have texted):
   * counted against the cap in case they went, though the dashboard's "Sent to GHL" has none of them yet.
   */
  unansweredToday: z.number().int(),
  /** Leads first enrolled in the last 60 minutes (the hourly cap counts these; 0 without one). */
  sentThisHour: z.number().int(),
  /** Leads queued and never enrolled: each waits for its window, day or the cap (or goes now). */
  scheduled: z.number().int(),
  /**
   * Of those, leads in places no time under the schedule ever lets go (only Sunday chosen, and they live in
   * Mississippi, whose law allows none on Sunday): a stall for a person, even while the others go.
   */
  unreachable: z.number().int(),
  /**
   * Of those, leads whose row's state and ZIP lie on clocks so far apart that no hour of the schedule is legal on
   * both, though an hour would be with a correct address: correcting their addresses sends them, not the schedule.
   */
  unreachableByAddress: z.number().int(),
  /** The sync is paused for this company: nothing goes until it is resumed. */
  paused: z.boolean(),
  /** The first instant a scheduled lead may go (epoch ms; ≤ now when one may go now), null when none ever. */
  nextSendAt: z.number().nullable(),
  /** The company day ('YYYY-MM-DD') the last scheduled lead goes at this pace, null when none or never. */
  finishEstimate: z.string().nullable(),
  /** "Tue 10:00 CST", "now", "not scheduled" (in the company's zone). */
  nextSendText: z.string(),
  /** "Jan 14", or null. */
  finishText: z.string().nullable(),
  /** The coming 14 company days: how many leads go each day at this pace. */
  days: z.array(planDaySchema),
});
export type SendPlan = z.output<typeof sendPlanSchema>;
