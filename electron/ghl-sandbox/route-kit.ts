/** What every simulator route shares: its context, its result, GHL-shaped errors and the contact lookup. */
import type { SpecFile, SpecValidator } from './spec-validator';
import type { SimContact, SimLocation, SimState } from './state';

export interface RouteContext {
  state: SimState;
  validator: SpecValidator;
  /** The location the bearer token belongs to. */
  caller: SimLocation;
  params: string[];
  query: Record<string, string>;
  body: unknown;
  maxBulkTagBatch: number;
}

export interface RouteResult {
  status: number;
  body: Record<string, unknown>;
  /** The location the call was about, for the request log. */
  locationId?: string;
}

export interface Route {
  /** The spec's operationId: what fault rules and tests name a route by. */
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  scope: string;
  /** Spec schema the JSON body must satisfy. */
  schema?: { file: SpecFile; name: string };
  handle: (ctx: RouteContext) => RouteResult;
}

export const err = (status: number, message: string | string[], extra: Record<string, unknown> = {}): RouteResult => ({
  status,
  body: {
    statusCode: status,
    message,
    ...(status === 401 ? { error: 'Unauthorized' } : status === 422 ? { error: 'Unprocessable Entity' } : {}),
    ...extra,
  },
});

export const forbidden = (): RouteResult => err(403, 'The token does not have access to this location.');
export const record = (body: unknown): Record<string, unknown> => (typeof body === 'object' && body !== null ? { ...body } : {});
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

type Found = { ok: true; contact: SimContact } | { ok: false; error: RouteResult };

/** The contact of the path; a deleted one is "not found", as in GHL (400, the only error the spec lists). */
export function contactFor(ctx: RouteContext): Found {
  const contact = ctx.state.contacts.get(ctx.params[0] ?? '');
  if (!contact) return { ok: false, error: err(400, 'Contact not found') };
  if (contact.locationId !== ctx.caller.id) return { ok: false, error: forbidden() };
  return { ok: true, contact };
}

/** The location of the path, checked against the token's location. */
export function locationFor(ctx: RouteContext): { ok: true; location: SimLocation } | { ok: false; error: RouteResult } {
  const location = ctx.state.locations.get(ctx.params[0] ?? '');
  if (!location) return { ok: false, error: err(400, 'Location not found') };
  if (location.id !== ctx.caller.id) return { ok: false, error: forbidden() };
  return { ok: true, location };
}
