import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { LOC, LOC_B, TOKEN, TOKEN_B, startSim } from './helpers';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';

let sim: GhlSimulator;
afterEach(async () => sim?.close());

function call(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(sim.url + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, Version: '2021-07-28', 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? null : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, headers: r.headers, body: (await r.json()) as Record<string, any> }));
}

describe('GHL simulator', () => {
  it('checks the token, the location and the Version header', async () => {
    sim = await startSim();
    expect((await call('nope', 'GET', `/locations/${LOC}`)).body).toMatchObject({ statusCode: 401, message: 'Invalid JWT' });
    const wrong = await call(TOKEN_B, 'GET', `/locations/${LOC}`);
    expect(wrong.status).toBe(403);
    expect(wrong.body.message).toBe('The token does not have access to this location.');
    const noVersion = await fetch(`${sim.url}/locations/${LOC}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(noVersion.status).toBe(401);
    expect(((await noVersion.json()) as { message: string }).message).toBe('version header was not found.');
    const badVersion = await call(TOKEN, 'GET', `/locations/${LOC}`, undefined, { Version: '2023-02-21' });
    expect(badVersion.body.message).toBe('version header is invalid');
    const ok = await call(TOKEN, 'GET', `/locations/${LOC}`);
    expect(ok.status).toBe(200);
    expect(ok.body.location.settings.allowDuplicateContact).toBe(false);
    expect(typeof ok.body.traceId).toBe('string');
    expect(ok.headers.get('x-ratelimit-max')).toBe('100');
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('99');
    // The request log never keeps the token.
    expect(JSON.stringify(sim.requests())).not.toContain(TOKEN);
  });

  it('upsert matches by lower-cased email, then by phone', async () => {
    sim = await startSim();
    const a = await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'Jo@Example.com', firstName: 'Jo' });
    expect(a.body.new).toBe(true);
    const b = await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'jo@example.com', phone: '+15125550142' });
    expect(b.body).toMatchObject({ new: false, contact: { id: a.body.contact.id } });
    const c = await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, phone: '(512) 555-0142', lastName: 'X' });
    expect(c.body.contact.id).toBe(a.body.contact.id);
    expect(sim.contacts(LOC)).toHaveLength(1);
    // Duplicates allowed: upsert still matches unless createNewIfDuplicateAllowed.
    const d1 = await call(TOKEN_B, 'POST', '/contacts/upsert', { locationId: LOC_B, email: 'x@y.com' });
    const d2 = await call(TOKEN_B, 'POST', '/contacts/upsert', { locationId: LOC_B, email: 'x@y.com' });
    expect(d2.body.contact.id).toBe(d1.body.contact.id);
    const d3 = await call(TOKEN_B, 'POST', '/contacts/upsert', { locationId: LOC_B, email: 'x@y.com', createNewIfDuplicateAllowed: true });
    expect(d3.body.new).toBe(true);
  });

  it('create refuses duplicates with meta.contactId unless the location allows them', async () => {
    sim = await startSim();
    const first = await call(TOKEN, 'POST', '/contacts/', { locationId: LOC, email: 'a@b.com' });
    expect(first.status).toBe(201);
    const dup = await call(TOKEN, 'POST', '/contacts/', { locationId: LOC, email: 'A@B.com' });
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({
      message: 'This location does not allow duplicated contacts.',
      meta: { contactId: first.body.contact.id, matchingField: 'email' },
    });
    await call(TOKEN_B, 'POST', '/contacts/', { locationId: LOC_B, email: 'a@b.com' });
    expect((await call(TOKEN_B, 'POST', '/contacts/', { locationId: LOC_B, email: 'a@b.com' })).status).toBe(201);
    expect(sim.contacts(LOC_B)).toHaveLength(2);
  });

  it('rejects unknown and mistyped properties with 422 and an array message', async () => {
    sim = await startSim();
    const r = await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'a@b.com', favouriteColour: 'red', firstName: 5 });
    expect(r.status).toBe(422);
    expect(r.body.error).toBe('Unprocessable Entity');
    expect(r.body.message).toEqual(expect.arrayContaining(['property favouriteColour should not exist', 'firstName must be a string']));
  });

  it('adds tags idempotently (lower-cased, one trigger event) and enforces the bulk batch limit', async () => {
    sim = await startSim({ maxBulkTagBatch: 3 });
    const c = await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 't@t.com' });
    const id: string = c.body.contact.id;
    const t1 = await call(TOKEN, 'POST', `/contacts/${id}/tags`, { tags: ['Reactivation-2024'] });
    const t2 = await call(TOKEN, 'POST', `/contacts/${id}/tags`, { tags: ['reactivation-2024'] });
    expect(t1.status).toBe(201);
    expect(t2.body.tags).toEqual(['reactivation-2024']);
    expect(sim.state.tagEvents).toHaveLength(1);
    const bulk = await call(TOKEN, 'POST', '/contacts/bulk/tags/update/add', { locationId: LOC, contacts: [id, 'missing'], tags: ['b'] });
    expect(bulk.status).toBe(201);
    expect(bulk.body).toMatchObject({ succeded: false, errorCount: 1 });
    const tooMany = await call(TOKEN, 'POST', '/contacts/bulk/tags/update/add', { locationId: LOC, contacts: ['1', '2', '3', '4'], tags: ['b'] });
    expect(tooMany.status).toBe(422);
  });

  it('goes offline and comes back on the same port; HTTP inspection works', async () => {
    sim = await startSim();
    await sim.setOffline(true);
    await expect(fetch(`${sim.url}/__sim/requests`)).rejects.toThrow();
    await sim.setOffline(false);
    await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'o@o.com' });
    const list = (await (await fetch(`${sim.url}/__sim/contacts?locationId=${LOC}`)).json()) as { contacts: unknown[] };
    expect(list.contacts).toHaveLength(1);
    const reqs = (await (await fetch(`${sim.url}/__sim/requests`)).json()) as { requests: Array<{ path: string }> };
    expect(reqs.requests.map((r) => r.path)).toContain('/contacts/upsert');
  });

  it('answers only requests addressed to it on this machine: a page rebinding its own name to 127.0.0.1 reads no lead', async () => {
    sim = await startSim();
    await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'o@o.com', phone: '+15125550142' });
    const { port } = new URL(sim.url);
    const get = (host: string, path: string) =>
      new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject).end();
      });
    await expect(get(`rebind.attacker.example:${port}`, `/__sim/contacts?locationId=${LOC}`)).resolves.toBe(421);
    await expect(get(`rebind.attacker.example:${port}`, `/locations/${LOC}`)).resolves.toBe(421);
    await expect(get(`127.0.0.1:${port}`, `/__sim/contacts?locationId=${LOC}`)).resolves.toBe(200);
    await expect(get(`localhost:${port}`, '/__sim/requests')).resolves.toBe(200);
  });

  it('answers 429 past the sliding window and on the daily limit', async () => {
    sim = await startSim({ rateLimit: { max: 3, intervalMs: 60_000, daily: 5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(TOKEN, 'GET', `/locations/${LOC}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    sim.setDailyUsed(LOC, 5);
    sim.setRateLimit({ max: 100 });
    const daily = await call(TOKEN, 'GET', `/locations/${LOC}`);
    expect(daily.status).toBe(429);
    expect(daily.headers.get('x-ratelimit-daily-remaining')).toBe('0');
  });
});
