/**
 * One HTTP attempt against GoHighLevel: waits for the location's rate limiter, sends with the
 * required headers and a timeout, feeds the rate-limit headers back, classifies failures and reports
 * the attempt. The token is only ever placed in the Authorization header and is scrubbed from every
 * message that leaves this module.
 */
import { GhlError, classifyNetworkError, ghlMessage, kindForStatus } from './errors';
import { parseRetryAfterMs } from './rate-limiter';
import type { RateLimiter } from './rate-limiter';
import type { GhlErrorKind } from './errors';
import type { GhlOperation } from './types';

export const GHL_API_VERSION = '2021-07-28';
export const GHL_BASE_URL = 'https://services.leadconnectorhq.com';

export interface AttemptRecord {
  operation: GhlOperation;
  status: number | null;
  errorKind: GhlErrorKind | null;
  message: string | null;
  traceId: string | null;
  durationMs: number;
  /** Epoch ms when the attempt started. */
  at: number;
}

export interface HttpContext {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  limiter: RateLimiter;
  onAttempt?: ((attempt: AttemptRecord) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface HttpRequest {
  operation: GhlOperation;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

export interface HttpResult<T> {
  status: number;
  data: T;
  traceId: string | null;
}

/** Removes the token from any text, in case a server or proxy echoes it back. */
export function redact(text: string, token: string): string {
  return token.length >= 4 ? text.split(token).join('[redacted]') : text;
}

function traceIdOf(body: unknown, headers: Headers): string | null {
  if (typeof body === 'object' && body !== null && 'traceId' in body && typeof body.traceId === 'string') {
    return body.traceId;
  }
  return headers.get('x-trace-id') ?? headers.get('traceid');
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isDailyLimitResponse(status: number, headers: Headers, message: string): boolean {
  return status === 429 && (headers.get('x-ratelimit-daily-remaining')?.trim() === '0' || /daily/i.test(message));
}

function buildUrl(baseUrl: string, req: HttpRequest): string {
  const url = new URL(req.path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
  return url.toString();
}

export async function sendOnce<T>(ctx: HttpContext, req: HttpRequest): Promise<HttpResult<T>> {
  const at = Date.now();
  const report = (status: number | null, err: GhlError | null, traceId: string | null): void => {
    ctx.onAttempt?.({
      operation: req.operation,
      status,
      errorKind: err?.kind ?? null,
      message: err ? err.message : null,
      traceId,
      durationMs: Date.now() - at,
      at,
    });
  };
  const fail = (err: GhlError): never => {
    report(err.status, err, err.traceId);
    throw err;
  };

  try {
    await ctx.limiter.acquire(ctx.signal);
  } catch (err) {
    if (err instanceof GhlError) fail(err);
    throw err;
  }

  const timeout = AbortSignal.timeout(ctx.timeoutMs);
  const signal = ctx.signal ? AbortSignal.any([timeout, ctx.signal]) : timeout;
  const headers: Record<string, string> = {
    Authorization: `Bearer ${ctx.token}`,
    Version: GHL_API_VERSION,
    Accept: 'application/json',
  };
  if (req.body !== undefined) headers['Content-Type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(buildUrl(ctx.baseUrl, req), {
      method: req.method,
      headers,
      body: req.body === undefined ? null : JSON.stringify(req.body),
      signal,
    });
  } catch (err) {
    // The caller cancelled: not a GHL failure, pass the abort through untouched.
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    const classified = classifyNetworkError(err, req.operation, ctx.timeoutMs);
    return fail(new GhlError({ ...classified, operation: req.operation, message: redact(classified.message, ctx.token) }));
  }

  ctx.limiter.observe(res.headers);
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    // Headers arrived, the body did not: the server saw the request. Retrying is safe for our idempotent calls.
    return fail(
      new GhlError({
        kind: 'transient',
        status: res.status,
        operation: req.operation,
        message: `The response from GoHighLevel was cut off (${err instanceof Error ? err.name : 'error'})`,
      }),
    );
  }
  const body = parseJson(text);
  const traceId = traceIdOf(body, res.headers);

  if (!res.ok) {
    const message = redact(ghlMessage(body, `HTTP ${res.status}`), ctx.token);
    if (isDailyLimitResponse(res.status, res.headers, message)) {
      ctx.limiter.markDailyExhausted();
      const resetsAt = new Date(ctx.limiter.snapshot().pausedUntil ?? Date.now());
      return fail(new GhlError({ kind: 'daily-limit', status: 429, message, traceId, operation: req.operation, resetsAt }));
    }
    let retryAfterMs: number | null = null;
    if (res.status === 429) {
      retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), Date.now());
      ctx.limiter.onTooManyRequests(retryAfterMs);
    }
    return fail(
      new GhlError({ kind: kindForStatus(res.status), status: res.status, message, traceId, operation: req.operation, retryAfterMs }),
    );
  }

  report(res.status, null, traceId);
  // The response shapes come from the spec; the client narrows them where it reads fields.
  return { status: res.status, data: body as T, traceId };
}
