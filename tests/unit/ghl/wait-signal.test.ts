/**
 * GhlClientOptions.waitSignal: the sync stops while a call waits for its turn (a 429's Retry-After of two minutes):
 * the call is dropped unsent, at once, instead of keeping the stop (and `rlm sync --timeout`) waiting until its
 * thread was terminated. A request already on its way is never cut by it: its answer may have acted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GhlRequestSupersededError } from '../../../electron/ghl';
import { LOC, clientFor, rejection } from './helpers';
import { startScriptedServer, type ScriptedServer } from './scripted-server';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('a client whose waits end (the sync stops)', () => {
  it('drops a call waiting out a 429’s Retry-After, unsent and at once', async () => {
    server = await startScriptedServer(() => ({ status: 429, body: { statusCode: 429, message: 'Too Many Requests' }, headers: { 'Retry-After': '120' } }));
    const stop = new AbortController();
    const { client } = clientFor(server.url, { waitSignal: stop.signal });
    const started = Date.now();
    const call = rejection(client.getLocation(LOC));
    setTimeout(() => stop.abort(), 200);
    const error = await call;
    expect(error).toBeInstanceOf(GhlRequestSupersededError);
    expect((error as Error).message).toMatch(/sending stopped while it waited for its turn/);
    expect(Date.now() - started).toBeLessThan(2_000);
    // Its first try went; the second never left.
    expect(server.requests).toHaveLength(1);
  });

  it('drops a call whose waits ended before it began, sending nothing', async () => {
    server = await startScriptedServer(() => ({ status: 200, body: { location: { id: LOC, name: 'Acme' } } }));
    const stop = new AbortController();
    stop.abort();
    const { client } = clientFor(server.url, { waitSignal: stop.signal });
    expect(await rejection(client.getLocation(LOC))).toBeInstanceOf(GhlRequestSupersededError);
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
