import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GhlError, plainLanguage } from '../../../electron/ghl';
import { specValidator } from '../../../electron/ghl-sandbox/spec-validator';
import { LOC, LOC_B, TOKEN, clientFor, rejection, startSim } from './helpers';
import type { AttemptRecord } from '../../../electron/ghl';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';

let sim: GhlSimulator;
afterEach(async () => sim?.close());

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const addr = srv.address();
  await new Promise<void>((r) => srv.close(() => r()));
  return typeof addr === 'object' && addr ? addr.port : 1;
}

describe('GhlClient against the simulator', () => {
  it('runs every operation and sends spec-valid bodies with the required headers', async () => {
    sim = await startSim();
    const { client, attempts } = clientFor(sim.url);
    const loc = await client.getLocation(LOC);
    expect(loc).toMatchObject({ id: LOC, name: 'Acme Roofing', allowDuplicateContact: false });
    // Extra and forbidden properties (tags, dnd, unknown) are stripped even when the type is bypassed.
    const wide = { locationId: LOC, email: 'Ann@Roof.com', phone: '+15125550142', firstName: 'Ann', country: 'US', tags: ['x'], dnd: false, dndSettings: {}, favourite: 1 };
    const up = await client.upsertContact(wide);
    expect(up).toMatchObject({ isNew: true, dnd: false });
    expect(up.traceId).toBeTruthy();
    expect((await client.upsertContact({ locationId: LOC, email: 'ann@roof.com' })).contactId).toBe(up.contactId);
    expect(await client.addTags(up.contactId, ['reactivation'])).toEqual(['reactivation']);
    const bulk = await client.bulkAddTags(LOC, [up.contactId, 'nope'], ['b']);
    expect(bulk).toEqual([
      { contactId: up.contactId, ok: true, message: 'Tags updated' },
      { contactId: 'nope', ok: false, message: expect.any(String) },
    ]);
    const [wf] = await client.listWorkflows(LOC);
    expect(wf?.id).toBeTruthy();
    await client.addToWorkflow(up.contactId, wf?.id ?? '');
    const contact = await client.getContact(up.contactId);
    expect(contact.tags).toEqual(['reactivation', 'b']);
    expect(sim.state.enrolments).toHaveLength(1);

    const v = specValidator();
    const schemaFor: Record<string, string> = {
      '/contacts/upsert': 'UpsertContactDto',
      '/contacts/bulk/tags/update/add': 'UpdateTagsDTO',
    };
    for (const req of sim.requests()) {
      expect(req.headers.version).toBe('2021-07-28');
      expect(req.headers.accept).toBe('application/json');
      expect(req.headers.authorization).toBe('[present]');
      if (req.method !== 'POST') continue;
      const schema = schemaFor[req.path] ?? (req.path.endsWith('/tags') ? 'TagsDTO' : 'CreateWorkflowDto');
      expect(v.validate('apps/contacts.json', schema, req.body), `${req.path} ${JSON.stringify(req.body)}`).toEqual([]);
      if (req.path === '/contacts/upsert') expect(Object.keys(req.body as object)).not.toEqual(expect.arrayContaining(['tags']));
      if (req.path === '/contacts/upsert') expect(req.body).not.toHaveProperty('dnd');
      if (req.path === '/contacts/upsert') expect(req.body).not.toHaveProperty('dndSettings');
    }
    expect(attempts.every((a) => a.status !== null && a.status < 300)).toBe(true);
  });

  it('reports dnd from the upsert answer for a contact that opted out', async () => {
    sim = await startSim();
    sim.markDnd('stop@roof.com');
    const { client } = clientFor(sim.url);
    expect((await client.upsertContact({ locationId: LOC, email: 'STOP@roof.com' })).dnd).toBe(true);
    expect(sim.contacts(LOC)[0]?.dnd).toBe(true);
  });

  it('classifies offline (closed port and setOffline) without retrying', async () => {
    const { client, attempts } = clientFor(`http://127.0.0.1:${await freePort()}`);
    const err = await rejection(client.getLocation(LOC));
    expect(err).toBeInstanceOf(GhlError);
    expect((err as GhlError).kind).toBe('offline');
    expect(attempts).toHaveLength(1);
    expect(plainLanguage(err)).toBe('Cannot reach GoHighLevel — check the internet connection');

    sim = await startSim();
    const c2 = clientFor(sim.url);
    await sim.setOffline(true);
    expect(((await rejection(c2.client.getLocation(LOC))) as GhlError).kind).toBe('offline');
    await sim.setOffline(false);
    expect((await c2.client.getLocation(LOC)).id).toBe(LOC);
  });

  it('retries transient 5xx and succeeds', async () => {
    sim = await startSim({ faults: { rate5xx: 1 } });
    const attempts: AttemptRecord[] = [];
    // Heal the server after the first failed attempt; the retry then gets through.
    const { client } = clientFor(sim.url, { onAttempt: (a) => (attempts.push(a), sim.setFaults({})) });
    await expect(client.getLocation(LOC)).resolves.toMatchObject({ id: LOC });
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts[0]).toMatchObject({ errorKind: 'transient', status: expect.any(Number) });
    expect([500, 502, 503]).toContain(attempts[0]?.status);
  });

  // create-once.ts checks, as each retry leaves, that no other lead of the same contact enrolled her meanwhile:
  // its refusal must stop the call unsent and reach the lane as thrown. Taken for "nothing sent, try again",
  // it was retried and came back as a transient GHL error.
  it('an onSend that throws before a retry stops the call unsent, and the caller gets its error as thrown', async () => {
    sim = await startSim();
    const { client } = clientFor(sim.url, { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    const contact = await client.upsertContact({ locationId: LOC, email: 'veto@roof.com' });
    sim.failNext('add-contact-to-workflow', '429', 1, { retryAfterSec: 0 });
    const vetoed = new Error('the other lead enrolled her');
    let sends = 0;
    const onSend = () => {
      sends++;
      if (sends === 2) throw vetoed;
    };
    await expect(client.addToWorkflow(contact.contactId, `wf-${LOC}-reactivation`, { onSend, onRefused: () => {} })).rejects.toBe(vetoed);
    expect(sends).toBe(2);
    expect(sim.requests().filter((r) => r.operationId === 'add-contact-to-workflow')).toHaveLength(1);
    expect(sim.enrolments(contact.contactId)).toHaveLength(0);
  });

  // A review: each attempt was timed before its wait for the rate limiter, so eight 429s over 70 s read as 40 s, and the
  // dashboard and `rlm sync` did not name GHL turning calls away (a minute at least) until well past the timeout.
  it('times each attempt when its request leaves, not when it began waiting for the rate limiter', async () => {
    sim = await startSim();
    const { client, attempts } = clientFor(sim.url, { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    sim.failNext('upsert-contact', '429', 1, { retryAfterSec: 1 });
    await client.upsertContact({ locationId: LOC, email: 'wait@roof.com' });
    expect(attempts.map((attempt) => attempt.status)).toEqual([429, 200]);
    // The retry waited out GHL's second in the limiter: it left a second after the first, and took no second itself.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(attempts[1]!.durationMs).toBeLessThan(500);
  });

  it('gives up on persistent 5xx after the configured attempts', async () => {
    sim = await startSim({ faults: { rate5xx: 1 } });
    const { client, attempts } = clientFor(sim.url, { retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 } });
    const err = (await rejection(client.getLocation(LOC))) as GhlError;
    expect(err.kind).toBe('transient');
    expect(attempts).toHaveLength(4);
  });

  it('classifies auth 401 and 403 and a missing scope; not retried', async () => {
    sim = await startSim({
      locations: [
        { id: LOC, name: 'A', token: 'pit-secret-token-AAAA1111', allowDuplicateContact: false },
        { id: LOC_B, name: 'B', token: 'pit-secret-token-scoped', allowDuplicateContact: false, scopes: ['locations.readonly'] },
      ],
    });
    const { client, attempts } = clientFor(sim.url, { token: 'pit-wrong-token-0000' });
    const e401 = (await rejection(client.getLocation(LOC))) as GhlError;
    expect(e401).toMatchObject({ kind: 'auth', status: 401, message: 'Invalid JWT' });
    expect(e401.traceId).toBeTruthy();
    expect(plainLanguage(e401)).toBe('The API key was rejected — paste a new Private Integration token');
    expect(attempts).toHaveLength(1);
    const e403 = (await rejection(clientFor(sim.url).client.getLocation(LOC_B))) as GhlError;
    expect(e403).toMatchObject({ kind: 'auth', status: 403 });
    expect(plainLanguage(e403)).toBe('The key does not have access to this location');
    const scoped = clientFor(sim.url, { token: 'pit-secret-token-scoped', locationId: LOC_B }).client;
    const eScope = (await rejection(scoped.upsertContact({ locationId: LOC_B, email: 'a@b.com' }))) as GhlError;
    expect(plainLanguage(eScope)).toMatch(/^The key lacks a permission \(scope\): .*contacts\.write/);
    sim.revokeToken(LOC);
    expect(((await rejection(clientFor(sim.url).client.getLocation(LOC))) as GhlError).status).toBe(401);
  });

  it('classifies 422 with an array message as permanent, joined', async () => {
    sim = await startSim();
    const { client } = clientFor(sim.url);
    // Bypass the client's own stripping to see GHL's answer to a bad body: dateOfBirth must be an object per spec.
    const err = (await rejection(client.upsertContact({ locationId: LOC, email: 'a@b.com', dateOfBirth: 'x' as never }))) as GhlError;
    expect(err.kind).toBe('permanent');
    expect(err.status).toBe(422);
    expect(err.message).toContain('dateOfBirth must be a object');
    const e400 = (await rejection(client.addTags('doesnotexist', ['a']))) as GhlError;
    expect(e400).toMatchObject({ kind: 'permanent', status: 400, message: 'Contact not found' });
  });

  it('times out a hung request quickly and classifies it offline', async () => {
    sim = await startSim({ faults: { rateHang: 1 } });
    const { client, attempts } = clientFor(sim.url, { timeoutMs: 150 });
    const started = Date.now();
    const err = (await rejection(client.getLocation(LOC))) as GhlError;
    expect(err.kind).toBe('offline');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(attempts[0]).toMatchObject({ status: null, errorKind: 'offline' });
  });

  it('classifies a connection reset and a lost response as offline; the upsert retry is idempotent', async () => {
    sim = await startSim({ faults: { rateReset: 1 } });
    const { client } = clientFor(sim.url);
    expect(((await rejection(client.getLocation(LOC))) as GhlError).kind).toBe('offline');
    sim.setFaults({ rateLostResponse: 1 });
    expect(((await rejection(client.upsertContact({ locationId: LOC, email: 'lost@x.com' }))) as GhlError).kind).toBe('offline');
    expect(sim.contacts(LOC)).toHaveLength(1);
    sim.setFaults({});
    const again = await client.upsertContact({ locationId: LOC, email: 'lost@x.com' });
    expect(again.isNew).toBe(false);
    expect(sim.contacts(LOC)).toHaveLength(1);
  });

  it('never puts the token in errors, attempt records or the simulator log', async () => {
    sim = await startSim({ faults: { rate5xx: 0.3, rateReset: 0.2 } });
    const { client, attempts } = clientFor(sim.url);
    const errors: unknown[] = [];
    for (let i = 0; i < 10; i++) await client.upsertContact({ locationId: LOC, email: `t${i}@x.com` }).catch((e: unknown) => errors.push(e));
    errors.push(await rejection(clientFor(sim.url, { token: 'pit-wrong-token-0000' }).client.getLocation(LOC)));
    const { client: bad } = clientFor(`http://127.0.0.1:${await freePort()}`);
    errors.push(await rejection(bad.getLocation(LOC)));
    const dump = JSON.stringify([attempts, sim.requests()]) + errors.map((e) => `${String(e)} ${(e as Error).stack} ${JSON.stringify(e)}`).join('\n');
    expect(dump).not.toContain(TOKEN);
    expect(dump).not.toContain('pit-wrong-token-0000');
    const { inspect } = await import('node:util');
    expect(inspect(client, { depth: 5 })).not.toContain(TOKEN);
  });
});
