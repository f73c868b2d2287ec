import { QueryClient } from '@tanstack/react-query';
import type { ApiError } from './api';

declare module '@tanstack/react-query' {
  interface Register {
    /** Query functions go through `unwrap`, so every error carries main's stable `code`. */
    defaultError: ApiError;
  }
}

/**
 * The renderer's one query cache. Main's push events keep it fresh (`connectLiveQueries`), so
 * nothing refetches on a timer or on window focus; a page still reads again when it mounts.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Main is on this computer: a machine without internet (the office's usual trouble) must
        // still read its own data. TanStack's default would pause every query while offline.
        networkMode: 'always',
        // Main answers with errors as data (validation, not-found…): asking again gives the same answer.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
