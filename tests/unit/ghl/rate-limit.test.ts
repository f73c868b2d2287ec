import { afterEach, describe, expect, it } from 'vitest';
import { GhlError, RateLimiter, plainLanguage } from '../../../electron/ghl';
import { LOC, clientFor, rejection, startSim } from './helpers';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';

let sim: GhlSimulator;
afterEach(async () => sim?.close());

describe('RateLimiter', () => {
  it('starts at the documented 100 / 10 s and follows the headers', () => {
    const limiter = new RateLimiter();
    expect(limiter.snapshot()).toMatchObject({ max: 100, intervalMs: 10_000, remaining: null, pausedUntil: null });
    limiter.observe(
      new Headers({
        'X-RateLimit-Max': '25',
        'X-RateLimit-Interval-Milliseconds': '10000',
        'X-RateLimit-Remaining': '20',
        'X-RateLimit-Limit-Daily': '10000',
        'X-RateLimit-Daily-Remaining': '9000',
      }),
    );
    expect(limiter.snapshot()).toMatchObject({ max: 25, remaining: 20, dailyLimit: 10_000, dailyRemaining: 9000 });
  });

  it('enters a daily-limit state until the next UTC midnight', async () => {
    let now = Date.UTC(2025, 0, 1, 18, 0, 0);
    const limiter = new RateLimiter({ now: () => now });
    limiter.observe(new Headers({ 'X-RateLimit-Daily-Remaining': '0' }));
    const err = (await rejection(limiter.acquire())) as GhlError;
    expect(err.kind).toBe('daily-limit');
    expect(err.resetsAt?.toISOString()).toBe('2025-01-02T00:00:00.000Z');
    expect(limiter.snapshot().pausedUntil).toBe(Date.UTC(2025, 0, 2));
    expect(plainLanguage(err)).toMatch(/daily/);
    now = Date.UTC(2025, 0, 2, 0, 0, 1);
    await expect(limiter.acquire()).resolves.toBeUndefined();
    expect(limiter.snapshot().requestsToday).toBe(1);
  });

  it('spaces requests at interval/max × 1.01', async () => {
    const limiter = new RateLimiter({ max: 10, intervalMs: 200 });
    const started = Date.now();
    for (let i = 0; i < 6; i++) await limiter.acquire();
    // 5 gaps of 20.2 ms
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });
});

describe('client rate limiting against the simulator', () => {
  it('waits Retry-After on 429, then succeeds', async () => {
    sim = await startSim();
    const { client, attempts } = clientFor(sim.url);
    sim.force429(1, { retryAfterSec: 1 });
    const started = Date.now();
    await expect(client.getLocation(LOC)).resolves.toMatchObject({ id: LOC });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(attempts.map((a) => a.status)).toEqual([429, 200]);
    expect(attempts[0]?.errorKind).toBe('transient');
  });

  it('without Retry-After waits the announced interval', async () => {
    sim = await startSim({ rateLimit: { max: 50, intervalMs: 500 } });
    const { client, attempts } = clientFor(sim.url);
    await client.getLocation(LOC); // learns the 500 ms interval from the headers
    sim.force429(1);
    const started = Date.now();
    await client.getLocation(LOC);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(attempts.map((a) => a.status)).toEqual([200, 429, 200]);
  });

  it('paces to the announced limit with zero 429s (10 per 1000 ms: 25 requests ≥ ~2 s)', async () => {
    sim = await startSim({ rateLimit: { max: 10, intervalMs: 1000 } });
    const { client, attempts } = clientFor(sim.url);
    const started = Date.now();
    await Promise.all(Array.from({ length: 25 }, () => client.getLocation(LOC)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(attempts.filter((a) => a.status === 429)).toHaveLength(0);
    expect(attempts).toHaveLength(25);
  });

  it('slows down when the server announces a lower limit mid-run', async () => {
    sim = await startSim();
    const { client, attempts } = clientFor(sim.url);
    await client.getLocation(LOC);
    sim.setRateLimit({ max: 3, intervalMs: 600 }); // 5 req/s, half the default pace
    await client.getLocation(LOC); // this answer announces the new limit
    const started = Date.now();
    await Promise.all(Array.from({ length: 9 }, () => client.getLocation(LOC)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(attempts.filter((a) => a.status === 429)).toHaveLength(0);
    expect(client.rateLimiter.snapshot()).toMatchObject({ max: 3, intervalMs: 600 });
  });

  it('stops with daily-limit when the daily budget is spent, without retrying', async () => {
    sim = await startSim({ rateLimit: { daily: 3 } });
    const { client, attempts } = clientFor(sim.url);
    for (let i = 0; i < 3; i++) await client.getLocation(LOC);
    // The third answer said Daily-Remaining: 0, so the limiter refuses before sending.
    const err = (await rejection(client.getLocation(LOC))) as GhlError;
    expect(err).toBeInstanceOf(GhlError);
    expect(err.kind).toBe('daily-limit');
    expect(err.resetsAt?.getTime()).toBeGreaterThan(Date.now());
    expect(sim.requests()).toHaveLength(3);
    expect(attempts.at(-1)?.errorKind).toBe('daily-limit');
  });

  it('classifies a daily-limit 429 from the server (limiter did not know)', async () => {
    sim = await startSim();
    sim.setDailyUsed(LOC, 200_000);
    const { client, attempts } = clientFor(sim.url);
    const err = (await rejection(client.getLocation(LOC))) as GhlError;
    expect(err.kind).toBe('daily-limit');
    expect(attempts).toHaveLength(1);
  });
});
