import { afterEach, describe, expect, it } from 'vitest';
import { LOC, TOKEN, startSim } from './helpers';
import { caller, failure } from './simulator-call';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';

let sim: GhlSimulator;
afterEach(async () => sim?.close());
const call = caller(() => sim);
const WF = `wf-${LOC}-reactivation`;

async function newContact(email: string): Promise<string> {
  return (await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email })).body.contact.id as string;
}

describe('GHL simulator loses answers on purpose', () => {
  it('scripted: the next N calls to a route do the work and lose the answer; other routes and later calls answer', async () => {
    sim = await startSim();
    const id = await newContact('lost@roof.com');
    sim.failNext('add-contact-to-workflow', 'lost-response', 2);
    expect(sim.pendingFaults()).toBe(2);
    // Another route is untouched by the script.
    expect((await call(TOKEN, 'GET', `/contacts/${id}`)).status).toBe(200);
    await failure(call(TOKEN, 'POST', `/contacts/${id}/workflow/${WF}`, {}));
    await failure(call(TOKEN, 'POST', `/contacts/${id}/workflow/${WF}`, {}));
    expect((await call(TOKEN, 'POST', `/contacts/${id}/workflow/${WF}`, {})).status).toBe(200);
    expect(sim.pendingFaults()).toBe(0);
    // The work was done every time: three enrolments although the client saw one answer.
    expect(sim.enrolments(id)).toHaveLength(3);
    const enrolCalls = sim.requests().filter((r) => r.operationId === 'add-contact-to-workflow');
    expect(enrolCalls.map((r) => [r.fault, r.status])).toEqual([
      ['lost-response', null],
      ['lost-response', null],
      [null, 200],
    ]);
    expect(sim.stats().faults).toEqual({ 'lost-response': 2 });
  });

  it('reset before the work changes nothing', async () => {
    sim = await startSim();
    sim.failNext('upsert-contact', 'reset');
    await failure(call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'reset@roof.com' }));
    expect(sim.contacts(LOC)).toHaveLength(0);
    expect(sim.requests()[0]).toMatchObject({ fault: 'reset', status: null, operationId: 'upsert-contact' });
  });

  it('timeout: a hang does no work; a hang after the work changes state and the client times out', async () => {
    sim = await startSim();
    const id = await newContact('slow@roof.com');
    sim.failNext('create-note', 'hang');
    const hung = await failure(call(TOKEN, 'POST', `/contacts/${id}/notes`, { body: 'first try' }, { timeoutMs: 200 }));
    expect(hung.name).toBe('TimeoutError');
    expect(sim.notes(id)).toHaveLength(0);
    sim.failNext('create-note', 'hang-after-work');
    await failure(call(TOKEN, 'POST', `/contacts/${id}/notes`, { body: 'second try' }, { timeoutMs: 200 }));
    expect(sim.notes(id).map((n) => n.body)).toEqual(['second try']);
    expect(sim.requests().slice(-2).map((r) => r.fault)).toEqual(['hang', 'hang-after-work']);
  });

  it('a hang after the work can answer late (holdMs), after a short client timeout but within a long one', async () => {
    sim = await startSim();
    const id = await newContact('late@roof.com');
    sim.failNext('add-tags', 'hang-after-work', 1, { holdMs: 300 });
    const started = Date.now();
    const late = await call(TOKEN, 'POST', `/contacts/${id}/tags`, { tags: ['late'] }, { timeoutMs: 5_000 });
    expect(late.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('scripted 5xx and 429 answer without doing the work', async () => {
    sim = await startSim();
    const id = await newContact('err@roof.com');
    sim.failNext(/^POST \/contacts\/[^/]+\/workflow\//, '5xx', 1, { status: 502 });
    sim.failNext('add-contact-to-workflow', '429', 1, { retryAfterSec: 3 });
    const bad = await call(TOKEN, 'POST', `/contacts/${id}/workflow/${WF}`, {});
    expect(bad.status).toBe(502);
    const limited = await call(TOKEN, 'POST', `/contacts/${id}/workflow/${WF}`, {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(sim.enrolments(id)).toHaveLength(0);
  });

  it('per-route probabilities are seeded: the same seed loses the same calls, other routes are untouched', async () => {
    const run = async () => {
      sim = await startSim({ faultRules: [{ route: 'upsert-contact', kind: 'lost-response', probability: 0.3 }] });
      const outcomes: string[] = [];
      for (let i = 0; i < 30; i++) {
        outcomes.push(await call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: `p${i}@roof.com` }).then((r) => String(r.status), () => 'lost'));
        expect((await call(TOKEN, 'GET', `/locations/${LOC}`)).status).toBe(200);
      }
      // Lost or not, every upsert did its work.
      expect(sim.contacts(LOC)).toHaveLength(30);
      await sim.close();
      return outcomes;
    };
    const first = await run();
    const lost = first.filter((o) => o === 'lost').length;
    expect(lost).toBeGreaterThan(3);
    expect(lost).toBeLessThan(20);
    expect(await run()).toEqual(first);
  });

  it('the global rates keep working (one draw per request) and clearFaults removes everything', async () => {
    sim = await startSim({ faults: { rateHangAfterWork: 1 } });
    await failure(call(TOKEN, 'POST', '/contacts/upsert', { locationId: LOC, email: 'g@roof.com' }, { timeoutMs: 200 }));
    expect(sim.contacts(LOC)).toHaveLength(1);
    sim.addFaultRule({ route: '*', kind: 'reset', probability: 1 });
    sim.failNext('get-location', '5xx');
    sim.clearFaults();
    expect((await call(TOKEN, 'GET', `/locations/${LOC}`)).status).toBe(200);
    expect(() => sim.addFaultRule({ route: '*', kind: 'reset', probability: 2 })).toThrow(/0\.\.1/);
  });
});
