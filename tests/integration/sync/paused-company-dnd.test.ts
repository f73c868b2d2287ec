/**
 * A company the office paused still tells GHL about a customer who opted out (a review): the pause stops new texts
 * from this app, not a workflow GHL began before it, and the DND waited for the office to resume while GHL went on
 * texting her. Nothing else goes while paused: no other lead's upsert, no enrolment. Real worker thread, the
 * simulator on a real port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends, valueOf } from '../../helpers/backend';
import { LOCATIONS, addCompany, fastConfig, startSim, SYNC_CLOCK, syncUntilIdle, waitFor } from './world';

/** The dashboard's overview, as the renderer reads it. */
const overviewOf = async (backend: ReturnType<ReturnType<typeof useBackends>['open']>) => valueOf(await backend.call('dashboard:overview', undefined));

describe('a company the office paused', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('still turns on DND in GHL for a customer who opted out, and sends nothing else until it resumes', async () => {
    sim = await startSim({});
    const backend = backends.open(undefined, SYNC_CLOCK);
    const company = await addCompany(backend, sim, 0);
    const ann = valueOf(await backend.call('leads:create', { companyId: company, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142' })).id;
    await syncUntilIdle(backend);
    expect(sim.contacts(LOCATIONS[0].id)).toMatchObject([{ phone: '+15125550142', dnd: false, tags: ['roof-reactivation'] }]);

    valueOf(await backend.call('sync:pause', { companyId: company }));
    valueOf(await backend.call('leads:create', { companyId: company, firstName: 'Bob', lastName: 'Ray', phone: '(512) 555-0143' }));
    // Ann calls the office: stop texting me.
    valueOf(await backend.call('leads:setDoNotContact', { id: ann, doNotContact: true }));
    await syncUntilIdle(backend);
    expect(sim.contacts(LOCATIONS[0].id)).toMatchObject([{ phone: '+15125550142', dnd: true }]);
    // Bob waits for the office to resume: not even his contact was made.
    const db = backend.ctx.db.$client;
    expect(db.prepare(`SELECT status FROM leads WHERE first_name = 'Bob'`).pluck().get()).toBe('queued');

    valueOf(await backend.call('sync:resume', { companyId: company }));
    await syncUntilIdle(backend);
    expect(sim.contacts(LOCATIONS[0].id).map((contact) => contact.phone).sort()).toEqual(['+15125550142', '+15125550143']);
  }, 60_000);

  /** Ann, sent; then the office pauses the company, GHL stops taking the calls (`refuse`), and Ann opts out. */
  async function optedOutWhilePausedAndRefused(refuse: (sim: GhlSimulator) => void) {
    sim = await startSim({});
    const live = sim;
    const backend = backends.open(undefined, SYNC_CLOCK);
    const company = await addCompany(backend, live, 0);
    const ann = valueOf(await backend.call('leads:create', { companyId: company, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142' })).id;
    await syncUntilIdle(backend);
    valueOf(await backend.call('sync:pause', { companyId: company }));
    refuse(live);
    valueOf(await backend.call('leads:setDoNotContact', { id: ann, doNotContact: true }));
    const db = backend.ctx.db.$client;
    const jobOf = () => db.prepare<[number], { state: string; code: string | null }>(`SELECT state, last_error_code AS code FROM sync_jobs WHERE lead_id = ?`).get(ann);
    const requestsNow = () => live.requests().length;
    const dndInGhl = async () => valueOf(await backend.call('leads:get', { id: ann })).dndInGhl;
    return { live, backend, company, db, jobOf, requestsNow, dndInGhl };
  }

  // A first cut claimed the DND again at every pass of the runner (the office's pause kept the company's reason, so
  // GHL's refusal paused nothing): a call a second, and `rlm sync --until-idle` never ended.
  it('holds the opt-out when GHL refuses the key, without asking again and again, and sends it with a new key', async () => {
    const { live, backend, company, jobOf, requestsNow, dndInGhl } = await optedOutWhilePausedAndRefused((s) => s.revokeToken(LOCATIONS[0].id));
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    expect(jobOf()).toMatchObject({ state: 'queued', code: 'dnd:auth' });
    const asked = requestsNow();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(requestsNow()).toBe(asked);
    // Still the office's pause: GHL's refusal did not replace it.
    expect(backend.ctx.sync.status().companies.find((c) => c.companyId === company)?.pausedReason).toBe('user');
    // … and the dashboard says the opt-out is held, and why (it said the pause alone, and the DND did not go).
    const blocked = async () => (await overviewOf(backend)).blocked.find((block) => block.companyId === company);
    expect(await blocked()).toMatchObject({ reason: 'paused-by-user', optOutsHeld: 'key-refused', message: expect.stringContaining("GHL also refuses its API key, so a customer's opt-out does not reach GHL either") });
    // Her panel says why her DND waits ("it goes with the next sync" was untrue: no sync sends it with that key).
    expect(await dndInGhl()).toBe('key-refused');

    // A new key, saved while nothing sends (the app stopped): the old key's refusal is not said of it any more.
    await backend.ctx.sync.stop();
    live.setToken(LOCATIONS[0].id, 'pit-alpha-new-token-3333');
    valueOf(await backend.call('companies:setKey', { id: company, apiKey: 'pit-alpha-new-token-3333' }));
    expect((await blocked())?.optOutsHeld ?? null).toBeNull();
    expect(await dndInGhl()).toBe('pending');
    backend.ctx.sync.start({ config: fastConfig });
    // The job's end, not the contact's DND: after setting it, the job asks GHL for the customer's other contacts, and a
    // stop while that call waits for its turn drops it unsent (the job goes back queued, to set the DND again).
    await waitFor(() => jobOf()?.state === 'succeeded', 20_000);
    await backend.ctx.sync.stop();
    expect(live.contacts(LOCATIONS[0].id)[0]?.dnd).toBe(true);
    expect(jobOf()).toMatchObject({ state: 'succeeded' });
    expect((await blocked())?.optOutsHeld ?? null).toBeNull();
  }, 60_000);

  it("holds the opt-out while GHL's daily limit is reached, without asking again and again", async () => {
    const { live, backend, jobOf, requestsNow, dndInGhl } = await optedOutWhilePausedAndRefused((s) => s.setDailyRemaining(LOCATIONS[0].id, 0));
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    expect(jobOf()).toMatchObject({ state: 'queued', code: 'dnd:daily-limit' });
    const overview = await overviewOf(backend);
    expect(overview.blocked[0]).toMatchObject({ reason: 'paused-by-user', optOutsHeld: 'daily-limit' });
    expect(await dndInGhl()).toBe('daily-limit');
    // GHL's limit resets at the next UTC day: a hold met yesterday is not said any more, even with nothing running to retry.
    const tomorrow = backend.ctx.sync.now() + 86_400_000;
    expect(backend.ctx.sync.queries.heldOptOuts(backend.ctx.sync.now()).get(overview.blocked[0]!.companyId)).toBe('daily-limit');
    expect(backend.ctx.sync.queries.heldOptOuts(tomorrow).size).toBe(0);
    const asked = requestsNow();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await backend.ctx.sync.stop();
    expect(requestsNow()).toBe(asked);
    expect(live.contacts(LOCATIONS[0].id)[0]?.dnd).toBe(false);
  }, 60_000);

  // A review: the pause held back enrolments only. An upsert waiting out a 429's Retry-After (or behind the rate limiter)
  // when the office paused went after it, its note too, minutes later behind GHL's limit.
  it('drops an upsert that waits out a 429 when the office pauses: the lead goes back to the queue unsent', async () => {
    sim = await startSim({});
    const live = sim;
    const backend = backends.open(undefined, SYNC_CLOCK);
    const company = await addCompany(backend, live, 0);
    const bob = valueOf(await backend.call('leads:create', { companyId: company, firstName: 'Bob', lastName: 'Ray', phone: '(512) 555-0143' })).id;
    live.failNext('upsert-contact', '429', 1, { retryAfterSec: 3 });
    const upserts = () => live.requests().filter((request) => request.operationId === 'upsert-contact').length;
    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => upserts() === 1, 10_000);
    valueOf(await backend.call('sync:pause', { companyId: company }));
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    await backend.ctx.sync.stop();
    expect(upserts()).toBe(1);
    expect(live.contacts(LOCATIONS[0].id)).toEqual([]);
    expect(backend.ctx.db.$client.prepare('SELECT status FROM leads WHERE id = ?').pluck().get(bob)).toBe('queued');
  }, 60_000);

  // The dashboard's Pause (all sending) held the DND too, until the office resumed.
  it('all sending paused: the DND still goes, nothing else until sending resumes', async () => {
    sim = await startSim({});
    const live = sim;
    const backend = backends.open(undefined, SYNC_CLOCK);
    const company = await addCompany(backend, live, 0);
    const ann = valueOf(await backend.call('leads:create', { companyId: company, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142' })).id;
    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => live.contacts(LOCATIONS[0].id)[0]?.tags.includes('roof-reactivation') === true, 20_000);
    valueOf(await backend.call('sync:pause', undefined));
    // The pause reaches the sync thread as a message, not a write: let it arrive before Bob is there to claim.
    await new Promise((resolve) => setTimeout(resolve, 300));
    valueOf(await backend.call('leads:create', { companyId: company, firstName: 'Bob', lastName: 'Ray', phone: '(512) 555-0143' }));
    valueOf(await backend.call('leads:setDoNotContact', { id: ann, doNotContact: true }));
    await waitFor(() => live.contacts(LOCATIONS[0].id)[0]?.dnd === true, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(live.contacts(LOCATIONS[0].id)).toHaveLength(1);
    valueOf(await backend.call('sync:resume', undefined));
    await waitFor(() => live.contacts(LOCATIONS[0].id).length === 2, 20_000);
    await backend.ctx.sync.stop();
  }, 60_000);

  // A review: a call GHL answered with a 5xx, whose retry the pause then dropped, ended with that 5xx and spent one of the
  // lead's attempts (each pause at such a moment brought it closer to failing for good).
  it('a call the pause drops after GHL answered a try with a 5xx spends none of the lead’s attempts', async () => {
    sim = await startSim({ latencyMs: 700 }); // under fastConfig's 1 s request timeout: GHL answers the try, with a 503
    const live = sim;
    const backend = backends.open(undefined, SYNC_CLOCK);
    const company = await addCompany(backend, live, 0);
    const bob = valueOf(await backend.call('leads:create', { companyId: company, firstName: 'Bob', lastName: 'Ray', phone: '(512) 555-0143' })).id;
    live.failNext('upsert-contact', '5xx', 1, { status: 503 });
    const upserts = () => live.requests().filter((request) => request.operationId === 'upsert-contact').length;
    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => upserts() === 1, 10_000);
    valueOf(await backend.call('sync:pause', { companyId: company }));
    const job = backend.ctx.db.$client.prepare<[number], { state: string; attempts: number }>('SELECT state, attempts FROM sync_jobs WHERE lead_id = ?');
    await waitFor(() => job.get(bob)?.state === 'queued', 10_000);
    await backend.ctx.sync.stop();
    expect(job.get(bob)).toEqual({ state: 'queued', attempts: 0 });
    expect(live.contacts(LOCATIONS[0].id)).toEqual([]);
  }, 60_000);
});
