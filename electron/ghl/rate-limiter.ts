/**
 * Per-location pacing for GoHighLevel. GHL allows a burst of `max` requests per sliding `interval`
 * (documented 100 / 10 s) and a daily budget (200,000). Measured: pacing at 99% of the limit gets
 * ~99% throughput with zero 429s, while pacing at exactly the limit draws occasional 429s. So requests
 * are spaced `interval / max × 1.01` apart and never more than `max` sit in the window. The server's
 * headers replace the defaults as soon as a response arrives (some accounts have lower limits).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { GhlError, nextUtcMidnight } from './errors';

export interface RateLimitSnapshot {
  max: number;
  intervalMs: number;
  /** X-RateLimit-Remaining from the last response; null before any response. */
  remaining: number | null;
  dailyRemaining: number | null;
  dailyLimit: number | null;
  /** Requests this limiter let through since the last UTC midnight. */
  requestsToday: number;
  /** Epoch ms until which no request is sent (429 back-off or daily limit); null when not paused. */
  pausedUntil: number | null;
}

export interface RateLimiterOptions {
  max?: number;
  intervalMs?: number;
  /** Margin over the exact limit; 1.01 = run at ~99%. */
  safety?: number;
  now?: () => number;
}

/** Reads a header case-insensitively from fetch Headers or a plain record. */
export type HeaderSource = Pick<Headers, 'get'>;

function intHeader(headers: HeaderSource, name: string): number | null {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** A pause (a 429's Retry-After) this long or longer is a pause of the company, shown with its end, not a wait inside a send. */
export const LONG_PAUSE_MS = 10 * 60_000;

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfterMs(raw: string | null, now: number): number | null {
  if (raw === null || raw.trim() === '') return null;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export class RateLimiter {
  private max: number;
  private intervalMs: number;
  private readonly safety: number;
  private readonly now: () => number;
  private remaining: number | null = null;
  private dailyRemaining: number | null = null;
  private dailyLimit: number | null = null;
  private requestsToday = 0;
  private dayStartedAt: number;
  private pausedUntil = 0;
  private dailyResetAt: number | null = null;
  /** Send times inside the current window, oldest first. */
  private sent: number[] = [];
  private lastSentAt = Number.NEGATIVE_INFINITY;
  /** Serialises waiters so slots are granted in arrival order. */
  private tail: Promise<void> = Promise.resolve();

  constructor(options: RateLimiterOptions = {}) {
    this.max = options.max ?? 100;
    this.intervalMs = options.intervalMs ?? 10_000;
    this.safety = options.safety ?? 1.01;
    this.now = options.now ?? Date.now;
    this.dayStartedAt = nextUtcMidnight(this.now()).getTime() - 86_400_000;
  }

  /** Waits for a slot and reserves it. Throws a `daily-limit` GhlError while the daily budget is spent. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.tail.then(() => this.waitForSlot(signal));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Learns the limits from a response's X-RateLimit-* headers. */
  observe(headers: HeaderSource): void {
    const max = intHeader(headers, 'x-ratelimit-max');
    const interval = intHeader(headers, 'x-ratelimit-interval-milliseconds');
    if (max !== null && max > 0) this.max = max;
    if (interval !== null && interval > 0) this.intervalMs = interval;
    this.remaining = intHeader(headers, 'x-ratelimit-remaining') ?? this.remaining;
    this.dailyLimit = intHeader(headers, 'x-ratelimit-limit-daily') ?? this.dailyLimit;
    const daily = intHeader(headers, 'x-ratelimit-daily-remaining');
    if (daily !== null) {
      this.dailyRemaining = daily;
      if (daily <= 0) this.dailyResetAt = nextUtcMidnight(this.now()).getTime();
    }
    // Another client on the same location may share the budget: the server's count wins over ours.
    if (this.remaining !== null && this.remaining <= 0) {
      const oldest = this.sent[0];
      this.pauseUntil(oldest === undefined ? this.now() + this.spacingMs() : oldest + this.intervalMs);
    }
  }

  /** After a 429: wait Retry-After when given, else one full interval. */
  onTooManyRequests(retryAfterMs: number | null): void {
    this.pauseUntil(this.now() + (retryAfterMs ?? this.intervalMs));
  }

  /** Call when a 429 says the daily budget is spent even without headers. */
  markDailyExhausted(): void {
    this.dailyRemaining = 0;
    this.dailyResetAt = nextUtcMidnight(this.now()).getTime();
  }

  snapshot(): RateLimitSnapshot {
    const now = this.now();
    this.rollDay(now);
    const paused = Math.max(this.pausedUntil, this.dailyResetAt ?? 0);
    return {
      max: this.max,
      intervalMs: this.intervalMs,
      remaining: this.remaining,
      dailyRemaining: this.dailyRemaining,
      dailyLimit: this.dailyLimit,
      requestsToday: this.requestsToday,
      pausedUntil: paused > now ? paused : null,
    };
  }

  private spacingMs(): number {
    return (this.intervalMs / this.max) * this.safety;
  }

  private pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at);
  }

  private rollDay(now: number): void {
    if (now - this.dayStartedAt >= 86_400_000) {
      this.dayStartedAt = nextUtcMidnight(now).getTime() - 86_400_000;
      this.requestsToday = 0;
    }
    if (this.dailyResetAt !== null && now >= this.dailyResetAt) {
      this.dailyResetAt = null;
      this.dailyRemaining = null;
    }
  }

  /** Ms to wait before the next request may go; 0 when it may go now. */
  private delayMs(now: number): number {
    // The window is `intervalMs` wide; a send older than that no longer counts.
    while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - this.intervalMs) this.sent.shift();
    let wait = Math.max(0, this.pausedUntil - now, this.lastSentAt + this.spacingMs() - now);
    if (this.sent.length >= this.max) {
      const oldest = this.sent[this.sent.length - this.max] ?? now;
      // Our send time is earlier than the server's arrival time, so a slot frees a little later on its
      // side: keep a margin (≥ 50 ms, covering request latency) or the boundary request draws a 429.
      const margin = Math.max(this.intervalMs * (this.safety - 1), 50);
      wait = Math.max(wait, oldest + this.intervalMs + margin - now);
    }
    return Math.ceil(wait);
  }

  /**
   * Waits until a request could go now, without taking its slot (the request then takes it at once): for a
   * call whose intent must not be written while it waits here — a kill during a long wait left an
   * enrolment GHL never received "unconfirmed", for a person to check. Throws as `acquire` does.
   */
  whenFree(signal?: AbortSignal): Promise<void> {
    return this.waitUntilFree(signal, () => {});
  }

  /** The daily budget is spent, or GHL asked for a long wait: requests give up at once. */
  private throwIfHalted(now: number): void {
    if (this.dailyResetAt !== null) {
      throw new GhlError({
        kind: 'daily-limit',
        message: 'The daily GoHighLevel request limit for this location is used up',
        status: 429,
        resetsAt: new Date(this.dailyResetAt),
      });
    }
    // GHL asked for a long wait (a 429's Retry-After): requests queued behind it give up at once, as on the
    // daily limit, and their company pauses until then instead of sleeping for hours in a send.
    if (this.pausedUntil - now >= LONG_PAUSE_MS) {
      throw new GhlError({
        kind: 'daily-limit',
        message: 'GoHighLevel asked to wait: its request limit for this location is used up for now',
        status: 429,
        resetsAt: new Date(this.pausedUntil),
      });
    }
  }

  private waitForSlot(signal?: AbortSignal): Promise<void> {
    return this.waitUntilFree(signal, (now) => {
      this.sent.push(now);
      this.lastSentAt = now;
      this.requestsToday += 1;
      if (this.remaining !== null) this.remaining = Math.max(0, this.remaining - 1);
    });
  }

  /** Sleeps until a request may go, then `take`s the moment (a slot, or nothing for `whenFree`). */
  private async waitUntilFree(signal: AbortSignal | undefined, take: (now: number) => void): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      this.rollDay(now);
      this.throwIfHalted(now);
      const wait = this.delayMs(now);
      if (wait <= 0) {
        take(now);
        return;
      }
      await sleep(wait, undefined, signal ? { signal } : undefined);
    }
  }
}

/** One limiter per location, shared by every client in this thread that talks to that location. */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, RateLimiter>();
  constructor(private readonly options: RateLimiterOptions = {}) {}

  get(locationId: string): RateLimiter {
    let limiter = this.limiters.get(locationId);
    if (!limiter) {
      limiter = new RateLimiter(this.options);
      this.limiters.set(locationId, limiter);
    }
    return limiter;
  }

  snapshot(): Record<string, RateLimitSnapshot> {
    return Object.fromEntries([...this.limiters].map(([id, l]) => [id, l.snapshot()]));
  }
}

export const sharedRateLimiters = new RateLimiterRegistry();
