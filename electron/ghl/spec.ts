/**
 * The GoHighLevel API as openapi-fetch sees it: the paths of the vendored specs (contacts, locations,
 * workflows) merged into one type, so every call's path, method, parameters and body are checked
 * against the spec by the compiler. The specs' paths do not overlap, so the intersection is exact.
 */
import createClient from 'openapi-fetch';
import type { Client, ClientPathsWithMethod, FetchOptions, FetchResponse } from 'openapi-fetch';
import type { paths as ContactPaths, operations as ContactOperations } from './openapi/types/contacts';
import type { paths as LocationPaths } from './openapi/types/locations';
import type { paths as WorkflowPaths } from './openapi/types/workflows';

/** The only Version header value the contacts, locations and workflows specs allow. */
export type GhlApiVersion = ContactOperations['upsert-contact']['parameters']['header']['Version'];
export const GHL_API_VERSION: GhlApiVersion = '2021-07-28';
/** Every operation in the specs declares this header as required, so each call passes it in `params.header`. */
export const VERSION_HEADER = { Version: GHL_API_VERSION } as const;

const BULK_TAGS = '/contacts/bulk/tags/update/{type}';
type BulkTagsPath = ContactPaths[typeof BULK_TAGS];
type BulkTagsPost = BulkTagsPath['post'];
/**
 * The spec's bulk tag path names `{type}` (add | remove, per its description) but declares no path
 * parameter, so openapi-fetch could not fill it in. Declared here, nothing else changed.
 */
type BulkTagsPathFixed = Omit<BulkTagsPath, 'post'> & {
  post: Omit<BulkTagsPost, 'parameters'> & {
    parameters: Omit<BulkTagsPost['parameters'], 'path'> & { path: { type: 'add' | 'remove' } };
  };
};

export type GhlPaths = Omit<ContactPaths, typeof BULK_TAGS> & { [BULK_TAGS]: BulkTagsPathFixed } & LocationPaths & WorkflowPaths;
type RawApi = Client<GhlPaths, 'application/json'>;

/**
 * openapi-fetch's own methods infer the whole `init` object as a type parameter, so an object literal
 * there escapes TypeScript's excess-property check: `body: { locationId, tag: 'x' }` compiles although
 * the spec has no `tag`. These signatures take `init` at the spec's exact type instead (only the path
 * is inferred), so a misspelt or unknown body property fails the type check too.
 */
type StrictCall<M extends 'get' | 'post' | 'put' | 'delete'> = <P extends ClientPathsWithMethod<RawApi, M>>(
  path: P,
  init: FetchOptions<GhlPaths[P][M]>,
) => Promise<FetchResponse<Extract<GhlPaths[P][M], Record<string, unknown>>, FetchOptions<GhlPaths[P][M]>, 'application/json'>>;

export interface GhlApi {
  GET: StrictCall<'get'>;
  POST: StrictCall<'post'>;
  PUT: StrictCall<'put'>;
  DELETE: StrictCall<'delete'>;
}

export const GHL_BASE_URL = 'https://services.leadconnectorhq.com';

/**
 * The typed client. `fetch` is given per call (http.ts `sendOnce`): it is where the rate limiter, the
 * timeout and the failure classification sit, around the one request on the wire.
 */
export function createGhlApi(baseUrl: string, token: string): GhlApi {
  const api: GhlApi = createClient<GhlPaths, 'application/json'>({
    baseUrl,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    // A call that forgot its per-call fetch would skip the rate limiter and the timeout: refuse it.
    fetch: () => Promise.reject(new Error('A GoHighLevel call must pass the fetch from sendOnce')),
  });
  return api;
}
