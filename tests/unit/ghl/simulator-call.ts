/** Plain fetch against the simulator with the headers GHL requires (the client is not used on purpose). */
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';

// Loose on purpose: tests read whatever JSON the simulator answered.
export interface SimReply {
  status: number;
  headers: Headers;
  body: Record<string, any>;
}

export function caller(sim: () => GhlSimulator) {
  return async (token: string, method: string, path: string, body?: unknown, options: { timeoutMs?: number } = {}): Promise<SimReply> => {
    const r = await fetch(sim().url + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, Version: '2021-07-28', 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
    });
    return { status: r.status, headers: r.headers, body: (await r.json()) as Record<string, any> };
  };
}

/** The error a request ended with (a network failure or abort), or a thrown error if it got an answer. */
export async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the request to fail without an answer');
}
