/** The simulator's per-location limits: a sliding burst window and a daily counter, like GHL's. */
export interface SimRateLimit {
  max: number;
  intervalMs: number;
  daily: number;
}

export type RateDecision = { ok: true } | { ok: false; reason: 'burst' | 'daily'; retryAfterMs: number };

export class RateWindow {
  private accepted: number[] = [];
  private dailyUsed = 0;
  private day: number;
  /** Requests to answer with 429 regardless of the window (a storm); Retry-After seconds or null. */
  private forced: Array<number | null> = [];

  /** `now` only sets the starting day; every decision takes the time it is given (the simulator's clock). */
  constructor(
    public limit: SimRateLimit,
    now: () => number = Date.now,
  ) {
    this.day = utcDay(now());
  }

  force(count: number, retryAfterSec: number | null): void {
    for (let i = 0; i < count; i++) this.forced.push(retryAfterSec);
  }

  takeForced(): { retryAfterSec: number | null } | null {
    if (this.forced.length === 0) return null;
    return { retryAfterSec: this.forced.shift() ?? null };
  }

  /** Counts the request when it is within the limits; a rejected request does not use the budget. */
  admit(now: number): RateDecision {
    this.prune(now);
    if (this.dailyUsed >= this.limit.daily) return { ok: false, reason: 'daily', retryAfterMs: nextUtcMidnight(now) - now };
    if (this.accepted.length >= this.limit.max) {
      const oldest = this.accepted[this.accepted.length - this.limit.max] ?? now;
      return { ok: false, reason: 'burst', retryAfterMs: oldest + this.limit.intervalMs - now };
    }
    this.accepted.push(now);
    this.dailyUsed += 1;
    return { ok: true };
  }

  headers(now: number): Record<string, string> {
    this.prune(now);
    return {
      'X-RateLimit-Max': String(this.limit.max),
      'X-RateLimit-Remaining': String(Math.max(0, this.limit.max - this.accepted.length)),
      'X-RateLimit-Interval-Milliseconds': String(this.limit.intervalMs),
      'X-RateLimit-Limit-Daily': String(this.limit.daily),
      'X-RateLimit-Daily-Remaining': String(Math.max(0, this.limit.daily - this.dailyUsed)),
    };
  }

  setDailyUsed(n: number, now: number): void {
    this.prune(now);
    this.dailyUsed = n;
  }

  private prune(now: number): void {
    const today = utcDay(now);
    if (today !== this.day) {
      this.day = today;
      this.dailyUsed = 0;
    }
    while (this.accepted.length > 0 && (this.accepted[0] ?? 0) <= now - this.limit.intervalMs) this.accepted.shift();
  }
}

const utcDay = (t: number): number => Math.floor(t / 86_400_000);
const nextUtcMidnight = (t: number): number => (utcDay(t) + 1) * 86_400_000;
