/**
 * One HTTP attempt against GoHighLevel. The request itself is built by openapi-fetch from the spec
 * (spec.ts); `sendOnce` hands it a `fetch` that waits for the location's rate limiter, applies the
 * timeout, feeds the rate-limit headers back and reads the whole answer, then classifies the result
 * per operation (errors.ts) and reports the attempt. The token is only ever placed in the Authorization
 * header and is scrubbed from every message that leaves this module.
 */
import {
  GhlError,
  GhlOutcomeUnknownError,
  GhlRequestSupersededError,
  GhlWaitEndedError,
  classifyNetworkError,
  ghlMessage,
  kindForStatus,
} from './errors';
import { anySignal } from '../lib/any-signal';
import { isIdempotent } from './operations';
import { LONG_PAUSE_MS, parseRetryAfterMs, type RateLimiter } from './rate-limiter';
import type { GhlErrorInit, GhlErrorKind } from './errors';
import type { GhlOperation } from './operations';


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
  token: string;
  timeoutMs: number;
  limiter: RateLimiter;
  onAttempt?: ((attempt: AttemptRecord) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** Ends the rate limiter's wait before the request leaves, dropping it unsent (GhlClientOptions.waitSignal); never a request on its way. */
  waitSignal?: AbortSignal | undefined;
  /** Asked again once the rate limiter grants a slot, right before sending (the wait can be long). */
  shouldContinue?: (() => boolean) | undefined;
  /** Told right before the request leaves (client.ts CallOptions.onSend); what it throws stops the call unsent. */
  onSend?: (() => void) | undefined;
}

/** What the caller's onSend threw: carried past the "nothing sent, retry" handling to the caller unchanged. */
class SendRefusedByCaller extends Error {
  constructor(readonly reason: unknown) {
    super('the caller stopped the request before it left');
  }
}

/** The fetch openapi-fetch calls for one attempt. */
export type WireFetch = (request: Request) => Promise<Response>;

/** An openapi-fetch result, read loosely: the data on success, the parsed error body otherwise. */
export interface ApiAnswer<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

export interface HttpResult<D> {
  status: number;
  /** Undefined when GHL answered with an empty body. */
  data: D | undefined;
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

function isDailyLimitResponse(status: number, headers: Headers, message: string): boolean {
  return status === 429 && (headers.get('x-ratelimit-daily-remaining')?.trim() === '0' || /daily/i.test(message));
}

/** A GhlError of the kind given, or a GhlOutcomeUnknownError when the kind says so. */
function ghlError(init: GhlErrorInit & { operation: GhlOperation }): GhlError {
  return init.kind === 'unknown-outcome' ? new GhlOutcomeUnknownError(init) : new GhlError(init);
}

/**
 * GHL answered but the answer could not be read (cut off, not JSON). A success status means GHL did
 * the work: harmless to repeat for an idempotent call, an unknown result (e.g. which note id) otherwise.
 */
function unreadableAnswer(operation: GhlOperation, status: number, what: string): GhlError {
  const kind: GhlErrorKind = status < 300 ? (isIdempotent(operation) ? 'transient' : 'unknown-outcome') : kindForStatus(status, operation);
  return ghlError({ kind, operation, status, message: `The answer from GoHighLevel (HTTP ${status}) ${what}` });
}

/** Tracks how far one attempt got, so a failure after the answer arrived is not mistaken for "nothing sent". */
interface AttemptProgress {
  status: number | null;
  /** When the request left, after its wait for the rate limiter: the attempt's time (null: it never left). */
  sentAt: number | null;
}

/** The rate limiter's slot; a wait that `waitSignal` ends drops the request unsent, as a superseded one. */
async function waitForSlot(ctx: HttpContext, operation: GhlOperation): Promise<void> {
  try {
    await ctx.limiter.acquire(anySignal(ctx.signal, ctx.waitSignal));
  } catch (error) {
    // The caller's own cancel passes through as it is.
    if (!ctx.signal?.aborted && ctx.waitSignal?.aborted) throw new GhlWaitEndedError(operation);
    throw error;
  }
}

async function wireFetch(ctx: HttpContext, operation: GhlOperation, request: Request, progress: AttemptProgress): Promise<Response> {
  await waitForSlot(ctx, operation);
  if (ctx.shouldContinue && !ctx.shouldContinue()) throw new GhlRequestSupersededError(operation);
  try {
    ctx.onSend?.();
  } catch (error) {
    throw new SendRefusedByCaller(error);
  }
  progress.sentAt = Date.now();
  // The timeout covers sending and reading the whole answer, not the wait for the limiter.
  const timeout = AbortSignal.timeout(ctx.timeoutMs);
  const signal = ctx.signal ? AbortSignal.any([timeout, ctx.signal]) : timeout;
  let res: Response;
  try {
    res = await fetch(request, { signal });
  } catch (err) {
    // The caller cancelled: not a GHL failure, pass the abort through untouched.
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    throw classifyNetworkError(err, operation, ctx.timeoutMs, (text) => redact(text, ctx.token));
  }
  progress.status = res.status;
  ctx.limiter.observe(res.headers);
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    throw unreadableAnswer(operation, res.status, `was cut off (${err instanceof Error ? err.name : 'error'})`);
  }
  // The whole body is in hand: openapi-fetch parses it from this copy.
  return new Response(text === '' ? null : text, { status: res.status, statusText: res.statusText, headers: res.headers });
}

/**
 * Runs one openapi-fetch call as one attempt. `send` makes the typed call with the given fetch; a
 * non-2xx answer becomes a classified GhlError, as does any failure on the way.
 */
export async function sendOnce<D>(
  ctx: HttpContext,
  operation: GhlOperation,
  send: (fetch: WireFetch) => Promise<ApiAnswer<D>>,
): Promise<HttpResult<D>> {
  const startedAt = Date.now();
  const progress: AttemptProgress = { status: null, sentAt: null };
  const report = (status: number | null, err: GhlError | null, traceId: string | null): void => {
    // Timed when the request left, not when it began waiting for the rate limiter: eight 429s over 70 s, each stamped
    // before its wait, spanned 40 s, and "GHL turns calls away" (a minute at least: call-trouble.ts) was not said in time.
    const at = progress.sentAt ?? startedAt;
    ctx.onAttempt?.({ operation, status, errorKind: err?.kind ?? null, message: err ? err.message : null, traceId, durationMs: Date.now() - at, at });
  };
  const fail = (err: GhlError): never => {
    // A request dropped before sending is not an attempt.
    if (err.kind !== 'superseded') report(err.status, err, err.traceId);
    throw err;
  };

  let answer: ApiAnswer<D>;
  try {
    answer = await send((request) => wireFetch(ctx, operation, request, progress));
  } catch (err) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    if (err instanceof SendRefusedByCaller) throw err.reason;
    if (err instanceof GhlError) return fail(err);
    // The answer arrived but openapi-fetch could not parse it (a 2xx body that is not JSON).
    if (progress.status !== null) return fail(unreadableAnswer(operation, progress.status, 'is not valid JSON'));
    // Thrown before anything was sent (e.g. a URL that cannot be built): retrying sends nothing twice.
    return fail(new GhlError({ kind: 'transient', operation, message: redact(err instanceof Error ? err.message : String(err), ctx.token) }));
  }

  const { response } = answer;
  const traceId = traceIdOf(response.ok ? answer.data : answer.error, response.headers);
  if (!response.ok) {
    const status = response.status;
    const message = redact(ghlMessage(answer.error, `HTTP ${status}`), ctx.token);
    if (isDailyLimitResponse(status, response.headers, message)) {
      ctx.limiter.markDailyExhausted();
      const resetsAt = new Date(ctx.limiter.snapshot().pausedUntil ?? Date.now());
      return fail(new GhlError({ kind: 'daily-limit', status, message, traceId, operation, resetsAt }));
    }
    let retryAfterMs: number | null = null;
    if (status === 429) {
      retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), Date.now());
      ctx.limiter.onTooManyRequests(retryAfterMs);
      // GHL asks to wait long (its limit for the location is used up for a while): the company pauses until
      // then, where the office sees it, instead of its leads reading "sending" for hours while nothing moves.
      if (retryAfterMs !== null && retryAfterMs >= LONG_PAUSE_MS) {
        return fail(new GhlError({ kind: 'daily-limit', status, message, traceId, operation, resetsAt: new Date(ctx.limiter.snapshot().pausedUntil ?? Date.now() + retryAfterMs) }));
      }
    }
    return fail(ghlError({ kind: kindForStatus(status, operation), status, message, traceId, operation, retryAfterMs }));
  }

  report(response.status, null, traceId);
  return { status: response.status, data: answer.data, traceId };
}
