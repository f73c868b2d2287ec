import { useCallback, useEffect, useRef, useState } from 'react';
import type { BrowseFilters, LeadRow } from '../../../../../shared/ipc/dashboard';
import type { AppErrorData } from '../../../../../shared/ipc/result';
import { api } from '../../../lib/api';

export type LeadSort = 'newest' | 'oldest';
type Cursor = { createdAt: number; id: number };

const PAGE_SIZE = 100;
const MAX_PAGE = 500;

export interface LeadPages {
  rows: LeadRow[];
  hasMore: boolean;
  isLoading: boolean;
  error: AppErrorData | null;
  loadMore: () => void;
}

/**
 * Keyset-paged leads for the browser: the first page on a filter change, the next one when the
 * table scrolls near the end. A `data:changed` for leads reloads what is on screen, in one request.
 */
export function useLeadPages(filters: BrowseFilters, sort: LeadSort): LeadPages {
  const [rows, setRows] = useState<LeadRow[]>([]);
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [error, setError] = useState<AppErrorData | null>(null);
  // Responses of a superseded query (filters changed mid-request) are dropped.
  const generation = useRef(0);
  const inFlight = useRef(false);
  const shownCount = useRef(0);
  const filterKey = JSON.stringify(filters);

  const load = useCallback(
    async (from: Cursor | null, limit: number, append: boolean) => {
      const current = ++generation.current;
      inFlight.current = true;
      setIsLoading(true);
      const result = await api.leads.page({ filters: JSON.parse(filterKey) as BrowseFilters, sort, cursor: from, limit });
      if (current !== generation.current) return;
      inFlight.current = false;
      setIsLoading(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setRows((previous) => {
        const next = append ? [...previous, ...result.value.rows] : result.value.rows;
        shownCount.current = next.length;
        return next;
      });
      setCursor(result.value.nextCursor);
    },
    [filterKey, sort],
  );

  useEffect(() => {
    void load(null, PAGE_SIZE, false);
  }, [load]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.on('data:changed', (event) => {
      if (event.domain !== 'leads' && event.domain !== 'sync') return;
      // Coalesce an import's burst of changes; keep as many rows as the user had scrolled through.
      timer ??= setTimeout(() => {
        timer = null;
        void load(null, Math.min(MAX_PAGE, Math.max(PAGE_SIZE, shownCount.current)), false);
      }, 300);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [load]);

  const loadMore = useCallback(() => {
    if (inFlight.current || cursor === null) return;
    void load(cursor, PAGE_SIZE, true);
  }, [cursor, load]);

  return { rows, hasMore: cursor !== null, isLoading, error, loadMore };
}
