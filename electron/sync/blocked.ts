/**
 * Which companies have work that cannot go out without the user: no API key, a key GHL refused,
 * GHL's daily limit, or a pause the user set. A company with nothing waiting is not blocked, and a
 * lead that is only waiting for its scheduled time is not blocked either (it goes by itself).
 * One owner for this judgement: `rlm sync`'s exit code 3, `rlm status` and the dashboard read it here.
 */
import type { SyncStatus } from '../../shared/ipc/sync';
import { cannotCallReasons, type BlockReason, type CannotCallReason, type OptOutHold } from '../../shared/sync-pause';
import type { HeldForOthers } from '../core/jobs/held-elsewhere';
import { counted } from '../../shared/counted';

export type { BlockReason };

export interface BlockedCompany {
  companyId: number;
  company: string;
  reason: BlockReason;
  /** When the block began, when known (epoch ms). */
  since: number | null;
  /** When it lifts by itself (daily limit), else null. */
  until: number | null;
  /** Leads waiting behind the block: opt-outs are apart (`optOuts`), or "5 leads waiting" counted 2 customers' STOPs as texts. */
  waiting: number;
  /** Opt-outs (a do-not-contact lead's DND on its way to GHL) the block holds too. */
  optOuts: number;
  /**
   * A pause that still holds once a key is there (a block of the key comes first, and hid it): "sending
   * starts by itself" after the key was untrue while the company was also paused.
   */
  alsoPaused: 'paused-by-user' | 'workflow-missing' | null;
  /** The workflow GHL no longer has (its name when chosen, else its id), when that is the block or the pause behind it. */
  missingWorkflow?: string | null;
  /**
   * Under the office's pause or a missing workflow, GHL holds the opt-outs they let go (SyncQueries.heldOptOuts): its key
   * refused, or its daily limit reached. The pause alone was said, and the opt-outs' DND did not reach GHL.
   */
  optOutsHeld?: OptOutHold | null;
  /** For `shared-customers-unasked`: the other companies whose GHL must be asked about the same customers first. */
  heldFor?: readonly string[];
  /**
   * Why the first of them cannot be asked, from its key and its pause (cannotCallGhl); null: its GHL did not answer, or
   * refused the question about a contact. "Check its API key" was said of a GHL outage that passes by itself.
   */
  heldBecause?: CannotCallReason | null;
  /** The company `heldBecause` is of (one of `heldFor`). */
  heldBecauseOf?: string | null;
  /**
   * Every lead held waits because GHL refused or failed the question about its customer's contact alone
   * (held-elsewhere.ts): a person checks those contacts; it does not pass by itself.
   */
  heldOnContacts?: boolean;
  /**
   * Whether nothing of the company's goes: true of its own blocks (key, pause, limit); of leads held for another
   * company's GHL only when they are all it has waiting. Else its other leads go, and the company counts as sending
   * (a dashboard said "Needs you · Not until fixed" over 4,000 leads going, and `rlm sync` dropped its plan).
   */
  holdsEveryLead: boolean;
}

export type { OptOutHold };

type CompanyStatus = SyncStatus['companies'][number];

/** Leads that still have to go: queued or claimed, not those held back or already done. */
export const waitingLeads = (c: CompanyStatus): number => c.jobs.queued + c.jobs.running;

/**
 * `keychainAnswers`: whether the OS keychain answered at all. A key that cannot be read is not a missing key:
 * "no GHL API key is saved, add one" sent the office to save a key the locked keychain would refuse too.
 */
export function blockOf(
  company: CompanyStatus,
  hasApiKey: boolean,
  keychainAnswers = true,
  now = Date.now(),
  optOutsHeld: OptOutHold | null = null,
  optOuts = 0,
  heldForOthers: (HeldForOthers & { because?: { reason: CannotCallReason; company: string } | null }) | null = null,
): BlockedCompany | null {
  const jobs = waitingLeads(company);
  if (jobs === 0) return null;
  const block = companyBlockOf(company, jobs, hasApiKey, keychainAnswers, now, optOutsHeld, optOuts);
  if (block !== null || heldForOthers === null || heldForOthers.waiting === 0) return block;
  // Nothing of its own holds the company; some of its leads wait for another company's GHL (shared-customer-watch.ts).
  // Of its leads (its opt-outs go all the same).
  const leads = Math.max(0, jobs - optOuts);
  const waiting = Math.min(heldForOthers.waiting, leads);
  return {
    companyId: company.companyId,
    company: company.name,
    reason: 'shared-customers-unasked',
    since: null,
    until: null,
    waiting,
    optOuts: 0,
    alsoPaused: null,
    heldFor: heldForOthers.companies,
    heldBecause: heldForOthers.because?.reason ?? null,
    heldBecauseOf: heldForOthers.because?.company ?? null,
    heldOnContacts: heldForOthers.onContacts >= heldForOthers.waiting,
    holdsEveryLead: waiting >= leads,
  };
}

/** The company's own block: its key, its pause, its limit. */
function companyBlockOf(
  company: CompanyStatus,
  jobs: number,
  hasApiKey: boolean,
  keychainAnswers: boolean,
  now: number,
  optOutsHeld: OptOutHold | null,
  optOuts: number,
): BlockedCompany | null {
  const waiting = Math.max(0, jobs - optOuts);
  const base = { companyId: company.companyId, company: company.name, waiting, optOuts: jobs - waiting, alsoPaused: null, missingWorkflow: company.missingWorkflow, holdsEveryLead: true };
  // No key comes first: without one nothing else can even be tried. A key refused or GHL's daily limit
  // end with a new key or by themselves; a pause by the user or for the workflow outlasts the key.
  if (!hasApiKey) {
    const alsoPaused = company.pausedReason === 'user' ? 'paused-by-user' : company.pausedReason === 'workflow-missing' ? 'workflow-missing' : null;
    return { ...base, reason: keychainAnswers ? 'no-key' : 'keychain-unavailable', since: null, until: null, alsoPaused };
  }
  // The office's pause and a missing workflow hold enrolments only: opt-outs alone behind them go all the same, and are
  // no block (the card read "Paused — When resumed", and `rlm sync` exit 3 "Stuck", of an opt-out that went unresumed),
  // unless GHL holds them too (its key refused, its limit): the block then says so (heldOptOutsText).
  const isOnlyOptOutsThatGo = waiting === 0 && optOutsHeld === null && (company.pausedReason === 'user' || company.pausedReason === 'workflow-missing');
  if (isOnlyOptOutsThatGo) return null;
  switch (company.pausedReason) {
    case 'auth':
      return { ...base, reason: 'key-refused', since: company.pausedAt, until: null };
    case 'daily-limit':
      if (isLimitLifted(company.pausedUntil, now)) return null;
      return { ...base, reason: 'daily-limit', since: company.pausedAt, until: company.pausedUntil };
    case 'user':
      return { ...base, reason: 'paused-by-user', since: company.pausedAt, until: null, optOutsHeld };
    case 'workflow-missing':
      return { ...base, reason: 'workflow-missing', since: company.pausedAt, until: null, optOutsHeld };
    default:
      return null;
  }
}

/** GHL's daily limit lifted already: the runner clears it at its next look (rlm status with no runner read "resumes at" a time past). */
const isLimitLifted = (pausedUntil: number | null, now: number) => pausedUntil !== null && pausedUntil <= now;

/**
 * Why GHL cannot be called for a company at all, from its key and its pause alone, waiting leads or not: findBlocked
 * judges only companies with leads to go, and the "Sending is paused" alert must name these whatever waits (their
 * opt-outs wait too). `isKeyUnreadable`: a key may be saved, but the keychain did not answer.
 */
export function cannotCallGhl(
  hasApiKey: boolean,
  isKeyUnreadable: boolean,
  pause: Pick<CompanyStatus, 'pausedReason' | 'pausedUntil'> | undefined,
  now: number,
): CannotCallReason | null {
  if (!hasApiKey) return isKeyUnreadable ? 'keychain-unavailable' : 'no-key';
  if (pause?.pausedReason === 'auth') return 'key-refused';
  if (pause?.pausedReason === 'daily-limit' && !isLimitLifted(pause.pausedUntil, now)) return 'daily-limit';
  return null;
}

export function findBlocked(
  companies: readonly CompanyStatus[],
  hasApiKey: (companyId: number) => boolean,
  keychainAnswers = true,
  heldOptOuts: ReadonlyMap<number, OptOutHold> = new Map(),
  /** Of each company's jobs on their way, its opt-outs (DashboardService.queue). */
  optOutsWaiting: ReadonlyMap<number, number> = new Map(),
  /** Each company's leads held for other companies' GHL (SyncQueries.heldForOthers). */
  heldForOthers: ReadonlyMap<number, HeldForOthers> = new Map(),
): BlockedCompany[] {
  const now = Date.now();
  // Why the companies held leads wait for cannot be called: their keys, the keychain, their pauses, GHL refusing a key
  // for the question alone (a key without the contacts' read permission sends, and pauses nothing); none: GHL did not
  // answer. The most serious is said: a company without a key behind another's blip hid under "Waiting for GHL".
  const becauseOf = (held: HeldForOthers) => {
    const reasons = held.companyIds.flatMap((otherId, i) => {
      // Both, the worse said: its daily limit lifts, and its key stays refused for the question.
      const found = [cannotCallGhl(hasApiKey(otherId), !keychainAnswers, held.pauses[i], now), held.keyRefused?.[i] === true ? ('key-refused' as const) : null];
      return found.flatMap((reason) => (reason === null ? [] : [{ reason, company: held.companies[i] ?? '' }]));
    });
    return reasons.sort((a, b) => cannotCallReasons.indexOf(a.reason) - cannotCallReasons.indexOf(b.reason))[0] ?? null;
  };
  return companies.flatMap((c) => {
    const held = heldForOthers.get(c.companyId);
    return blockOf(c, hasApiKey(c.companyId), keychainAnswers, now, heldOptOuts.get(c.companyId) ?? null, optOutsWaiting.get(c.companyId) ?? 0, held ? { ...held, because: becauseOf(held) } : null) ?? [];
  });
}

/**
 * "Thu, Dec 3, 00:00 UTC": on a 24-hour clock and with its zone, as the plan's lines say times. Made on first
 * use: every CLI command loads this module, and a process' first Intl object costs ~25 ms (ICU loads its data).
 */
let clockWithZone: Intl.DateTimeFormat | undefined;
const formatClockWithZone = (ms: number) =>
  (clockWithZone ??= new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' })).format(ms);


/** "3 leads", "3 leads and 2 opt-outs", "2 opt-outs": what waits behind a block. */
export const blockWaitingText = ({ waiting, optOuts }: Pick<BlockedCompany, 'waiting' | 'optOuts'>): string =>
  optOuts === 0 ? counted(waiting, 'lead') : waiting === 0 ? counted(optOuts, 'opt-out') : `${counted(waiting, 'lead')} and ${counted(optOuts, 'opt-out')}`;

/**
 * One plain sentence: what is stuck, why, and what to do. `forScreen` leaves out the `rlm` commands:
 * the dashboard offers a button instead, and office staff should not be told to type into a terminal.
 * `isAllPaused`: the office paused all sending (the dashboard's Pause), which outlasts the block: "sending starts by
 * itself" once the key was saved was untrue under the "Sending is paused" alert.
 */
export function describeBlock(
  block: BlockedCompany,
  at: (epochMs: number) => string = formatClockWithZone,
  { forScreen = false, isAllPaused = false }: { forScreen?: boolean; isAllPaused?: boolean } = {},
): string {
  const who = `${block.company}: ${blockWaitingText(block)} waiting`;
  // The office's pause and a missing workflow hold enrolments only: a customer's opt-out still goes to GHL (unless GHL
  // holds it: heldOptOutsText), so "Press Resume to send them" is of the leads alone.
  const optOutsGo = block.optOuts > 0 && !block.optOutsHeld ? `; ${block.optOuts === 1 ? 'the opt-out still goes' : 'the opt-outs still go'} to GHL` : '';
  const them = block.optOuts > 0 ? 'the leads' : 'them';
  const thenAlso = afterTheKey(block, forScreen);
  const byItself = (verb: 'starts' | 'resumes') => (isAllPaused ? `sending ${verb} once you resume all sending` : `sending ${verb} by itself`);
  switch (block.reason) {
    case 'no-key':
      return forScreen
        ? `${who} — no GHL API key is saved, so nothing can be sent. Add the key on the Companies page${thenAlso ? `. ${thenAlso}` : `; ${byItself('starts')}.`}`
        : `${who} — no GHL API key is saved. Add one on the Companies page or with: rlm company set-key --company "${block.company}" < key.txt${thenAlso ? ` — ${thenAlso}` : ''}`;
    case 'keychain-unavailable':
      return forScreen
        ? `${who} — the computer's keychain did not answer, so a GHL API key saved for it cannot be read. Unlock the keychain (on Linux: install and unlock GNOME Keyring), then start the app again.${thenAlso ? ` ${thenAlso}` : ''}`
        : `${who} — the OS keychain did not answer, so a GHL API key saved for it cannot be read. Run rlm in the desktop session that unlocks the keychain (a cron job needs its D-Bus session), or unlock it first.${thenAlso ? ` ${thenAlso}` : ''}`;
    case 'key-refused':
      return `${who} — GHL refused the API key${block.since ? ` (since ${at(block.since)})` : ''}. Create a new Private Integration token in GHL and save it on the Companies page${forScreen ? `; ${byItself('resumes')}` : ' or with rlm company set-key'}.`;
    case 'daily-limit':
      return `${who} — GHL's request limit for this location is used up (for the day, or GHL asked to wait)${block.until ? (isAllPaused ? `; it lifts at ${at(block.until)}, and ${byItself('resumes')}` : `; sending resumes by itself at ${at(block.until)}`) : ''}.`;
    case 'paused-by-user':
      return `${who} — sending is paused${block.since ? ` (since ${at(block.since)})` : ''}${optOutsGo}.${block.waiting === 0 ? '' : ` ${forScreen ? `Press Resume to send ${them}.` : `Resume it on the Dashboard or with: rlm sync resume --company "${block.company}"`}`}${heldOptOutsText(block, forScreen, forScreen || block.waiting === 0)}`;
    case 'workflow-missing':
      return (
        `${who} — GHL no longer has the campaign's workflow${block.missingWorkflow ? ` “${block.missingWorkflow}”` : ''} (deleted or unpublished there${block.since ? `; noticed ${at(block.since)}` : ''}), so nobody is enrolled and nothing is texted${optOutsGo}. ` +
        (forScreen
          ? `Choose a published workflow (or the campaign tag) in the company's settings on the Companies page; ${byItself('resumes')}.`
          : `Choose another with: rlm company set --company "${block.company}" --workflow "<name or id>" (or the Companies page); ${byItself('resumes')}.`) +
        heldOptOutsText(block, forScreen, true)
      );
    case 'shared-customers-unasked': {
      const others = block.heldFor && block.heldFor.length > 0 ? block.heldFor.join(' and ') : 'another company';
      const one = block.waiting === 1;
      const they = one ? 'the customer' : 'they';
      const shared = `${who} — ${one ? 'this customer is' : 'these customers are'} ${others}'s lead${one ? '' : 's'} too`;
      const goes = one ? 'the lead goes by itself' : 'they go by themselves';
      const asked = `whether ${they} opted out there: nothing is sent to ${one ? 'the customer' : 'them'} until it can be`;
      const why = block.heldBecauseOf || others;
      switch (block.heldBecause ?? null) {
        case 'no-key':
          return `${shared}, and ${why} has no GHL API key, so its GoHighLevel cannot be asked ${asked}. Add ${why}'s key ${forScreen ? 'on the Companies page' : '(rlm company set-key)'}; ${goes} then.`;
        case 'keychain-unavailable':
          return `${shared}, and ${why}'s API key cannot be read (the keychain did not answer), so its GoHighLevel cannot be asked ${asked}. Unlock the keychain; ${goes} then.`;
        case 'key-refused':
          return `${shared}, and GHL refused ${why}'s API key, so its GoHighLevel cannot be asked ${asked}. Save a new key for ${why} ${forScreen ? 'on the Companies page' : '(rlm company set-key)'}; ${goes} then.`;
        case 'daily-limit':
          return `${shared}, and ${why}'s GHL request limit is used up, so its GoHighLevel cannot be asked ${asked}; ${goes} once it lifts.`;
        case null:
          if (block.heldOnContacts) {
            const contacts = one ? "the customer's contact" : "these customers' contacts";
            return `${shared}, and ${others}'s GoHighLevel refused or failed the question whether ${they} opted out there, about ${contacts} alone, so nothing is sent to ${one ? 'the customer' : 'them'} until it answers. Check ${contacts} in ${others}'s GHL; ${one ? 'it is' : 'they are'} asked again after 10 minutes, then less and less often (up to every 2 hours).`;
          }
          return `${shared}, and ${others}'s GoHighLevel did not answer whether ${they} opted out there, so nothing is sent to ${one ? 'the customer' : 'them'} until it does. It is asked again every few minutes; ${goes} once it answers.`;
      }
    }
  }
}

/** GHL's hold on the opt-outs a pause lets go, and its way out, as a sentence after the pause's ('' for none). */
function heldOptOutsText(block: BlockedCompany, forScreen: boolean, afterSentence = forScreen): string {
  switch (block.optOutsHeld) {
    case 'key-refused':
      return `${afterSentence ? ' ' : ' — '}GHL also refuses its API key, so a customer's opt-out does not reach GHL either: save a new key${forScreen ? ' on the Companies page' : ' (rlm company set-key)'}.`;
    case 'daily-limit':
      return `${afterSentence ? ' ' : ' — '}GHL's request limit for this location is used up too, so a customer's opt-out waits until it resets.`;
    default:
      return '';
  }
}

/** What still holds once the key is there: the pause the key block hid, and its way out, as a sentence ('' for none). */
function afterTheKey(block: BlockedCompany, forScreen: boolean): string {
  switch (block.alsoPaused) {
    case 'paused-by-user':
      return forScreen
        ? 'Sending is also paused for this company: press Resume as well.'
        : `Sending is also paused: resume it with rlm sync resume --company "${block.company}" once the key is there.`;
    case 'workflow-missing':
      return forScreen
        ? "GHL also no longer has the campaign's workflow: choose a published one in the company's settings too."
        : `GHL also no longer has the campaign's workflow: choose another with rlm company set --company "${block.company}" --workflow "<name or id>" too.`;
    case null:
      return '';
  }
}
