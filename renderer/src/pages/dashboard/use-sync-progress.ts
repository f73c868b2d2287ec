import { useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../../../shared/ipc/events';
import { api } from '../../lib/api';

export type SyncProgress = EventPayload<'sync:progress'>;

export interface SyncProgressView {
  progress: SyncProgress | null;
  /** When the pending leads should be done at the current rate; null when idle or the rate is unknown. */
  finishAt: number | null;
  minutesLeft: number | null;
}

/**
 * The runner's latest `sync:progress` event and a finish time for `waiting` leads at its smoothed
 * speed (0 while nothing is being sent: no estimate). Events only: no polling.
 */
export function useSyncProgress(waiting: number): SyncProgressView {
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  // Rates jump between batches; a short moving average keeps the estimate from flickering.
  const recentRates = useRef<number[]>([]);
  const [smoothedRate, setSmoothedRate] = useState(0);

  useEffect(
    () =>
      api.on('sync:progress', (event) => {
        setProgress(event);
        if (event.leadsPerMinute > 0) {
          recentRates.current = [...recentRates.current.slice(-4), event.leadsPerMinute];
          setSmoothedRate(recentRates.current.reduce((a, b) => a + b, 0) / recentRates.current.length);
        }
      }),
    [],
  );

  const isWorking = waiting > 0 && smoothedRate > 0;
  const minutesLeft = isWorking ? waiting / smoothedRate : null;
  return { progress, minutesLeft, finishAt: minutesLeft === null ? null : Date.now() + minutesLeft * 60_000 };
}
