import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Result } from '../../../shared/ipc/result';
import { unwrap } from './api';
import { invalidateDomains } from './live-queries';
import type { DataDomain } from './query-keys';

/**
 * A write through `window.api` as a TanStack mutation: main's `{ok:false}` becomes the mutation's
 * ApiError, and on success the reads of `domains` refresh (main's `data:changed` would too, a moment
 * later and through another channel). The mutation settles without waiting for those reads: a
 * deleted lead's drawer closes at once instead of first showing "no longer exists".
 */
export function useWrite<I, O>(call: (input: I) => Promise<Result<O>>, domains: readonly DataDomain[], mutationKey?: readonly unknown[]) {
  const client = useQueryClient();
  return useMutation({
    // A key lets another component (or this one, mounted again) read the outcome with useMutationState.
    ...(mutationKey ? { mutationKey } : {}),
    mutationFn: (input: I) => unwrap(call(input)),
    onSuccess: () => {
      void invalidateDomains(client, domains);
    },
  });
}
