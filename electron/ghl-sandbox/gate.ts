/**
 * Everything between a request and its route, in GHL's order: the bearer token, the Version header, the
 * forced and real rate limits, the error faults (5xx, 429: no work done), a body that is not JSON, then the
 * route with its scope and schema checks. Delivery (latency, lost answers, hangs) is the server's.
 */
import { dispatch } from './routes';
import type { FaultDecision, FaultPlan } from './faults';
import type { SimRateLimit } from './rate-window';
import type { SpecValidator } from './spec-validator';
import type { SimRequest, SimState } from './state';
import type { IncomingHttpHeaders } from 'node:http';

export interface GateContext {
  state: SimState;
  validator: SpecValidator;
  faults: FaultPlan;
  defaults: SimRateLimit;
  sendRetryAfter: boolean;
  maxBulkTagBatch: number;
}

export interface GateRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: unknown;
  parseError: string | null;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export function answer(ctx: GateContext, req: GateRequest, log: SimRequest, fault: FaultDecision | null): Answer {
  const { state, defaults } = ctx;
  const auth = req.headers.authorization ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
  const caller = token ? state.locationByToken(token) : null;
  const at = state.now();
  if (!caller) {
    const headers = {
      'X-RateLimit-Max': String(defaults.max),
      'X-RateLimit-Remaining': String(defaults.max),
      'X-RateLimit-Interval-Milliseconds': String(defaults.intervalMs),
      'X-RateLimit-Limit-Daily': String(defaults.daily),
      'X-RateLimit-Daily-Remaining': String(defaults.daily),
    };
    return { status: 401, body: { statusCode: 401, message: 'Invalid JWT', error: 'Unauthorized' }, headers };
  }
  log.locationId = caller.id;
  const version = req.headers.version;
  if (version === undefined) {
    return { status: 401, body: { statusCode: 401, message: 'version header was not found.', error: 'Unauthorized' }, headers: caller.rate.headers(at) };
  }
  if (version !== '2021-07-28') {
    return { status: 401, body: { statusCode: 401, message: 'version header is invalid', error: 'Unauthorized' }, headers: caller.rate.headers(at) };
  }

  const forced = caller.rate.takeForced();
  if (forced) {
    const headers = caller.rate.headers(at);
    if (forced.retryAfterSec !== null) headers['Retry-After'] = String(forced.retryAfterSec);
    return { status: 429, body: { statusCode: 429, message: 'Too Many Requests' }, headers };
  }
  const decision = caller.rate.admit(at);
  if (!decision.ok) {
    const headers = caller.rate.headers(at);
    if (ctx.sendRetryAfter) headers['Retry-After'] = String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
    const message = decision.reason === 'daily' ? 'Daily rate limit exceeded for this location' : 'Too Many Requests';
    return { status: 429, body: { statusCode: 429, message }, headers };
  }
  const headers = caller.rate.headers(at);

  if (fault?.kind === '5xx') {
    log.fault = '5xx';
    const status = fault.status ?? ctx.faults.random5xx();
    return { status, body: { statusCode: status, message: 'Internal Server Error' }, headers };
  }
  if (fault?.kind === '429') {
    log.fault = '429';
    if (fault.retryAfterSec !== undefined) headers['Retry-After'] = String(fault.retryAfterSec);
    return { status: 429, body: { statusCode: 429, message: 'Too Many Requests' }, headers };
  }
  if (req.parseError) return { status: 400, body: { statusCode: 400, message: req.parseError }, headers };

  const result = dispatch(req.method, req.url.pathname, {
    state,
    validator: ctx.validator,
    caller,
    query: Object.fromEntries(req.url.searchParams),
    body: req.body,
    maxBulkTagBatch: ctx.maxBulkTagBatch,
  });
  return { status: result.status, body: result.body, headers };
}
