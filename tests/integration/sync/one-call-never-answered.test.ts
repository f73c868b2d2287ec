/**
 * A call GHL never answers while it answers every other one (a contact it chokes on). A timeout was always taken
 * for the network: the job used no attempt and went again, for ever, a timeout each time, and never failed; and
 * its timeouts in a row put every company "offline" again and again (the old code: 20 times in 40 s here). When
 * GHL answered other calls while it waited, or anything (the probe that found the connection back) since the
 * job's last such failure, the failure is the call's own: the job uses an attempt like any failure and, out of
 * attempts, fails with the reason. A bulk tag call that fails on its own sends its leads alone next, so that the
 * one GHL chokes on is found and ends. Real worker thread, the simulator on a real port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { readStatus } from '../../../electron/cli/commands/sync';
import { useBackends, valueOf } from '../../helpers/backend';
import { seedContact } from './record-world';
import { LOCATIONS, addCompany, fastConfig, queueLeads, startSim, SYNC_CLOCK, waitFor } from './world';

describe('a call GHL never answers, while it answers the others', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('uses the job’s attempts and fails it with the reason; the others go, and the connection is called down at most once an attempt', async () => {
    sim = await startSim({ latencyMs: 20 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const db = backend.ctx.db.$client;
    const companyId = await addCompany(backend, sim, 0);
    const ann = valueOf(await backend.call('leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142' }));
    const config = { ...fastConfig, maxAttempts: 3 };
    backend.ctx.sync.start({ config });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    await backend.ctx.sync.stop();
    const [annContact] = sim.contacts(LOCATIONS[0].id);

    // Ann opts out: her DND goes to GHL, whose update of her contact never answers. Other leads go meanwhile.
    sim.addFaultRule({ route: new RegExp(`^PUT /contacts/${annContact!.id}$`), kind: 'hang', probability: 1 });
    valueOf(await backend.call('leads:setDoNotContact', { id: ann.id, doNotContact: true }));
    queueLeads(db, companyId, 40, { now: SYNC_CLOCK.now() });
    const states: string[] = [];
    backend.ctx.events.on('connectivity', (snapshot) => states.push(snapshot.state));
    backend.ctx.sync.start({ config });
    const annJob = db.prepare(`SELECT state, attempts, last_error_message AS message FROM sync_jobs WHERE lead_id = ?`);
    await waitFor(() => (annJob.get(ann.id) as { state: string }).state === 'failed', 40_000);
    await backend.ctx.sync.stop();

    expect(annJob.get(ann.id)).toMatchObject({ attempts: 3 });
    expect((annJob.get(ann.id) as { message: string }).message).toMatch(
      /^No answer from GoHighLevel within 1000 ms, while it answered other requests \(gave up after 3 attempts\)$/,
    );
    expect(db.prepare(`SELECT count(*) AS n FROM leads WHERE company_id = ? AND status = 'synced'`).get(companyId)).toEqual({ n: 40 });
    // Once the others have gone, the call is alone: its timeouts in a row count toward "offline" until the probe
    // answers, and each such answer spends one of its attempts. Bounded: at most once an attempt, and up at the end.
    expect(states.filter((state) => state === 'offline').length).toBeLessThanOrEqual(config.maxAttempts);
    expect(backend.ctx.sync.status().connectivity.state).not.toBe('offline');
  }, 60_000);

  // A bulk tag call carrying a contact GHL chokes on got no answer and was taken for the network, every time: its
  // leads went back unspent and were batched together again, for ever (the old code: Ann never failed, and nine
  // leads batched with her each time waited with her). Now the batch's leads go alone once its call fails on its
  // own: the others are tagged, and Ann's lone call uses her attempts and ends.
  it('a bulk tag call GHL never answers: its leads are tagged alone, and the one GHL chokes on fails with the reason', async () => {
    sim = await startSim({ latencyMs: 20 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const db = backend.ctx.db.$client;
    const companyId = await addCompany(backend, sim, 0);
    // Ann is in GHL already (her contact id is known before the sync), and every bulk call carrying her hangs.
    await seedContact(sim, LOCATIONS[0], { email: `lead0-c${companyId}@example.com`, phone: '+15122000000', tags: [] });
    const [annContact] = sim.contacts(LOCATIONS[0].id);
    sim.addFaultRule({ route: 'create-association', kind: 'hang', probability: 1, bodyIncludes: annContact!.id });
    const [annLead] = queueLeads(db, companyId, 30, { now: SYNC_CLOCK.now() });
    const config = { ...fastConfig, maxAttempts: 3, bulkTagBatch: 10 };
    backend.ctx.sync.start({ config });
    const annJob = db.prepare(`SELECT state, attempts, last_error_message AS message FROM sync_jobs WHERE lead_id = ?`);
    const synced = db.prepare(`SELECT count(*) AS n FROM leads WHERE company_id = ? AND status = 'synced'`).pluck();
    await waitFor(() => (annJob.get(annLead) as { state: string }).state === 'failed' && synced.get(companyId) === 29, 40_000);
    await backend.ctx.sync.stop();

    expect(annJob.get(annLead)).toMatchObject({ attempts: 3 });
    expect((annJob.get(annLead) as { message: string }).message).toMatch(/^No answer from GoHighLevel within 1000 ms, while it answered other requests \(gave up after 3 attempts\)$/);
    const contacts = sim.contacts(LOCATIONS[0].id);
    expect(contacts.filter((contact) => contact.tags.includes('roof-reactivation'))).toHaveLength(29);
    expect(contacts.find((contact) => contact.id === annContact!.id)!.tags).not.toContain('roof-reactivation');
    // Nobody tagged twice, and the lone calls were few: Ann's three, and one for each lead once batched with her.
    expect(sim.duplicates()).toEqual([]);
    const bulkCalls = sim.requests().filter((request) => request.operationId === 'create-association');
    expect(bulkCalls.length).toBeLessThan(30);
  }, 60_000);

  // The review's case against the first cut of the split: the tag endpoint hangs for every contact (an incident at GHL)
  // while contacts are upserted. Judged by the upserts answered meanwhile, each lone tag call was the lead's own
  // failure, and every lead spent its attempts and failed. Only calls of its kind are evidence now.
  it('GHL’s tag endpoint hangs for every contact: no lead fails for it, and all go once GHL answers again', async () => {
    sim = await startSim({ latencyMs: 20 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const db = backend.ctx.db.$client;
    const companyId = await addCompany(backend, sim, 0);
    queueLeads(db, companyId, 30, { now: SYNC_CLOCK.now() });
    sim.addFaultRule({ route: 'create-association', kind: 'hang', probability: 1 });
    backend.ctx.sync.start({ config: { ...fastConfig, maxAttempts: 3, bulkTagBatch: 10 } });
    const failed = db.prepare(`SELECT count(*) AS n FROM sync_jobs WHERE state = 'failed'`).pluck();
    const tagCalls = () => sim!.requests().filter((request) => request.operationId === 'create-association').length;
    // Long enough for the batches to split and each lead to go alone a few times (a lone call hangs 2 s).
    await waitFor(() => tagCalls() >= 40, 45_000);
    expect(failed.get()).toBe(0);
    // Nothing fails and the connection is up: the dashboard names the calls that fail (it said "Sending", and no more).
    const during = valueOf(await backend.call('dashboard:overview', undefined)).callTroubles;
    expect(during).toMatchObject([{ companyId, call: 'tag', message: expect.stringMatching(/^No answer from GoHighLevel/), othersAnswer: true }]);
    expect(during[0]!.failures).toBeGreaterThanOrEqual(2);
    // `rlm status` says it too, in the same words.
    const { status } = await readStatus(backend, undefined);
    expect(status.callTroubles).toMatchObject([{ companyId, call: 'tag' }]);
    sim.clearFaults();
    const synced = db.prepare(`SELECT count(*) AS n FROM leads WHERE status = 'synced'`).pluck();
    await waitFor(() => synced.get() === 30, 30_000);
    await backend.ctx.sync.stop();
    expect(valueOf(await backend.call('dashboard:overview', undefined)).callTroubles).toEqual([]);
    // A lead whose tag call was on its way when GHL's endpoint came back may have spent one attempt (its call timed
    // out while the next ones were answered): a race that cannot be told from a call GHL chokes on. None more.
    expect(db.prepare(`SELECT max(attempts) AS most, sum(state = 'failed') AS failed FROM sync_jobs`).get()).toEqual({ most: expect.toBeOneOf([0, 1]), failed: 0 });
  }, 90_000);

  // The review's case against a first cut, which counted every answer since the call started: calls answered in
  // the moments before the network went made the calls in flight "their own failures", and each used an attempt.
  it('in an outage that hangs every call, no job uses an attempt, and all go once GHL answers again', async () => {
    sim = await startSim({ latencyMs: 20 }, 2);
    const backend = backends.open(undefined, SYNC_CLOCK);
    const db = backend.ctx.db.$client;
    const alpha = await addCompany(backend, sim, 0);
    const bravo = await addCompany(backend, sim, 1);
    queueLeads(db, alpha, 60, { now: SYNC_CLOCK.now() });
    queueLeads(db, bravo, 60, { now: SYNC_CLOCK.now(), offset: 100 });
    const states: string[] = [];
    backend.ctx.events.on('connectivity', (snapshot) => states.push(snapshot.state));
    const synced = db.prepare(`SELECT count(*) AS n FROM leads WHERE status = 'synced'`).pluck();
    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => (synced.get() as number) >= 20, 20_000);
    sim.addFaultRule({ route: '*', kind: 'hang', probability: 1 });
    await waitFor(() => states.at(-1) === 'offline', 20_000);
    sim.clearFaults();
    await waitFor(() => synced.get() === 120, 40_000);
    await backend.ctx.sync.stop();
    expect(db.prepare(`SELECT max(attempts) AS most, sum(attempts > 0) AS used FROM sync_jobs`).get()).toEqual({ most: 0, used: 0 });
  }, 90_000);
});
