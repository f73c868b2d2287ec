import { useQuery } from '@tanstack/react-query';
import { connectivityQuery, runnerQuery } from './queries';

/**
 * What holds every company's sending, for a plan shown outside the dashboard (which reads the same from its
 * overview): sending paused as a whole, here or in the program that sends, or GHL out of reach. The import
 * summary said "they all go today" and the company drawer "sending now" while nothing went.
 */
export function useSendingHold(): 'all-paused' | 'offline' | null {
  const runner = useQuery(runnerQuery()).data;
  const connectivity = useQuery(connectivityQuery()).data;
  if (runner && (runner.state === 'paused' || runner.heldBy?.isPaused === true)) return 'all-paused';
  if (connectivity?.state === 'offline') return 'offline';
  return null;
}
