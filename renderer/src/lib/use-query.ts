import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../../shared/ipc/events';
import type { AppErrorData, Result } from '../../../shared/ipc/result';
import { api } from './api';

type Domain = EventPayload<'data:changed'>['domain'];

export interface QueryState<T> {
  data: T | undefined;
  error: AppErrorData | null;
  isLoading: boolean;
  refetch: () => void;
}

/**
 * Loads data through the API and reloads it when main says one of `domains` changed:
 * pages stay live without polling the database.
 */
export function useQuery<T>(load: () => Promise<Result<T>>, deps: unknown[], domains: Domain[] = []): QueryState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const generation = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  const refetch = useCallback(() => {
    const current = ++generation.current;
    void run().then((result) => {
      if (current !== generation.current) return;
      if (result.ok) {
        setData(result.value);
        setError(null);
      } else setError(result.error);
      setIsLoading(false);
    });
  }, [run]);

  useEffect(() => {
    setIsLoading(true);
    refetch();
  }, [refetch]);

  useEffect(() => {
    if (domains.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.on('data:changed', (event) => {
      if (!domains.includes(event.domain)) return;
      // Coalesce bursts (an import emits many changes) into one reload.
      timer ??= setTimeout(() => {
        timer = null;
        refetch();
      }, 150);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [refetch, domains.join(',')]);

  return { data, error, isLoading, refetch };
}
