import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { BrowseFilters, LeadRow } from '../../../../../shared/ipc/dashboard';
import type { ApiError } from '../../../lib/api';
import type { LeadPagesData } from '../../../lib/lead-pages-cache';
import { leadPagesQuery } from '../../../lib/queries';
import type { LeadSort } from '../../../lib/query-keys';

export interface LeadPages {
  rows: LeadRow[];
  hasMore: boolean;
  isLoading: boolean;
  error: ApiError | null;
  loadMore: () => void;
}

const allRows = (data: LeadPagesData): LeadRow[] => data.pages.flatMap((page) => page.rows);

/**
 * Keyset-paged leads for the browser (TanStack's infinite query): the first page on a filter change,
 * the next one when the table scrolls near the end. A change pushed by main reloads what is on
 * screen in one request (`shrinkLeadPages`).
 */
export function useLeadPages(filters: BrowseFilters, sort: LeadSort): LeadPages {
  const pages = useInfiniteQuery({ ...leadPagesQuery(filters, sort), select: allRows });
  const { hasNextPage, isFetching, fetchNextPage } = pages;
  const loadMore = useCallback(() => {
    // A reload in flight would be cancelled by a page request; the table asks again once it is done.
    if (hasNextPage && !isFetching) void fetchNextPage();
  }, [hasNextPage, isFetching, fetchNextPage]);
  return { rows: pages.data ?? [], hasMore: hasNextPage, isLoading: isFetching, error: pages.error, loadMore };
}
