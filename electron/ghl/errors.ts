/** Error classification for GoHighLevel calls: what the sync queue should do with each failure. */
import { isIdempotent } from './operations';
import type { GhlOperation } from './types';

/**
 * - offline: nothing reached GHL (DNS, refused, unreachable), or, for an idempotent call, no answer at
 *   all (reset, timeout) — the queue waits for the network and may send it again.
 * - transient: 5xx on an idempotent call, or an answer that proves GHL did not act (429, 408, 423, 425;
 *   409 on upsert) — retried with backoff.
 * - unknown-outcome: a call that must not run twice (enrolment, note, custom field) was sent and no
 *   answer tells whether GHL acted (5xx, reset or timeout after sending, a cut-off answer). Never resent
 *   blindly: the caller asks GHL first.
 * - superseded: the caller said to drop the request before an attempt (its lead changed meanwhile).
 * - auth: 401/403 — pause the company and ask for a new key.
 * - daily-limit: the location's daily budget is used up — stop until `resetsAt`.
 * - permanent: 400/404/422 — this lead fails with GHL's reason, others go on.
 */
export type GhlErrorKind = 'offline' | 'transient' | 'unknown-outcome' | 'superseded' | 'auth' | 'daily-limit' | 'permanent';

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
  /** A try before this answer's may have been carried out (a 5xx, no answer): set by withRetry (retry.ts). */
  earlierTryMayHaveActed = false;

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

/** A non-idempotent call was sent and GHL may or may not have acted on it: resolve by asking GHL, never by resending. */
export class GhlOutcomeUnknownError extends GhlError {
  declare readonly operation: GhlOperation;
  constructor(init: Omit<GhlErrorInit, 'kind' | 'operation'> & { operation: GhlOperation }) {
    super({ ...init, kind: 'unknown-outcome' });
    this.name = 'GhlOutcomeUnknownError';
  }
}

/** The caller's `shouldContinue` said stop before an attempt: nothing more was sent. */
export class GhlRequestSupersededError extends GhlError {
  constructor(operation: GhlOperation | null, message = 'The request was dropped before sending: its data changed meanwhile') {
    super({ kind: 'superseded', operation, message });
    this.name = 'GhlRequestSupersededError';
  }
}

/**
 * Dropped before it left because its waits ended (GhlClientOptions.waitSignal: the sync stopped) while it waited for its
 * turn. Only the call's first try ends this way: after a try GHL answered, the call ends with that try's error, which
 * says what GHL may have done (a 5xx to a tag may have tagged; a 429 did nothing).
 */
export class GhlWaitEndedError extends GhlRequestSupersededError {
  constructor(operation: GhlOperation | null) {
    super(operation, 'The request was dropped before sending: sending stopped while it waited for its turn');
    this.name = 'GhlWaitEndedError';
  }
}

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

/**
 * Answers that prove GHL did not act on the request, so sending it again is safe even for a call
 * that must not run twice: 429 (rate limited before handling), 408 (RFC 9110: the server did not
 * receive the whole request), 423 (the resource was locked; the method was not applied), 425 (the
 * server refused to process a request that might be replayed).
 */
const NOT_ACTED_ON = new Set([408, 423, 425, 429]);

export function kindForStatus(status: number, operation: GhlOperation): GhlErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (NOT_ACTED_ON.has(status)) return 'transient';
  // The spec lists no 409 anywhere. On upsert the plausible cause is a concurrent write of the same
  // contact (two upserts matching one email/phone), which a later try resolves; upsert is idempotent, so
  // retrying is safe. On any other call a 409 is a real conflict (e.g. a duplicate) and final.
  if (status === 409) return operation === 'upsertContact' ? 'transient' : 'permanent';
  if (status >= 500) return isIdempotent(operation) ? 'transient' : 'unknown-outcome';
  return 'permanent';
}

/** Failures that happen before any byte of the request reaches GHL: nothing can have been done. */
const NOT_SENT_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The connection broke or timed out once it existed: the request may have reached GHL. */
const MAYBE_SENT_CODES = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
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
 * AbortSignal.timeout as a `TimeoutError`. A timeout or a broken connection may come after GHL got the
 * request: for an idempotent call that is still "offline" (resending is harmless); for a call that must
 * not run twice it is an unknown outcome. Only a failure known to precede sending stays offline for both.
 * (A timeout cannot tell "never connected" from "sent, no answer", so it counts as maybe sent.)
 */
export function classifyNetworkError(
  err: unknown,
  operation: GhlOperation,
  timeoutMs: number,
  scrub: (text: string) => string = (text) => text,
): GhlError {
  const name = err instanceof Error ? err.name : '';
  const code = errorCode(err);
  const isTimeout = name === 'TimeoutError';
  const isFetchFailure = err instanceof TypeError && /fetch failed|terminated|network/i.test(err.message);
  const isNotSent = code !== null && NOT_SENT_CODES.has(code);
  const isNetwork = isTimeout || isFetchFailure || isNotSent || (code !== null && MAYBE_SENT_CODES.has(code));
  const why = code ? ` (${code})` : '';
  const message = isTimeout
    ? `No answer from GoHighLevel within ${timeoutMs} ms`
    : isNotSent
      ? `Network error${why}: cannot reach GoHighLevel`
      : isNetwork
        ? `The connection to GoHighLevel broke before it answered${why}`
        : scrub(err instanceof Error ? err.message : String(err));
  if (!isIdempotent(operation) && !isNotSent) {
    return new GhlOutcomeUnknownError({ operation, message: `${message}; GoHighLevel may have done ${operation} already` });
  }
  // Anything else (a bug, an unexpected throw) is treated as transient so it is retried a bounded number of times.
  return new GhlError({ kind: isNetwork ? 'offline' : 'transient', operation, message });
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
    case 'unknown-outcome':
      return `The answer from GoHighLevel was lost, so it is not known whether ${err.operation ?? 'the request'} went through; GoHighLevel is checked before anything is sent again`;
    case 'superseded':
      return 'The lead changed while it was being sent; its newer version is sent instead';
  }
}
