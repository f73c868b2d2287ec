/**
 * What `rlm import` and `rlm send` say of the leads they queued: when they go at the company's pace, or what holds
 * them (no key, a locked keychain, a pause). One owner, so the two commands cannot tell the office different things
 * about the same queue: `rlm send` said "Queued 6" and nothing more for a company with no key.
 */
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

/**
 * What holds every company's leads at once: the program that sends (the app, an `rlm sync`) holds them paused (the
 * dashboard's Pause), as `rlm status` reads it. This process sends nothing itself. Nothing sending at all is not
 * a hold here: an import is routinely run before the app is started, and `rlm status` says when nothing sends.
 */
export function sendingHold(backend: Backend): 'all-paused' | null {
  return backend.ctx.sync.runnerStatus().runner.heldBy?.isPaused === true ? 'all-paused' : null;
}

/**
 * When `queued` leads, the newest in the company's queue, go. `isProvisional`: some of the company's leads are not placed
 * in their time zones yet, so a day the plan names may move. `hold`: sendingHold().
 */
export function queuedSending(company: CompanyState, queued: number, plan: SendPlan, isProvisional: boolean, hold: 'all-paused' | null): QueuedSending | null {
  if (queued <= 0) return null;
  // A company that cannot send (no key, paused, all sending paused) has no send time, as in `rlm status`: its message says why.
  const companyHold = pauseReasonOf(company.syncPausedReason, company.hasApiKey, company.isKeyUnreadable);
  const isSending = companyHold === null && hold === null && plan.finishEstimate !== null;
  const planText = queuedLeadsText(plan, queued, company.name, companyHold ?? hold);
  return {
    queued,
    nextSendAt: isSending && plan.nextSendAt !== null ? new Date(plan.nextSendAt).toISOString() : null,
    finishEstimate: isSending ? plan.finishEstimate : null,
    message: planText === null ? null : planText + (isSending && isProvisional ? ` ${PROVISIONAL_DAYS_TEXT}` : ''),
  };
}
