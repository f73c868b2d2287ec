import type { MantineColor } from '@mantine/core';
import { isStalledBySchedule } from '../../../../shared/plan-text';
import { liftsByItself } from '../../../../shared/sync-pause';
import type { DashboardOverview } from './dashboard-types';

export { isNothingSending } from '../../lib/sending-hold';

/** The card's label while sending cannot write to the database; the card then says why (SyncProgressCard). */
export const CANNOT_SAVE = 'Cannot save';

export interface SendingView {
  label: string;
  color: MantineColor;
  /** Leads are going out right now: the speed and the finish time mean something only then. */
  isSending: boolean;
  /** The same figure as the cards' "Waiting to send" + "Sending": from the one overview read. */
  waiting: number;
  /** The "Done by" figure when there is no finish time to show. */
  doneBy: string;
  /** Nothing goes until the office acts or the connection returns (paused, stopped, offline): no finish day then. */
  isHeld: boolean;
}

/**
 * What the "Sending to GHL" card says, decided from the overview alone (runner state and counts read
 * together in main). The runner's live progress events only feed the speed: a late "running" event
 * must not keep the card at "Sending" after the runner stopped, and its pending count must not say
 * "Waiting 9" while every other number says 0.
 */
export function sendingView(overview: DashboardOverview, connectivity: 'online' | 'offline' | 'unknown' | null): SendingView {
  const { runner, waiting, isAllSent, blocked, queue, heldBackTotal } = overview;
  const base = { waiting, isSending: false, isHeld: false };
  const isUp = runner.state === 'running' || runner.state === 'idle' || runner.state === 'offline' || runner.heldBy !== null;
  if (connectivity === 'offline' && isUp && waiting + queue.optOuts > 0) return { ...base, label: 'Offline', color: 'orange', doneBy: 'When online', isHeld: true };
  // Failed leads never reached GHL: "All sent" is not true of them, paused or not.
  const pausedDone = overview.totals.failed > 0 ? 'See Failed leads' : 'All sent';
  // Paused here, or in the other program that holds the runner (it sends nothing either way).
  if (runner.state === 'paused' || runner.heldBy?.isPaused) return { ...base, label: 'Paused', color: 'yellow', doneBy: isAllSent ? pausedDone : 'When resumed', isHeld: !isAllSent };
  if (runner.state === 'starting') return { ...base, label: 'Starting', color: 'blue', doneBy: '—' };
  // Every round fails to write (a full disk, a lock held too long): nothing goes, however much there is to send.
  // The card said "Sending", with a speed, over a full disk (a review); the line under it says why and what to do.
  // After a pause (which holds whatever the disk does), before anything that would say leads are going.
  if (runner.storageTrouble && waiting > 0) return { ...base, label: CANNOT_SAVE, color: 'red', doneBy: 'When fixed', isHeld: true };
  // Every company with leads to go has a kind of GHL call failing (the alert above names it): nothing goes until
  // GHL answers. "About to send" stood under "GoHighLevel's tag calls are failing" for as long as that lasted.
  if (waiting > 0 && overview.isWaitingForGhl) return { ...base, label: 'Waiting for GHL', color: 'orange', doneBy: 'When GHL answers', isHeld: true };
  if (runner.hasWork && (runner.state === 'running' || runner.heldBy !== null)) return { ...base, isSending: true, label: 'Sending', color: 'blue', doneBy: '—' };
  // A sync runs for other companies only (`rlm sync --company A`), and only companies it does not send have leads waiting:
  // nothing sends them. It said "Sending", and each of their leads "Expected now".
  if (runner.waitingElsewhere > 0 && (runner.state === 'running' || runner.state === 'idle' || runner.heldBy !== null)) {
    return { ...base, label: 'Stopped', color: 'gray', doneBy: 'When started', isHeld: true };
  }
  // Nothing was ever there to send: "All sent" would be true only in the way that says nothing.
  if (Object.values(overview.totals).every((n) => n === 0)) return { ...base, label: 'No leads yet', color: 'gray', doneBy: '—' };
  // Nothing waits, but some never reached GHL (refused, or an enrolment GHL did not confirm): not "All sent".
  const failed = overview.totals.failed;
  if (isAllSent && failed > 0) return { ...base, label: `${failed.toLocaleString('en-US')} failed`, color: 'red', doneBy: 'See Failed leads' };
  if (isAllSent) return { ...base, label: runner.state === 'stopped' ? 'Stopped' : 'Up to date', color: runner.state === 'stopped' ? 'gray' : 'green', doneBy: 'All sent' };
  // Stopped by an error (or another program took over and let go): a fault, not a rest.
  if (runner.state === 'stopped' && runner.heldBy === null) return { ...base, label: 'Stopped', color: runner.stoppedBy ? 'red' : 'gray', doneBy: 'When started', isHeld: true };
  // No time will ever let them go under the schedule as it stands: a stall, not "Scheduled".
  const isStalled = overview.companies.some(({ plan }) => isStalledBySchedule(plan));
  // Companies the office paused itself: nothing is broken (a red "Needs you … Not until fixed" read as a breakdown, a
  // review). Not beside a schedule that reaches none of its leads, which needs someone.
  // Leads held for another company's GHL beside others that go hold those alone: their alert says so, and the card goes
  // on as for the rest ("Needs you · Not until fixed" stood over the company's other leads going at their times).
  const holding = blocked.filter((block) => block.holdsEveryLead);
  const isOnlyOfficePause = holding.length > 0 && holding.every((block) => block.reason === 'paused-by-user') && !isStalled;
  if (holding.length > 0 && !runner.hasWork && !isOnlyOfficePause) {
    const isOnlyDailyLimit = holding.every((block) => block.reason === 'daily-limit');
    // Only GHL's daily limit holds them, and it lifts by itself (its alert says when): a wait, not "Needs you … Not until fixed".
    // Not beside a company whose schedule reaches none of its leads: that one waits on a person, however long GHL takes.
    if (isOnlyDailyLimit && !isStalled) return { ...base, label: 'Waiting for GHL', color: 'orange', doneBy: 'When GHL’s limit lifts' };
    // Only another company's GHL not answering about shared customers (or its limit): that passes by itself too.
    const isOnlyGhl = holding.every(liftsByItself);
    if (isOnlyGhl && !isStalled) return { ...base, label: 'Waiting for GHL', color: 'orange', doneBy: 'When GHL answers' };
    return { ...base, label: 'Needs you', color: 'red', doneBy: !isOnlyDailyLimit ? 'Not until fixed' : isStalledByAddressesOnly(overview.companies) ? 'Correct the addresses' : 'Check the schedule' };
  }
  // They are all that waits: read as sending paused as a whole reads. Beside them another company's leads go at their
  // set times without anyone resuming (a review): the card goes on below, as it would without the pause.
  if (isOnlyOfficePause && !runner.hasWork && blockedLeads(overview) >= waiting) {
    return { ...base, label: 'Paused', color: 'yellow', doneBy: 'When resumed', isHeld: true };
  }
  if (runner.hasWork) return { ...base, label: 'About to send', color: 'blue', doneBy: '—' };
  if (isStalled) return { ...base, label: 'Needs you', color: 'red', doneBy: isStalledByAddressesOnly(overview.companies) ? 'Correct the addresses' : 'Check the schedule' };
  // Leads wait and none may go now: their window, sending day or daily cap (or a retry's delay) holds them.
  if (queue.scheduled > 0 || waiting > 0) return { ...base, label: 'Scheduled', color: 'blue', doneBy: 'At their set times' };
  if (heldBackTotal > 0) return { ...base, label: 'Waiting for you', color: 'yellow', doneBy: 'When you press Send' };
  if (failed > 0) return { ...base, label: `${failed.toLocaleString('en-US')} failed`, color: 'red', doneBy: 'See Failed leads' };
  return { ...base, label: 'Up to date', color: 'green', doneBy: 'All sent' };
}

/**
 * The leads the blocked companies hold (a block's `waiting` is of leads; its opt-outs are apart), to compare with
 * `waiting`, which counts leads only. A paused company with 3 opt-outs beside another's 3 leads due tomorrow read
 * "Paused — When resumed" (a review).
 */
export function blockedLeads(overview: Pick<DashboardOverview, 'blocked'>): number {
  return overview.blocked.reduce((sum, block) => sum + block.waiting, 0);
}

/** Every stalled company's stalled leads are kept by their own addresses (state and ZIP hours apart), not by a schedule. */
function isStalledByAddressesOnly(companies: DashboardOverview['companies']): boolean {
  const stalled = companies.filter(({ plan }) => isStalledBySchedule(plan));
  return stalled.length > 0 && stalled.every(({ plan }) => plan.unreachableByAddress > 0 && plan.unreachableByAddress >= plan.unreachable);
}

export interface PacedFinish {
  /** The finish day, e.g. "Jan 14". */
  text: string;
  /** Waiting leads of companies that need the office first (no key, paused, key refused): not in that day. */
  leftOut: number;
  /** Everything that can go goes today: the current speed's time of day says more, when there is one. */
  isToday: boolean;
}

/**
 * When the queue ends on the companies' schedules: the latest finish day of any company with leads
 * waiting ("Jan 14"). After today, a finish time drawn from the current speed would promise today what the
 * daily caps spread over weeks. Today (`isToday`), the speed's time of day says more, once there is a speed;
 * until then "Today" is what the plan below the card says ("41 scheduled, done today"), where "—" read as
 * "not known". Null when nothing waiting can go, and while nothing goes at all (paused, stopped, offline):
 * "Done by Dec 3" beside "Sending is paused" was a promise nothing keeps.
 */
export function pacedFinish(companies: DashboardOverview['companies'], view: Pick<SendingView, 'isHeld'>): PacedFinish | null {
  if (view.isHeld) return null;
  let latest: { day: string; text: string; isToday: boolean } | null = null;
  const leftOut = waitingLeftOut(companies);
  for (const { plan, blocked, hasApiKey, isServed } of companies) {
    if (holdsEveryLead({ blocked, plan }) || !hasApiKey || !isServed || isStalledBySchedule(plan)) continue;
    const today = plan.days[0]?.day;
    if (plan.scheduled === 0 || plan.finishEstimate === null || plan.finishText === null || today === undefined) continue;
    const isToday = plan.finishEstimate <= today;
    const day = isToday ? today : plan.finishEstimate;
    if (latest === null || day > latest.day) latest = { day, text: isToday ? 'Today' : plan.finishText, isToday };
  }
  return latest ? { text: latest.text, leftOut, isToday: latest.isToday } : null;
}

/**
 * Waiting leads that go at no time now, whatever the speed: those of companies that are blocked (no key, paused, key
 * refused: the office acts; GHL's daily limit: it lifts by itself) and those no day or hour of their schedule reaches.
 * The card calls them "held up", which is true of both kinds; the alerts above say which.
 */
export function waitingLeftOut(companies: DashboardOverview['companies']): number {
  let leftOut = 0;
  for (const { plan, blocked, hasApiKey, isServed } of companies) {
    // Its leads go at no time until the user acts (the blocked panel says what to do), or until a sync runs that sends
    // them (`rlm sync --company` runs for others: the card's line says so).
    if (holdsEveryLead({ blocked, plan }) || !hasApiKey || !isServed) leftOut += plan.scheduled;
    // Leads no time under their schedule lets go (a Sunday-only schedule for Mississippi): they need a
    // schedule change, and a day for the rest would pass them over in silence.
    else if (isStalledBySchedule(plan)) leftOut += plan.unreachable > 0 ? plan.unreachable : plan.scheduled;
    // Some of its customers wait for another company's GHL; the rest go at their times.
    else if (blocked !== null) leftOut += Math.min(blocked.waiting, plan.scheduled);
  }
  return leftOut;
}

/**
 * A block of the company's own (its key, its pause, its limit) holds all its leads; one of leads held for another
 * company's GHL (`shared-customers-unasked`) holds those alone, and the others' finish day still holds ("Done by
 * Today" stood over a company whose one waiting lead was held).
 */
const holdsEveryLead = ({ blocked, plan }: Pick<DashboardOverview['companies'][number], 'blocked' | 'plan'>): boolean =>
  blocked !== null && (blocked.holdsEveryLead || blocked.waiting >= plan.scheduled);

/**
 * The leads the current speed finishes ("Done by 17:40"): those waiting less the ones left out. All of them were: one
 * company's 40 leads going today beside another's 2,000 without a key read "Done by 17:40 · 3 h 20 min".
 */
export function waitingAtSpeed(waiting: number, companies: DashboardOverview['companies']): number {
  return Math.max(0, waiting - waitingLeftOut(companies));
}
