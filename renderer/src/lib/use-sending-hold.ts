import { useQuery } from '@tanstack/react-query';
import { connectivityQuery, runnerQuery } from './queries';
import { sendingHoldOf, type SendingHold } from './sending-hold';

export type { SendingHold };

/** sendingHoldOf, read live. `error`: one of the two reads failed, so "nothing holds it" is not known (the caller says so beside its plan). */
export function useSendingHold(companyId?: number): { hold: SendingHold; error: Error | null } {
  const runner = useQuery(runnerQuery());
  const connectivity = useQuery(connectivityQuery());
  return { hold: sendingHoldOf(runner.data, connectivity.data, companyId), error: runner.error ?? connectivity.error ?? null };
}
