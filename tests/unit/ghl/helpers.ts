import { GhlClient, RateLimiterRegistry } from '../../../electron/ghl';
import { startGhlSimulator } from '../../../electron/ghl-sandbox/server';
import type { AttemptRecord, GhlClientOptions } from '../../../electron/ghl';
import type { GhlSimulatorOptions } from '../../../electron/ghl-sandbox/server';

export const TOKEN = 'pit-secret-token-AAAA1111';
export const TOKEN_B = 'pit-secret-token-BBBB2222';
export const LOC = 'locAAAAAAAAAAAAAAAAA';
export const LOC_B = 'locBBBBBBBBBBBBBBBBB';

export function startSim(overrides: Partial<GhlSimulatorOptions> = {}) {
  return startGhlSimulator({
    locations: [
      { id: LOC, name: 'Acme Roofing', token: TOKEN, allowDuplicateContact: false },
      { id: LOC_B, name: 'Bravo Roofing', token: TOKEN_B, allowDuplicateContact: true },
    ],
    seed: 42,
    ...overrides,
  });
}

/** A client with its own limiter registry and tiny retry delays so tests stay fast. */
export function clientFor(url: string, overrides: Partial<GhlClientOptions> = {}) {
  const attempts: AttemptRecord[] = [];
  const client = new GhlClient({
    baseUrl: url,
    token: TOKEN,
    locationId: LOC,
    timeoutMs: 2_000,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    rateLimiters: new RateLimiterRegistry(),
    onAttempt: (a) => attempts.push(a),
    ...overrides,
  });
  return { client, attempts };
}

export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}
