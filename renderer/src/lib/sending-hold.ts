import type { SyncStatus } from '../../../shared/ipc/sync';

export type SendingHold = 'all-paused' | 'stopped' | 'offline' | null;

/**
 * What holds every company's sending, for a plan shown outside the dashboard (which reads the same from its
 * overview): sending paused as a whole, here or in the program that sends; stopped, with no program sending (a crash,
 * a Stop); or GHL out of reach. The import summary said "they all go today" and the company drawer "sending now"
 * while nothing went.
 */
export function sendingHoldOf(runner: SyncStatus['runner'] | undefined, connectivity: { state: string } | undefined): SendingHold {
  if (runner && (runner.state === 'paused' || runner.heldBy?.isPaused === true)) return 'all-paused';
  if (runner && runner.state === 'stopped' && runner.heldBy === null) return 'stopped';
  if (connectivity?.state === 'offline') return 'offline';
  return null;
}
