import { useQuery } from '@tanstack/react-query';
import { connectivityQuery, runnerQuery } from './queries';

export type SendingHold = 'all-paused' | 'offline' | null;

/**
 * What holds every company's sending, for a plan shown outside the dashboard (which reads the same from its
 * overview): sending paused as a whole, here or in the program that sends, or GHL out of reach. The import
 * summary said "they all go today" and the company drawer "sending now" while nothing went. `error`: one of
 * the two reads failed, so "nothing holds it" is not known (the caller says so beside its plan).
 */
export function useSendingHold(): { hold: SendingHold; error: Error | null } {
  const runner = useQuery(runnerQuery());
  const connectivity = useQuery(connectivityQuery());
  const error = runner.error ?? connectivity.error ?? null;
  if (runner.data && (runner.data.state === 'paused' || runner.data.heldBy?.isPaused === true)) return { hold: 'all-paused', error };
  if (connectivity.data?.state === 'offline') return { hold: 'offline', error };
  return { hold: null, error };
}
