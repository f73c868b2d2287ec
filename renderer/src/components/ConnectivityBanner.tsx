import { Alert } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../shared/ipc/events';
import { api } from '../lib/api';
import { useQuery } from '../lib/use-query';
import { formatWhen } from '../pages/dashboard/format';

export type Connectivity = EventPayload<'connectivity'>;

/**
 * Whether GHL can be reached: first from `sync:status`, then from `connectivity` events,
 * so the state is right on first paint and stays right without polling.
 */
export function useConnectivity(): { connectivity: Connectivity | null; waiting: number } {
  const status = useQuery(() => api.sync.status(undefined), [], ['sync', 'leads']);
  const [pushed, setPushed] = useState<Connectivity | null>(null);
  useEffect(() => api.on('connectivity', setPushed), []);
  const leads = status.data?.total.leads;
  return {
    connectivity: pushed ?? status.data?.connectivity ?? null,
    waiting: leads ? leads.queued + leads.syncing : 0,
  };
}

/** Shown only while offline: reassures staff their leads are kept and will go out by themselves. */
export function ConnectivityBanner() {
  const { connectivity, waiting } = useConnectivity();
  if (connectivity?.state !== 'offline') return null;
  const leads = waiting === 1 ? '1 lead' : `${waiting.toLocaleString()} leads`;
  return (
    <Alert color="orange" variant="filled" title="Offline" role="alert" aria-label="Offline">
      Offline — {leads} waiting; they will go out when the connection returns.{' '}
      {connectivity.lastSuccessAt ? `Last successful sync: ${formatWhen(connectivity.lastSuccessAt)}.` : 'Nothing has been sent yet.'}
    </Alert>
  );
}
