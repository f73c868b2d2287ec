import { afterEach, describe, expect, it } from 'vitest';
import { useBackends } from '../../helpers/backend';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { LOCATIONS, addCompany, assertOneContactAndOneTagPerLead, fastConfig, leadStatusCounts, queueLeads, startSim, SYNC_CLOCK } from './world';

describe('sync under faults (simulator, worker thread, SQLite)', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('syncs every lead exactly once with ~20% faults (5xx, resets, hangs, lost responses)', async () => {
    sim = await startSim({ faults: { rate5xx: 0.05, rateReset: 0.05, rateHang: 0.05, rateLostResponse: 0.05 }, latencyMs: 5 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    queueLeads(backend.ctx.db.$client, companyId, 150);
    // Each failed call GHL answered around uses one of a lead's attempts, and a try makes two or three calls: measured
    // here, 118 of 150 leads used none, ~20 one, ~7 two, ~4 three, 1 four, a tail shrinking by ~0.4 a step. With
    // fastConfig's 8 that is a lead failed in about one run in twenty (a CI failure: 149 synced, 1 failed). The point
    // here is "once, whatever the faults", not the attempt budget (tested on its own), so the budget is wide.
    backend.ctx.sync.start({ config: { ...fastConfig, maxAttempts: 30 } });
    expect(await backend.ctx.sync.waitForIdle(60_000)).toBe('idle');
    await backend.ctx.sync.stop();

    const db = backend.ctx.db.$client;
    // A rare CI failure (149 synced, 1 failed) said nothing of why: a lead that did not go names its job's last error and
    // its calls, so the next one can be read.
    const notSynced = db
      .prepare(
        `SELECT l.id, l.status, j.state, j.attempts, j.last_error_code AS code, j.last_error_message AS message,
           (SELECT json_group_array(a.operation || ' ' || coalesce(a.http_status, '-') || ' ' || coalesce(a.error_code, '')) FROM sync_attempts a WHERE a.lead_id = l.id) AS calls
         FROM leads l LEFT JOIN sync_jobs j ON j.lead_id = l.id WHERE l.status <> 'synced'`,
      )
      .all();
    expect(leadStatusCounts(db), JSON.stringify(notSynced)).toEqual({ synced: 150 });
    expect(assertOneContactAndOneTagPerLead(sim, LOCATIONS[0].id, 150)).toEqual([]);
    const faults = sim.requests().filter((r) => r.fault !== null).length;
    expect(faults).toBeGreaterThan(10);
    // Every attempt is logged, and never with the token.
    const attempts = db.prepare('SELECT * FROM sync_attempts').all() as Array<Record<string, unknown>>;
    expect(attempts.length).toBeGreaterThanOrEqual(150);
    expect(JSON.stringify(attempts)).not.toContain(LOCATIONS[0].token);
    // Lead contact ids are stored; the upsert body never carried tags or dnd.
    expect(db.prepare('SELECT count(*) AS n FROM leads WHERE ghl_contact_id IS NULL').get()).toEqual({ n: 0 });
    const upserts = sim.requests().filter((r) => r.path === '/contacts/upsert');
    expect(upserts.every((r) => typeof r.body === 'object' && r.body !== null && !('tags' in r.body) && !('dnd' in r.body))).toBe(true);
  }, 80_000);

  it('slows down on a 429 storm and a shrinking announced limit, then finishes', async () => {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    queueLeads(backend.ctx.db.$client, companyId, 80);
    sim.force429(6, { retryAfterSec: 1 });
    backend.ctx.sync.start({ config: fastConfig });
    const idle = backend.ctx.sync.waitForIdle(60_000); // asked for now: a run done within the pause below said idle then
    await new Promise((r) => setTimeout(r, 2_500));
    sim.setRateLimit({ max: 20, intervalMs: 1_000 });
    expect(await idle).toBe('idle');
    await backend.ctx.sync.stop();
    expect(leadStatusCounts(backend.ctx.db.$client)).toEqual({ synced: 80 });
    expect(assertOneContactAndOneTagPerLead(sim, LOCATIONS[0].id, 80)).toEqual([]);
    // After the storm, pacing follows the smaller announced limit: few 429s beyond the forced ones.
    const natural429 = sim.requests().filter((r) => r.status === 429).length - 6;
    expect(natural429).toBeLessThan(15);
  }, 80_000);

  // A 429 proves GHL did nothing. Each used one of the job's attempts, so a run of them (another app on the location,
  // this app's own calls from the main process) failed the lead for good: "gave up after 8 attempts".
  it('a long run of 429s uses no attempt: the lead waits, and goes once they stop', async () => {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    queueLeads(backend.ctx.db.$client, companyId, 1);
    // More than maxAttempts (8) × clientAttempts (2) answers.
    sim.failNext('upsert-contact', '429', 24, { retryAfterSec: 0 });
    backend.ctx.sync.start({ config: fastConfig });
    const db = backend.ctx.db.$client;
    const job = () => db.prepare('SELECT state, attempts FROM sync_jobs').get() as { state: string; attempts: number };
    // Idle is said once, when it begins: asked for after the faults ran out, it could already be past (a red CI run,
    // a loaded machine). A lead waiting for its retry is work, so no idle comes before the 429s end.
    expect(await backend.ctx.sync.waitForIdle(50_000)).toBe('idle');
    expect(sim.pendingFaults()).toBe(0);
    await backend.ctx.sync.stop();
    expect(job()).toMatchObject({ state: 'succeeded', attempts: 0 });
    expect(leadStatusCounts(db)).toEqual({ synced: 1 });
  }, 60_000);
});
