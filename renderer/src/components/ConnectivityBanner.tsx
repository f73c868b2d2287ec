import { Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { connectivityQuery, type Connectivity } from '../lib/queries';
import { formatWhen } from '../pages/dashboard/format';

/**
 * Whether GHL can be reached: first from `sync:status`, then from `connectivity` events,
 * so the state is right on first paint and stays right without polling.
 */
export function useConnectivity(): { connectivity: Connectivity | null } {
  const connectivity = useQuery(connectivityQuery());
  return { connectivity: connectivity.data ?? null };
}

/**
 * Shown only while offline: reassures staff their leads are kept and will go out by themselves.
 * `waiting` is the caller's count (the dashboard's one overview read), so the banner and the cards agree.
 */
export function ConnectivityBanner({ waiting, optOuts = 0, isPaused = false }: { waiting: number | null; optOuts?: number; isPaused?: boolean }) {
  const { connectivity } = useConnectivity();
  if (connectivity?.state !== 'offline') return null;
  // Null: the count could not be read (said beside), and "0 leads waiting" would be untrue.
  const leads = waiting === null ? 'leads that wait are kept' : `${waiting === 1 ? '1 lead' : `${waiting.toLocaleString()} leads`} waiting`;
  // Opt-outs on their way to GHL are no leads "going out on their schedule" (three of them read as "3 leads waiting").
  const optOutWords = `${optOuts === 1 ? '1 opt-out' : `${optOuts.toLocaleString()} opt-outs`} to pass to GHL`;
  // Paused too: "they go out once the connection returns" sat above "No lead goes … until you resume" (a review).
  const leadsGo = isPaused ? 'once the connection returns and you resume sending' : 'on their schedule once the connection returns';
  const what =
    optOuts <= 0
      ? `${leads}; they go out ${leadsGo}.`
      : waiting === 0
        ? `${optOutWords}; they go once the connection returns.`
        : isPaused
          ? `${leads}, and ${optOutWords}; the opt-outs go once the connection returns, the leads once you resume sending too.`
          : `${leads}, and ${optOutWords}; they go once the connection returns, the leads on their schedule.`;
  return (
    <Alert color="orange" variant="light" title="Offline" role="alert" aria-label="Offline">
      Offline — {what}{' '}
      {connectivity.lastSuccessAt ? `Last successful call to GHL: ${formatWhen(connectivity.lastSuccessAt)}.` : 'Nothing has been sent yet.'}
    </Alert>
  );
}
