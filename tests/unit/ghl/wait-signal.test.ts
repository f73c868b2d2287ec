/**
 * GhlClientOptions.waitSignal: the sync stops while a call waits for its turn (a 429's Retry-After of two minutes):
 * the call ends at once, instead of keeping the stop (and `rlm sync --timeout`) waiting until its thread was
 * terminated: with its last try's error when GHL answered one, else dropped unsent. A request already on its way is
 * never cut by it: its answer may have acted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GhlError, GhlRequestSupersededError, GhlWaitEndedError } from '../../../electron/ghl';
import { LOC, clientFor, rejection } from './helpers';
import { startScriptedServer, type ScriptedServer } from './scripted-server';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('a client whose waits end (the sync stops)', () => {
  it('ends a call waiting out a 429’s Retry-After at once, with the 429 (GHL did nothing); its next try never leaves', async () => {
    server = await startScriptedServer(() => ({ status: 429, body: { statusCode: 429, message: 'Too Many Requests' }, headers: { 'Retry-After': '120' } }));
    const stop = new AbortController();
    const { client } = clientFor(server.url, { waitSignal: stop.signal });
    const started = Date.now();
    const call = rejection(client.getLocation(LOC));
    setTimeout(() => stop.abort(), 200);
    const error = await call;
    // The try GHL answered is the call's outcome: a 429 uses none of a lead's tries (company-lane.ts).
    expect(error).toBeInstanceOf(GhlError);
    expect(error).toMatchObject({ status: 429 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });

  // The review: a 5xx to a bulk tag call may have tagged; a dropped retry that said "nothing was sent" made the lane
  // forget the tags that may have landed.
  it('ends a call whose retry pause is cut with the error GHL answered, which says what it may have done', async () => {
    server = await startScriptedServer(() => ({ status: 503, body: { message: 'Service Unavailable' } }));
    const stop = new AbortController();
    const { client } = clientFor(server.url, { waitSignal: stop.signal, retry: { attempts: 3, baseDelayMs: 5_000, maxDelayMs: 5_000, random: () => 0.99 } });
    const call = rejection(client.getLocation(LOC));
    setTimeout(() => stop.abort(), 200);
    const error = await call;
    expect(error).not.toBeInstanceOf(GhlRequestSupersededError);
    expect(error).toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
  });

  it('drops a call whose waits ended before it began, sending nothing', async () => {
    server = await startScriptedServer(() => ({ status: 200, body: { location: { id: LOC, name: 'Acme' } } }));
    const stop = new AbortController();
    stop.abort();
    const { client } = clientFor(server.url, { waitSignal: stop.signal });
    const error = await rejection(client.getLocation(LOC));
    expect(error).toBeInstanceOf(GhlWaitEndedError);
    // A dropped call is a superseded one for the lane: back to the queue, no try used.
    expect(error).toBeInstanceOf(GhlRequestSupersededError);
    expect((error as Error).message).toMatch(/sending stopped while it waited for its turn/);
    expect(server.requests).toHaveLength(0);
  });

  it('never cuts a request already on its way: it ends with its own answer', async () => {
    server = await startScriptedServer(() => ({ hang: true }));
    const stop = new AbortController();
    const { client } = clientFor(server.url, { waitSignal: stop.signal, timeoutMs: 1_000, retry: { attempts: 1 } });
    const started = Date.now();
    const call = rejection(client.upsertContact({ locationId: LOC, phone: '+15125550110' }));
    setTimeout(() => stop.abort(), 200);
    const error = await call;
    // Its own timeout ended it (an outcome GHL may have acted on), not the stop.
    expect(error).not.toBeInstanceOf(GhlRequestSupersededError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});
