/**
 * Bounded retries for GoHighLevel failures whose kind is `transient` (an idempotent call's 5xx, or an
 * answer proving GHL did not act: 429, 408, 423, 425, 409 on upsert). Backoff is exponential with full
 * jitter (a random wait in [0, base·2^n], capped) so many workers do not retry in lock-step. Other
 * kinds are not retried here: offline is the durable queue's job, unknown-outcome must be resolved by
 * asking GHL (a call that must not run twice is never resent blindly), auth/permanent/daily-limit need
 * a person or a new day. Which kind a failure gets per call is decided in errors.ts, not here.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry, { AbortError } from 'p-retry';
import { GhlRequestSupersededError, GhlWaitEndedError, isGhlError } from './errors';
import { anySignal } from '../lib/any-signal';
import { fullJitterMs } from '../lib/backoff';
import type { GhlOperation } from './operations';

export interface RetryOptions {
  /** Total attempts including the first. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected for tests; returns [0, 1). */
  random?: () => number;
  signal?: AbortSignal;
  /**
   * Ends the pause before a retry (and any attempt not begun): nothing more is sent, and the call ends with its last
   * try's error, or a GhlWaitEndedError before any try. Unlike `signal`, a request already on its way is never cut
   * (GhlClientOptions.waitSignal).
   */
  waitSignal?: AbortSignal;
  /**
   * Asked before every attempt (the first included); false drops the request: with a GhlRequestSupersededError
   * before the first try (e.g. the lead it carries was edited meanwhile), else with the last try's error.
   */
  shouldContinue?: () => boolean;
  /** Named in the superseded error. */
  operation?: GhlOperation;
}

export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const base = options.baseDelayMs ?? 250;
  const cap = options.maxDelayMs ?? 5_000;
  const random = options.random ?? Math.random;
  const { signal, shouldContinue, waitSignal } = options;
  // The last try's error, GHL's answer (or none): when the waits end before the next try, the call ends with it.
  let lastFailure: Error | null = null;
  // The first try GHL may have carried out (a 5xx): it outranks a later answer that proves only that try did nothing
  // (a 429), or the call would end as if nothing had been done (a review: 503, then 429, then dropped).
  let mayHaveActed: Error | null = null;
  const outcome = () => mayHaveActed ?? lastFailure;
  const waitEnded = () => outcome() ?? new GhlWaitEndedError(options.operation ?? null);
  // A retry dropped because the caller no longer wants it (the lead was edited, its window closed) ends the same way:
  // "superseded" says nothing was sent, and a bulk tag call answered 503 may have tagged (texted) its 50 contacts. The
  // lane forgot those tags on "superseded", and the day's cap did not count them (a review).
  const dropped = () => outcome() ?? new GhlRequestSupersededError(options.operation ?? null);
  // The pause before a retry ends on either: the caller's cancel, or the end of waiting.
  const pauseSignal = anySignal(signal, waitSignal);
  // The tries ran out on an answer that proves only its own try did nothing (a 429, 408, 423, 425: the transient
  // answers below 500): an earlier one may have acted. Any other answer speaks for itself (a 404 to a delete: gone).
  const provesNothing = (error: unknown) =>
    error instanceof GhlRequestSupersededError || (isGhlError(error) && error.isRetryable && error.status !== null && error.status < 500);
  const preferActed = (error: unknown): never => {
    // A refused key stays the outcome (the company waits for a new one), with word of the earlier try: the sync reads a
    // refused key as "GHL did nothing" only without one (company-lane.ts).
    if (mayHaveActed !== null && isGhlError(error) && error.kind === 'auth') error.earlierTryMayHaveActed = true;
    throw mayHaveActed !== null && error !== mayHaveActed && provesNothing(error) ? mayHaveActed : error;
  };
  return pRetry(
    async () => {
      if (waitSignal?.aborted && !signal?.aborted) throw new AbortError(waitEnded());
      if (shouldContinue && !shouldContinue()) throw new AbortError(dropped());
      try {
        return await fn();
      } catch (err) {
        // Dropped in the rate limiter's wait (http.ts): the try before it, if any, is the call's outcome.
        if (err instanceof GhlWaitEndedError) throw new AbortError(waitEnded());
        // Dropped right before sending (http.ts asks shouldContinue again after the limiter's wait): the same.
        if (err instanceof GhlRequestSupersededError) throw new AbortError(dropped());
        // Only GhlErrors of kind transient are worth another try; AbortError makes p-retry stop at once.
        if (isGhlError(err) && err.isRetryable) {
          lastFailure = err;
          if (mayHaveActed === null && (err.status === null || err.status >= 500)) mayHaveActed = err;
          throw err;
        }
        throw new AbortError(err instanceof Error ? err : new Error(String(err)));
      }
    },
    {
      retries: attempts - 1,
      // The delay is ours (full jitter, awaited in onFailedAttempt); p-retry's own timer is zeroed.
      minTimeout: 0,
      maxTimeout: 0,
      randomize: false,
      ...(signal ? { signal } : {}),
      onFailedAttempt: async ({ attemptNumber, retriesLeft }) => {
        if (retriesLeft <= 0) return;
        const delay = fullJitterMs(attemptNumber, base, cap, random);
        if (delay <= 0) return;
        try {
          await sleep(delay, undefined, pauseSignal ? { signal: pauseSignal } : undefined);
        } catch (error) {
          // Thrown here, it ends the retries (p-retry rejects with it): nothing more was sent, and the last try's
          // error says what GHL may have done.
          if (waitSignal?.aborted && !signal?.aborted) throw waitEnded();
          throw error;
        }
      },
    },
  ).catch(preferActed);
}
