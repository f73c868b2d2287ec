/**
 * What the client does with each kind of failure, per call: idempotent calls are retried, a call
 * that must not run twice is sent again only after an answer that proves GHL did not act on it.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GhlError, GhlOutcomeUnknownError, GhlRequestSupersededError, plainLanguage } from '../../../electron/ghl';
import { LOC, clientFor, rejection } from './helpers';
import { inOrder, startScriptedServer } from './scripted-server';
import type { Answer, ScriptedServer } from './scripted-server';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const LOCATION_OK: Answer = { status: 200, body: { location: { id: LOC, name: 'Acme', timezone: 'America/Chicago' } } };
const ENROLLED: Answer = { status: 200, body: { succeded: true } };
const UPSERTED: Answer = { status: 200, body: { new: true, contact: { id: 'c1' } } };

async function serve(...answers: Answer[]) {
  server = await startScriptedServer(inOrder(...answers));
  return server;
}

async function refusedUrl(): Promise<string> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const addr = srv.address();
  await new Promise<void>((r) => srv.close(() => r()));
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 1}`;
}

describe('retryable answers', () => {
  for (const status of [408, 423, 425]) {
    it(`retries ${status} with backoff on a read, and on an enrolment (GHL did not act on it)`, async () => {
      const s = await serve({ status, body: { statusCode: status, message: 'try again' } }, LOCATION_OK);
      const { client, attempts } = clientFor(s.url);
      await expect(client.getLocation(LOC)).resolves.toMatchObject({ id: LOC });
      expect(attempts.map((a) => [a.status, a.errorKind])).toEqual([[status, 'transient'], [200, null]]);

      await s.close();
      const s2 = await serve({ status, body: { statusCode: status, message: 'try again' } }, ENROLLED);
      await clientFor(s2.url).client.addToWorkflow('c1', 'wf1');
      expect(s2.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    });
  }

  it('retries 409 on upsert (a concurrent write of the same contact), not on add tags', async () => {
    const s = await serve({ status: 409, body: { statusCode: 409, message: 'Conflict' } }, UPSERTED);
    const { client } = clientFor(s.url);
    await expect(client.upsertContact({ locationId: LOC, email: 'a@b.com' })).resolves.toMatchObject({ contactId: 'c1' });
    expect(s.requests).toHaveLength(2);

    await s.close();
    const s2 = await serve({ status: 409, body: { statusCode: 409, message: 'Conflict' } }, { status: 201, body: { tags: ['x'] } });
    const err = (await rejection(clientFor(s2.url).client.addTags('c1', ['x']))) as GhlError;
    expect(err).toMatchObject({ kind: 'permanent', status: 409 });
    expect(s2.requests).toHaveLength(1);
  });

  it('retries a 429 on an enrolment: GHL refused it before doing anything', async () => {
    const s = await serve({ status: 429, body: { statusCode: 429, message: 'Too Many Requests' }, headers: { 'Retry-After': '0' } }, ENROLLED);
    const { client } = clientFor(s.url);
    await client.addToWorkflow('c1', 'wf1');
    expect(s.requests).toHaveLength(2);
  });
});

describe('a call that must not run twice is never resent blindly', () => {
  it('a 5xx on add-to-workflow is sent once and reported as an unknown outcome', async () => {
    const s = await serve({ status: 502, body: { statusCode: 502, message: 'Bad Gateway' } }, ENROLLED);
    const { client, attempts } = clientFor(s.url);
    const err = (await rejection(client.addToWorkflow('c1', 'wf1'))) as GhlError;
    expect(s.requests).toHaveLength(1);
    expect(err).toBeInstanceOf(GhlOutcomeUnknownError);
    expect(err).toMatchObject({ kind: 'unknown-outcome', operation: 'addToWorkflow', status: 502 });
    expect(attempts).toEqual([expect.objectContaining({ status: 502, errorKind: 'unknown-outcome' })]);
    expect(plainLanguage(err)).toMatch(/not known whether addToWorkflow went through/);
  });

  it('a connection closed after the enrolment arrived is an unknown outcome, sent once', async () => {
    const s = await serve({ reset: true }, ENROLLED);
    const err = (await rejection(clientFor(s.url).client.addToWorkflow('c1', 'wf1'))) as GhlError;
    expect(err).toMatchObject({ kind: 'unknown-outcome', operation: 'addToWorkflow' });
    expect(s.requests).toHaveLength(1);
  });

  it('a timeout after the enrolment was sent is an unknown outcome', async () => {
    const s = await serve({ hang: true });
    const err = (await rejection(clientFor(s.url, { timeoutMs: 150 }).client.addToWorkflow('c1', 'wf1'))) as GhlError;
    expect(err).toMatchObject({ kind: 'unknown-outcome', operation: 'addToWorkflow' });
    expect(s.requests).toHaveLength(1);
  });

  it('a refused connection (nothing sent) stays offline', async () => {
    const err = (await rejection(clientFor(await refusedUrl()).client.addToWorkflow('c1', 'wf1'))) as GhlError;
    expect(err).toMatchObject({ kind: 'offline', operation: 'addToWorkflow' });
  });

  it('idempotent calls keep today’s behaviour: a 5xx on upsert is retried, a reset is offline', async () => {
    const s = await serve({ status: 503, body: { statusCode: 503, message: 'Unavailable' } }, UPSERTED);
    await expect(clientFor(s.url).client.upsertContact({ locationId: LOC, email: 'a@b.com' })).resolves.toMatchObject({ contactId: 'c1' });
    expect(s.requests).toHaveLength(2);
    await s.close();
    const s2 = await serve({ reset: true });
    expect(((await rejection(clientFor(s2.url).client.getLocation(LOC))) as GhlError).kind).toBe('offline');
  });
});

describe('shouldContinue: a request for an old version is dropped before each attempt', () => {
  it('drops the call before the first attempt: nothing sent, no attempt recorded', async () => {
    const s = await serve(UPSERTED);
    const { client, attempts } = clientFor(s.url);
    const err = await rejection(client.upsertContact({ locationId: LOC, email: 'a@b.com' }, { shouldContinue: () => false }));
    expect(err).toBeInstanceOf(GhlRequestSupersededError);
    expect(err).toMatchObject({ kind: 'superseded', operation: 'upsertContact' });
    expect(s.requests).toHaveLength(0);
    expect(attempts).toHaveLength(0);
  });

  // "Superseded" says nothing was sent; the first try was, and GHL's 503 may have done its work.
  it('drops the retry when the data changed after the first attempt failed, and ends with that attempt’s answer', async () => {
    const s = await serve({ status: 503, body: { statusCode: 503, message: 'Unavailable' } }, UPSERTED);
    let isCurrent = true;
    // The lead is edited while the first attempt is out.
    const { client } = clientFor(s.url, { onAttempt: () => (isCurrent = false) });
    const err = await rejection(client.upsertContact({ locationId: LOC, email: 'a@b.com' }, { shouldContinue: () => isCurrent }));
    expect(err).not.toBeInstanceOf(GhlRequestSupersededError);
    expect(err).toMatchObject({ status: 503 });
    expect(s.requests).toHaveLength(1);
  });

  // The review: a bulk tag call answered 503 may have tagged (texted) its contacts; a retry dropped because one of its
  // leads was edited ended "superseded", and the lane forgot those tags (not counted against the day's cap either).
  it('a bulk tag call answered 503 whose retry is dropped ends with the 503, which says it may have tagged', async () => {
    const s = await serve({ status: 503, body: { statusCode: 503, message: 'Unavailable' } }, { status: 201, body: { succeeded: true } });
    let isCurrent = true;
    const { client } = clientFor(s.url, { onAttempt: () => (isCurrent = false) });
    const err = await rejection(client.bulkAddTags(LOC, ['c1', 'c2'], ['reactivation'], { shouldContinue: () => isCurrent }));
    expect(err).not.toBeInstanceOf(GhlRequestSupersededError);
    expect(err).toMatchObject({ status: 503, kind: 'transient', operation: 'bulkAddTags' });
    expect(s.requests).toHaveLength(1);
  });

  // A review: 503 (may have tagged), then 429 (that try did nothing), then the tries ran out: the call ended with the
  // 429, and the lane forgot the tags the first try may have made.
  it('ends with the earlier 5xx when a later try only proves itself undone (a 429)', async () => {
    const s = await serve({ status: 503, body: { statusCode: 503, message: 'Unavailable' } }, { status: 429, body: { statusCode: 429, message: 'Too Many Requests' }, headers: { 'Retry-After': '0' } });
    const { client } = clientFor(s.url, { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const err = await rejection(client.bulkAddTags(LOC, ['c1', 'c2'], ['reactivation']));
    expect(err).toMatchObject({ status: 503 });
    expect(s.requests).toHaveLength(2);
  });

  // The sync reads a refused key as "GHL did nothing" and forgets the upsert's "maybe in GHL" mark: a 503 before it may
  // have acted all the same. The refused key stays the outcome (the company waits for a new one), and says so.
  it('says when a try before a refused key (a 401) may have acted', async () => {
    const s = await serve({ status: 503, body: { statusCode: 503, message: 'Unavailable' } }, { status: 401, body: { statusCode: 401, message: 'Invalid JWT' } });
    const { client } = clientFor(s.url, { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const err = await rejection(client.bulkAddTags(LOC, ['c1', 'c2'], ['reactivation']));
    expect(err).toMatchObject({ status: 401, kind: 'auth', earlierTryMayHaveActed: true });
    expect(s.requests).toHaveLength(2);
    const alone = await serve({ status: 401, body: { statusCode: 401, message: 'Invalid JWT' } });
    await expect(rejection(clientFor(alone.url).client.bulkAddTags(LOC, ['c1'], ['reactivation']))).resolves.toMatchObject({ status: 401, earlierTryMayHaveActed: false });
  });

  it('asks again after the rate limiter’s wait, right before sending', async () => {
    const s = await serve(LOCATION_OK);
    let asked = 0;
    const err = await rejection(clientFor(s.url).client.getLocation(LOC, { shouldContinue: () => ++asked < 2 }));
    expect(err).toBeInstanceOf(GhlRequestSupersededError);
    expect(asked).toBe(2);
    expect(s.requests).toHaveLength(0);
  });

  it('an aborted signal still rejects with the abort reason (not a GHL error)', async () => {
    const s = await serve({ hang: true });
    const controller = new AbortController();
    const pending = clientFor(s.url).client.getLocation(LOC, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stopped by the runner')), 50);
    const err = await rejection(pending);
    expect(err).not.toBeInstanceOf(GhlError);
    expect((err as Error).message).toBe('stopped by the runner');
  });
});
