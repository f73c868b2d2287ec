/**
 * What `rlm import` and `rlm send` say of the leads they queued: when they go at the company's pace, or what holds
 * them (no key, a locked keychain, a pause). One owner, so the two commands cannot tell the office different things
 * about the same queue: `rlm send` said "Queued 6" and nothing more for a company with no key.
 */
import { sendsFor } from '../../shared/runner-scope';
import type { Backend } from '../app/backend';
import type { Company } from '../../shared/company';
import { pauseReasonOf, PROVISIONAL_DAYS_TEXT, queuedLeadsText } from '../../shared/plan-text';
import type { SendPlan } from '../../shared/send-plan';

/** The `sending` part of the JSON: null when nothing was queued. */
export interface QueuedSending {
  queued: number;
  /** When the first of the company's waiting leads may go (ISO); null when the company cannot send (no key, paused). */
  nextSendAt: string | null;
  finishEstimate: string | null;
  message: string | null;
  /**
   * Whether a program runs the sync for this company now (the app, an `rlm sync`; paused in it too: the message says so;
   * not one for other companies only): this process sends nothing. When none does, the times above say when the leads
   * go once one starts, and the message says that nothing sends meanwhile.
   */
  isSendingRunning: boolean;
}

type CompanyState = Pick<Company, 'name' | 'hasApiKey' | 'isKeyUnreadable' | 'syncPausedReason'>;

/** Leads queued for a company without a key (or whose key the keychain will not give) sit there silently: said plainly. */
export function keyNotice(company: CompanyState): string | null {
  if (company.hasApiKey) return null;
  // A key the locked keychain would not give is no missing key: saving it again would not help.
  return company.isKeyUnreadable
    ? `${company.name}'s GHL API key cannot be read: the OS keychain is locked or not answering. Nothing will be sent to GHL until it is unlocked (log in to the desktop session, or unlock the keyring).`
    : `${company.name} has no GHL API key: nothing will be sent to GHL until one is saved (Companies page, or rlm company set-key --company "${company.name}" < key.txt).`;
}

export type SendingHold = 'all-paused' | 'not-running' | 'other-companies' | null;

/**
 * What holds every company's leads at once, as `rlm status` reads it (this process sends nothing itself):
 *  - 'all-paused': the program that sends (the app, an `rlm sync`) holds them paused (the dashboard's Pause): no send time;
 *  - 'not-running': no program sends. An import is routinely run before the app is started, so the plan's times stand
 *    (they are when the leads go once one starts), and the message says that nothing sends until then;
 *  - 'other-companies': a sync runs for other companies only (`rlm sync --company A`): as 'not-running', but "run rlm
 *    sync" would be refused while it holds the runner, so the message says what runs and what to do.
 */
export function sendingHold(backend: Backend, companyId: number): SendingHold {
  const { runner } = backend.ctx.sync.runnerStatus();
  // A sync that runs for other companies only (`rlm sync --company A`) sends none of this one's leads, paused or not.
  if (!sendsFor(runner, companyId)) return 'other-companies';
  if (runner.heldBy?.isPaused === true) return 'all-paused';
  return runner.heldBy === null && runner.state === 'stopped' ? 'not-running' : null;
}

const NOT_RUNNING_TEXT = 'Nothing is sending right now: they go once sending runs (the app open and sending, or rlm sync).';
const OTHER_COMPANIES_TEXT =
  'Nothing is sending them right now: the sync running now sends other companies only. They go once sending runs for this company (stop that sync, then open the app or run rlm sync without --company).';

/**
 * When `queued` leads, the newest in the company's queue, go. `isProvisional`: some of the company's leads are not placed
 * in their time zones yet, so a day the plan names may move. `hold`: sendingHold().
 */
export function queuedSending(company: CompanyState, queued: number, plan: SendPlan, isProvisional: boolean, hold: SendingHold): QueuedSending | null {
  if (queued <= 0) return null;
  // A company that cannot send (no key, paused, all sending paused) has no send time, as in `rlm status`: its message says why.
  const companyHold = pauseReasonOf(company.syncPausedReason, company.hasApiKey, company.isKeyUnreadable);
  const allPaused = hold === 'all-paused' ? hold : null;
  // A send time whenever the company can send, as `rlm status` gives it: leads no time of the schedule reaches have no
  // finish day, and the ones beside them that do go had no send time either (a review: null here, Sunday there).
  const isSending = companyHold === null && allPaused === null;
  const planText = queuedLeadsText(plan, queued, company.name, companyHold ?? allPaused);
  // Of a company that could send: one that cannot says why already, and starting the app would not change it.
  const notRunning = companyHold !== null ? '' : hold === 'not-running' ? ` ${NOT_RUNNING_TEXT}` : hold === 'other-companies' ? ` ${OTHER_COMPANIES_TEXT}` : '';
  return {
    queued,
    nextSendAt: isSending && plan.nextSendAt !== null ? new Date(plan.nextSendAt).toISOString() : null,
    finishEstimate: isSending ? plan.finishEstimate : null,
    message: planText === null ? null : planText + (isSending && isProvisional ? ` ${PROVISIONAL_DAYS_TEXT}` : '') + notRunning,
    isSendingRunning: hold !== 'not-running' && hold !== 'other-companies',
  };
}
