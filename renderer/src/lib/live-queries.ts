import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { Api } from '../../../shared/ipc/contract';
import type { EventPayload } from '../../../shared/ipc/events';
import { shrinkLeadPages } from './lead-pages-cache';
import { queryKeys, staleAfterChange, type DataDomain, staleAfterImportEnds, staleAfterRunnerState } from './query-keys';

/** Long enough to fold an import's or a sync run's burst of events into one reload, short enough to feel live. */
export const COALESCE_MS = 150;

/**
 * Marks `keys` stale: active queries refetch now, inactive ones when next mounted. Lead lists are
 * folded to one page first, so each reloads in one request. Resolves when the active ones have.
 */
export async function invalidate(client: QueryClient, keys: readonly QueryKey[]): Promise<void> {
  const unique = [...new Map(keys.map((key) => [JSON.stringify(key), key])).values()].filter(
    // ['sync'] already covers ['sync', 'status']: one refetch each, not a second that cancels the first.
    (key) => !keys.some((other) => other.length < key.length && other.every((part, i) => JSON.stringify(part) === JSON.stringify(key[i]))),
  );
  if (unique.some((key) => key[0] === queryKeys.leads.all[0])) shrinkLeadPages(client);
  await Promise.all(unique.map((queryKey) => client.invalidateQueries({ queryKey })));
}

/** After a write: what a `data:changed` for these domains would refresh, without waiting for the event. */
export function invalidateDomains(client: QueryClient, domains: readonly DataDomain[]): Promise<void> {
  return invalidate(client, domains.flatMap((domain) => staleAfterChange[domain]));
}

/**
 * The renderer's one subscription to main's push events: they mark queries stale (active ones
 * refetch, inactive ones on their next mount) or, for `connectivity`, carry the new value itself.
 * No query polls. Returns the unsubscribe function.
 */
export function connectLiveQueries(client: QueryClient, on: Api['on'], coalesceMs = COALESCE_MS): () => void {
  const pending: QueryKey[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let runnerState: EventPayload<'sync:progress'>['state'] | null = null;
  let storageTrouble: EventPayload<'sync:progress'>['storageTrouble'] = null;

  function flush() {
    timer = null;
    void invalidate(client, pending.splice(0));
  }

  function markStale(keys: readonly QueryKey[]) {
    pending.push(...keys);
    timer ??= setTimeout(flush, coalesceMs);
  }

  const offs = [
    on('data:changed', (event) => markStale(staleAfterChange[event.domain])),
    on('import:progress', (event) => {
      // The last progress event can come before the batch row says so: read the row again.
      if (event.state !== 'running') markStale(staleAfterImportEnds);
    }),
    on('sync:progress', (event) => {
      // Counts changing already come as data:changed; a runner going idle or paused does not.
      // So is sending starting or ceasing to fail its writes (a full disk): the card says it, from the overview.
      if ((runnerState !== null && event.state !== runnerState) || event.storageTrouble !== storageTrouble) markStale(staleAfterRunnerState);
      runnerState = event.state;
      storageTrouble = event.storageTrouble;
    }),
    on('connectivity', (event) => client.setQueryData(queryKeys.connectivity(), event)),
  ];

  return () => {
    for (const off of offs) off();
    if (timer) clearTimeout(timer);
    pending.length = 0;
  };
}
