import type { SyncStatus } from '../../../shared/ipc/sync';
import { sendsFor } from '../../../shared/runner-scope';

export type SendingHold = 'all-paused' | 'stopped' | 'offline' | null;

/**
 * Nothing sends: this program's runner stopped (an error, another program took over and let go, or it was refused the
 * lock) and no other program holds it. The plan's "sending now" and the cards' "Being sent right now" were untrue then.
 */
export const isNothingSending = (runner: Pick<SyncStatus['runner'], 'state' | 'heldBy'>): boolean => runner.state === 'stopped' && runner.heldBy === null;

/**
 * What holds every company's sending, for a plan shown outside the dashboard (which reads the same from its
 * overview): sending paused as a whole, here or in the program that sends; stopped, with no program sending (a crash,
 * a Stop); or GHL out of reach. The import summary said "they all go today" and the company drawer "sending now"
 * while nothing went.
 */
export function sendingHoldOf(
  runner: Pick<SyncStatus['runner'], 'state' | 'heldBy' | 'companyIds'> | undefined,
  connectivity: { state: string } | null | undefined,
  /** The company the plan is of: nothing sends it while a sync runs for other companies only. */
  companyId?: number,
): SendingHold {
  // First: a sync that does not send this company holds nothing of its back by its pause ("resume it there" sent A only).
  if (runner && companyId !== undefined && !sendsFor(runner, companyId)) return 'stopped';
  if (runner && (runner.state === 'paused' || runner.heldBy?.isPaused === true)) return 'all-paused';
  if (runner && isNothingSending(runner)) return 'stopped';
  if (connectivity?.state === 'offline') return 'offline';
  return null;
}
