/** Error classification for GoHighLevel calls: what the sync queue should do with each failure. */
import type { GhlOperation } from './types';

/**
 * - offline: no response at all (DNS, refused, reset, timeout before any byte) — the queue waits for the network.
 * - transient: 5xx or 429 — retried with backoff.
 * - auth: 401/403 — pause the company and ask for a new key.
 * - daily-limit: the location's daily budget is used up — stop until `resetsAt`.
 * - permanent: 400/404/422 — this lead fails with GHL's reason, others go on.
 */
export type GhlErrorKind = 'offline' | 'transient' | 'auth' | 'daily-limit' | 'permanent';

export interface GhlErrorInit {
  kind: GhlErrorKind;
  message: string;
  status?: number | null;
  traceId?: string | null;
  operation?: GhlOperation | null;
  resetsAt?: Date | null;
  retryAfterMs?: number | null;
  cause?: unknown;
}

export class GhlError extends Error {
  readonly kind: GhlErrorKind;
  readonly status: number | null;
  readonly traceId: string | null;
  readonly operation: GhlOperation | null;
  /** For `daily-limit`: when the daily budget resets (next UTC midnight). */
  readonly resetsAt: Date | null;
  /** For 429: the server's Retry-After, in ms, when it sent one. */
  readonly retryAfterMs: number | null;

  constructor(init: GhlErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'GhlError';
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.traceId = init.traceId ?? null;
    this.operation = init.operation ?? null;
    this.resetsAt = init.resetsAt ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }

  get isRetryable(): boolean {
    return this.kind === 'transient';
  }
}

export const isGhlError = (err: unknown): err is GhlError => err instanceof GhlError;

/** The next UTC midnight after `now`: when GHL's daily counter resets. */
export function nextUtcMidnight(now: number): Date {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
}

/** GHL's `message` is a string for most errors and an array of strings for 422 validation errors. */
export function ghlMessage(body: unknown, fallback: string): string {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' && body ? body : fallback;
  const raw: unknown = 'message' in body ? body.message : undefined;
  if (typeof raw === 'string' && raw) return raw;
  if (Array.isArray(raw)) {
    const parts = raw.filter((p): p is string => typeof p === 'string' && p.length > 0);
    if (parts.length > 0) return parts.join('; ');
  }
  const error: unknown = 'error' in body ? body.error : undefined;
  return typeof error === 'string' && error ? error : fallback;
}

export function kindForStatus(status: number): GhlErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429 || status >= 500) return 'transient';
  return 'permanent';
}

const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_CLOSED',
]);

function errorCode(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const code: unknown = 'code' in err ? err.code : undefined;
  if (typeof code === 'string') return code;
  return 'cause' in err ? errorCode(err.cause) : null;
}

/**
 * Classifies a failure that happened before any response arrived (fetch rejected). undici reports
 * network failures as `TypeError: fetch failed` with the system error in `cause`; timeouts come from
 * AbortSignal.timeout as a `TimeoutError`.
 */
export function classifyNetworkError(err: unknown, operation: GhlOperation, timeoutMs: number): GhlError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError') {
    return new GhlError({ kind: 'offline', operation, message: `No answer from GoHighLevel within ${timeoutMs} ms` });
  }
  const code = errorCode(err);
  const isFetchFailure = err instanceof TypeError && /fetch failed|terminated|network/i.test(err.message);
  if (isFetchFailure || (code !== null && OFFLINE_CODES.has(code))) {
    return new GhlError({
      kind: 'offline',
      operation,
      message: `Network error${code ? ` (${code})` : ''}: cannot reach GoHighLevel`,
    });
  }
  // Anything else (a bug, an unexpected throw) is treated as transient so it is retried a bounded number of times.
  return new GhlError({ kind: 'transient', operation, message: err instanceof Error ? err.message : String(err) });
}

/** Plain-language text for the UI; says what the user can do. */
export function plainLanguage(err: unknown): string {
  if (!isGhlError(err)) return 'Something went wrong while talking to GoHighLevel. It will be retried.';
  switch (err.kind) {
    case 'offline':
      return 'Cannot reach GoHighLevel — check the internet connection';
    case 'auth':
      if (/scope|not authorized for this/i.test(err.message)) return `The key lacks a permission (scope): ${err.message}`;
      if (err.status === 403) return 'The key does not have access to this location';
      if (/version header/i.test(err.message)) return `GoHighLevel rejected the request headers: ${err.message}`;
      return 'The API key was rejected — paste a new Private Integration token';
    case 'daily-limit': {
      const when = err.resetsAt ? ` It resets at ${err.resetsAt.toISOString()} (midnight UTC).` : '';
      return `This location used its daily GoHighLevel request limit; sending resumes tomorrow.${when}`;
    }
    case 'transient':
      return err.status === 429
        ? 'GoHighLevel asked us to slow down; sending continues shortly'
        : `GoHighLevel is having trouble (${err.status ?? 'error'}); it will be retried`;
    case 'permanent':
      return `GoHighLevel refused this contact: ${err.message}`;
  }
}
