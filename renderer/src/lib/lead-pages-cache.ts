import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import { queryKeys } from './query-keys';

export type LeadPage = ChannelOutput<'leads:page'>;
type Cursor = NonNullable<LeadPage['nextCursor']>;

/**
 * Where a page starts, and how many rows it asks for. The limit is part of the page param so a
 * live reload can ask for everything on screen in one request (see `shrinkLeadPages`).
 */
export interface LeadPageParam {
  cursor: Cursor | null;
  limit: number;
}

export type LeadPagesData = InfiniteData<LeadPage, LeadPageParam>;

export const LEAD_PAGE_SIZE = 100;
/** The most rows one reload asks for (the channel's own maximum). */
export const MAX_RELOAD_ROWS = 500;

export const firstLeadPage: LeadPageParam = { cursor: null, limit: LEAD_PAGE_SIZE };

export function nextLeadPage(lastPage: LeadPage): LeadPageParam | null {
  return lastPage.nextCursor ? { cursor: lastPage.nextCursor, limit: LEAD_PAGE_SIZE } : null;
}

/**
 * Folds the loaded pages into one first page that asks for as many rows as were loaded (at most
 * MAX_RELOAD_ROWS). TanStack Query refetches an infinite query page by page, one request each; after
 * this, the refetch that follows an invalidation is one request, as before TanStack Query.
 */
export function shrinkToOnePage(data: LeadPagesData): LeadPagesData {
  if (data.pages.length <= 1) return data;
  const rows = data.pages.flatMap((page) => page.rows);
  const limit = Math.min(MAX_RELOAD_ROWS, Math.max(LEAD_PAGE_SIZE, rows.length));
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  const wasCut = kept.length < rows.length;
  const nextCursor = wasCut && last ? { createdAt: last.createdAt, id: last.id } : (data.pages.at(-1)?.nextCursor ?? null);
  return { pages: [{ rows: kept, nextCursor }], pageParams: [{ cursor: null, limit }] };
}

/** Applies `shrinkToOnePage` to every cached lead list; call it just before invalidating them. */
export function shrinkLeadPages(client: QueryClient): void {
  client.setQueriesData<LeadPagesData>({ queryKey: queryKeys.leads.allPages }, (data) => (data ? shrinkToOnePage(data) : data));
}
