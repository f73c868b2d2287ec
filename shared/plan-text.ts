/**
 * A company's send plan (shared/send-plan.ts) in the words the office reads, for the dashboard, the
 * Companies page, the import summary, the audience toast and the `rlm` output alike. Pure text: the
 * numbers and times come from main's `sendPlan()`, read at one instant in the company's zone.
 * No zod here (type imports only): `rlm` loads this for its human output.
 */
import type { SendPlan } from './send-plan';
import { isSyncPauseReason, type SyncPauseReason } from './sync-pause';
import { counted } from './counted';

/**
 * Why nothing goes: the company's pause (`syncPausedReason`), or `no-key` when it has no API key (not a
 * pause in the database, but nothing goes either), for the sentence that says until when. On the
 * dashboard also what holds every company: sending paused as a whole (`all-paused`), stopped with no other program
 * sending (`stopped`: a crash, or the app refused the runner lock), or GHL out of reach (`offline`) — a plan that
 * promised "done today" then was not true.
 */
/**
 * `ghl-failing`: a kind of GHL call keeps failing for the company while GHL is reachable; `ghl-rate-limited`: GHL turns
 * away its calls with "Too Many Requests" (shared/call-trouble-text.ts).
 */
export type PauseReason = SyncPauseReason | 'no-key' | 'keychain' | 'all-paused' | 'stopped' | 'offline' | 'ghl-failing' | 'ghl-rate-limited' | 'shared-unasked' | null;

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const count = (n: number) => n.toLocaleString('en-US');
const leadsWord = (n: number) => counted(n, 'lead');

/** 'YYYY-MM-DD' → "Dec 4" (the calendar day itself: no zone shifts it). */
export function shortDate(day: string): string {
  const [, month, date] = day.split('-').map(Number);
  return `${MONTHS[(month ?? 1) - 1]} ${date}`;
}

export const weekdayName = (weekday: number): string => WEEKDAYS[weekday] ?? '';

/** Sending is paused, in words that say until when. */
export function pausedText(reason: PauseReason): string {
  switch (reason) {
    case 'auth':
      return 'Paused — nothing goes until GHL accepts a new API key';
    case 'daily-limit':
      return 'Paused — GHL’s request limit was reached; sending resumes by itself';
    case 'workflow-missing':
      return 'Paused — GHL no longer has the campaign’s workflow; nobody is enrolled until another is chosen';
    case 'no-key':
      return 'Waiting for an API key — nothing goes until one is saved';
    case 'keychain':
      return 'Waiting for the keychain — nothing goes until the saved API key can be read';
    case 'all-paused':
      return 'Sending is paused — no lead goes until you resume it';
    case 'stopped':
      return 'Sending is stopped — no lead goes until it is started';
    case 'offline':
      return 'Waiting for the connection — nothing goes while GoHighLevel cannot be reached';
    case 'ghl-failing':
      return 'Waiting for GoHighLevel — some of its calls keep failing; the leads go once it answers';
    case 'ghl-rate-limited':
      return 'Waiting for GoHighLevel — it asks the app to slow down (too many requests); the leads go once it accepts calls again';
    case 'shared-unasked':
      return 'Waiting for another company’s GoHighLevel — the customers are its leads too, and it must be asked first whether they opted out there';
    default:
      // The office's pause: a customer's opt-out still goes (company-lane.ts optOutRound), no lead does.
      return 'Paused — no lead goes to GHL until you resume';
  }
}

/** The same, as the end of a sentence about one company: "312 leads queued: Summit is paused — …". */
function pausedClause(reason: PauseReason, companyName: string): string {
  switch (reason) {
    case 'auth':
      return `GHL refused ${companyName}’s API key — nothing goes until it accepts a new one`;
    case 'daily-limit':
      return `GHL’s request limit was reached — sending resumes by itself`;
    case 'workflow-missing':
      return `GHL no longer has ${companyName}’s campaign workflow — nobody is enrolled until another is chosen`;
    case 'no-key':
      return `${companyName} has no GHL API key yet — nothing goes until one is saved`;
    case 'keychain':
      return `${companyName}’s API key cannot be read (the keychain did not answer) — nothing goes until it can`;
    case 'all-paused':
      return 'sending is paused — none goes until you resume it';
    case 'stopped':
      return 'sending is stopped — none goes until it is started';
    case 'offline':
      return 'GoHighLevel cannot be reached — they go once the connection is back';
    case 'ghl-failing':
      return 'some of GoHighLevel’s calls keep failing — they go once it answers';
    case 'ghl-rate-limited':
      return 'GoHighLevel asks the app to slow down (too many requests) — they go once it accepts calls again';
    case 'shared-unasked':
      return 'they are another company’s leads too, whose GoHighLevel must be asked first whether they opted out there — they go once it answers';
    default:
      return `${companyName} is paused — none goes to GHL until you resume`;
  }
}

/** What holds a company's leads, from its pause and whether it has a key (a refused key outranks a missing one: the pause says it). */
export function pauseReasonOf(syncPausedReason: SyncPauseReason | null, hasApiKey: boolean, isKeyUnreadable = false): PauseReason {
  return syncPausedReason ?? (hasApiKey ? null : isKeyUnreadable ? 'keychain' : 'no-key');
}

/** Nothing goes: the company is paused, it has no key, or sending as a whole is held (paused, offline). */
const isHeld = (plan: SendPlan, reason: PauseReason) => plan.paused || (reason !== null && !isSyncPauseReason(reason));

export interface PlanParts {
  /** "62 of 100 today". */
  today: string;
  /** "7 of them without a clear answer from GHL: counted in case they were texted"; null when GHL confirmed every one. */
  unanswered: string | null;
  /** "next: Tue 10:00 CST", "sending now", or a problem in words; null when nothing waits or it is paused. */
  next: string | null;
  /** "4,480 scheduled, done by Jan 14"; null when nothing waits. */
  queue: string | null;
  /** The pause (or the missing key) in words; null when leads may go. */
  paused: string | null;
}

/** The plan in its pieces, for a card that lays them out ("62 of 100 today · next: Tue 10:00 CST · …"). */
/**
 * "62 of 100 today"; a cap lowered below what already went today reads "8 sent today (limit now 3)", not
 * "8 of 3 today".
 */
export function todayText(plan: Pick<SendPlan, 'sentToday' | 'dailyCap'>, suffix = ' today'): string {
  if (plan.sentToday > plan.dailyCap) return `${count(plan.sentToday)} sent${suffix} (limit now ${count(plan.dailyCap)})`;
  return `${count(plan.sentToday)} of ${count(plan.dailyCap)}${suffix}`;
}

/**
 * Today's enrolments GHL has not confirmed (a timeout, an error mid-way, a crash): the cap counts them in case
 * they were texted, while "Sent to GHL" and "Sent today" count only what GHL confirmed. "7 of 100 today" beside
 * "Sent today 0" read as a wrong number until it said why.
 */
export function unansweredText(plan: Pick<SendPlan, 'unansweredToday'>): string | null {
  if (plan.unansweredToday <= 0) return null;
  return `${count(plan.unansweredToday)} of them without a clear answer from GHL: counted in case they were texted`;
}

/**
 * What to change for the waiting leads no time ever lets go: the schedule, or the addresses of those whose state and
 * ZIP lie on clocks hours apart (unreachableByAddress), or both. Said of the latter, "check the schedule" sent the
 * office to a schedule that was not at fault.
 */
export function unreachableFix(plan: Pick<SendPlan, 'unreachable' | 'unreachableByAddress'>, schedule = 'the schedule'): string {
  const byAddress = plan.unreachableByAddress;
  if (byAddress <= 0) return `check ${schedule}`;
  // Said after "no hour is legal on both their state’s and their ZIP’s clocks" (isOnlyAddresses): which addresses is known.
  if (byAddress >= plan.unreachable) return byAddress === 1 ? 'correct its address' : 'correct their addresses';
  return `check ${schedule}, and correct ${byAddress === 1 ? 'the address whose state and ZIP are' : `the ${count(byAddress)} addresses whose state and ZIP are`} on clocks hours apart`;
}

/** The reason no time lets them go, in the words of its fix: the addresses alone, or the schedule (and maybe addresses). */
const isOnlyAddresses = (plan: Pick<SendPlan, 'unreachable' | 'unreachableByAddress'>) => plan.unreachableByAddress > 0 && plan.unreachableByAddress >= plan.unreachable;

/**
 * `notSending`: why nothing sends leads that are due, when nothing does (no app and no `rlm sync` running, or
 * the one that runs paused all its sending); null when something sends. `rlm status` said "sending now" then, and
 * later "next: tomorrow 10:00 · done by Dec 10" beside the dashboard's "Sending is stopped" (a review): the next time
 * is said with it, and no finish day.
 */
export function planParts(plan: SendPlan, pauseReason: PauseReason = null, { notSending = null }: { notSending?: string | null } = {}): PlanParts {
  const today = todayText(plan);
  const unanswered = unansweredText(plan);
  if (plan.scheduled === 0) return { today, unanswered, next: null, queue: null, paused: plan.paused ? pausedText(pauseReason) : null };
  const isDoneToday = plan.finishEstimate !== null && plan.finishEstimate === plan.days[0]?.day;
  const queue =
    plan.unreachable > 0 && plan.nextSendAt !== null
      ? isOnlyAddresses(plan)
        ? `${count(plan.scheduled)} scheduled, ${count(plan.unreachable)} of them where no hour is legal on both their state’s and their ZIP’s clocks: ${unreachableFix(plan)}`
        : `${count(plan.scheduled)} scheduled, ${count(plan.unreachable)} of them where no sending day or hour ever reaches: ${unreachableFix(plan)}`
      : // Due now, but nothing sends them (notSending): no finish day either (a review: "done by Jan 14" beside it).
        plan.finishEstimate === null || notSending !== null
        ? `${count(plan.scheduled)} scheduled`
        : `${count(plan.scheduled)} scheduled, done ${isDoneToday ? 'today' : `by ${plan.finishText}`}`;
  // "Waiting", not "scheduled": held, nothing is scheduled to go (a company without a key read "3 scheduled").
  if (isHeld(plan, pauseReason)) return { today, unanswered, next: null, queue: `${count(plan.scheduled)} waiting`, paused: pausedText(pauseReason) };
  // Leads wait but no sending day ever opens for them (e.g. only Sunday chosen, and they are in Mississippi), or
  // no hour does (a 19:52–21:00 window leaves Florida's leads nothing once the last 10 minutes are kept).
  const next =
    plan.nextSendAt === null
      ? isOnlyAddresses(plan)
        ? `no hour is legal for these leads on both their state’s and their ZIP’s clocks: ${unreachableFix(plan)}`
        : `no sending day or hour reaches these leads: ${unreachableFix(plan)}`
      : plan.nextSendText === 'now'
        ? notSending === null
          ? 'sending now'
          : `due now, but ${notSending}`
        : `next: ${nearDay(plan)}${isHourFull(plan) ? ` (${count(plan.hourlyCap ?? 0)} an hour reached)` : ''}${notSending === null ? '' : `, but ${notSending}`}`;
  return { today, unanswered, next, queue, paused: null };
}

/** The hourly cap holds the next lead back: as many went in the last 60 minutes as it allows. */
export const isHourFull = (plan: Pick<SendPlan, 'hourlyCap' | 'sentThisHour'>): boolean => plan.hourlyCap !== null && plan.sentThisHour >= plan.hourlyCap;

/**
 * "Mon 09:00 CST" said on a Monday reads as a week away: today's and tomorrow's weekday become "today" and
 * "tomorrow". (`nextSendText` names a weekday only within the coming six days, in the company's calendar,
 * the same calendar as `days`.)
 */
export function nearDay(plan: Pick<SendPlan, 'days' | 'nextSendText'>): string {
  const [today, tomorrow] = plan.days;
  for (const [day, word] of [
    [today, 'today'],
    [tomorrow, 'tomorrow'],
  ] as const) {
    const name = day ? `${weekdayName(day.weekday)} ` : null;
    if (name && plan.nextSendText.startsWith(name)) return `${word} ${plan.nextSendText.slice(name.length)}`;
  }
  return plan.nextSendText;
}

/** The plan in one line: "62 of 100 today · next: Tue 10:00 CST · 4,480 scheduled, done by Jan 14". */
export function planLine(plan: SendPlan, pauseReason: PauseReason = null, options: { notSending?: string | null } = {}): string {
  const parts = planParts(plan, pauseReason, options);
  return [parts.unanswered === null ? parts.today : `${parts.today} (${parts.unanswered})`, parts.paused, parts.next, parts.queue].filter((part): part is string => part !== null).join(' · ');
}

/**
 * When a file's (or a group's) `queued` leads go, at this pace: they are the newest in the company's queue,
 * so they go after the ones already waiting and finish on the plan's finish day.
 * "312 leads queued: at 100 a day they go Tue–Fri, done by Dec 4." Null when none of them waits.
 */
export function queuedLeadsText(plan: SendPlan, queued: number, companyName: string, pauseReason: PauseReason = null, ofImported = queued): string | null {
  if (queued <= 0) return null;
  // Beside "Imported 8", "5 leads queued" read as if 3 had gone missing: say they are what still waits.
  const head = ofImported > queued ? `${count(queued)} of the ${leadsWord(ofImported)} still wait to go` : `${leadsWord(queued)} queued`;
  if (isHeld(plan, pauseReason)) return `${head}: ${pausedClause(pauseReason, companyName)}.`;
  if (plan.finishEstimate === null) {
    // Some of the waiting leads only (a state that forbids the company's one sending day): "them" said all went nowhere.
    const isSome = plan.unreachable > 0 && plan.unreachable < plan.scheduled && plan.nextSendAt !== null;
    const whom = isSome ? `${count(plan.unreachable)} of the ${count(plan.scheduled)} waiting` : 'them';
    const fix = unreachableFix(plan, `${companyName}’s schedule`);
    if (isOnlyAddresses(plan)) return `${head}, but no hour is legal for ${whom} on both their state’s and their ZIP’s clocks: ${fix}.`;
    return `${head}, but no sending day or hour reaches ${whom}: ${fix}.`;
  }
  const days = plan.days;
  const todayKey = days[0]?.day;
  // The first day one of them goes: after the leads queued before them.
  const before = Math.max(0, plan.scheduled - queued);
  let passed = 0;
  const start = days.find((day) => {
    passed += day.count;
    return passed > before;
  });
  const end = plan.finishEstimate;
  // Within the coming week a weekday names a day unambiguously ("Tue"); later ones get a date ("Dec 12").
  const inFirstWeek = (key: string) => {
    const index = days.findIndex((day) => day.day === key);
    return index >= 0 && index < 7;
  };
  const label = (key: string) => {
    if (key === todayKey) return 'today';
    const day = days.find((d) => d.day === key);
    return day && inFirstWeek(key) ? weekdayName(day.weekday) : shortDate(key);
  };
  const pace = `at ${count(plan.dailyCap)} a day${plan.hourlyCap === null ? '' : `, ${count(plan.hourlyCap)} an hour,`}`;
  if (start && start.day === end) {
    return `${head}: they all go ${end === todayKey ? 'today' : `on ${label(end)}${inFirstWeek(end) ? `, ${shortDate(end)}` : ''}`}.`;
  }
  if (!start) return `${head}: ${pace} they go after the leads already waiting, done by ${plan.finishText}.`;
  if (start.day !== todayKey && inFirstWeek(start.day) && inFirstWeek(end)) return `${head}: ${pace} they go ${label(start.day)}–${label(end)}, done by ${plan.finishText}.`;
  return `${head}: ${pace} they start ${label(start.day)} and are done by ${plan.finishText}.`;
}

/**
 * Leads wait that no time will ever let go under the company's schedule as it stands (e.g. its hours lie
 * outside the legal floor, or its only sending day is one their state forbids): a stall for a person to fix,
 * never "scheduled". A pause is the user's own choice and is said as such.
 */
export const isStalledBySchedule = (plan: SendPlan): boolean => plan.scheduled > 0 && !plan.paused && (plan.nextSendAt === null || plan.unreachable > 0);

/**
 * Said after an import's plan while some of its company's waiting leads are not placed yet: the sync works out
 * each lead's own zone when sending starts, and until then the days are reckoned in the company's (Texas leads
 * of a London company go hours earlier; Los Angeles leads of a New York company at 19:30 go at once).
 */
export const PROVISIONAL_DAYS_TEXT = 'These days follow the company’s time zone until sending starts and each lead’s own time zone is known.';
