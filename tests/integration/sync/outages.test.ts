import { afterEach, describe, expect, it } from 'vitest';
import { useBackends } from '../../helpers/backend';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { LOCATIONS, addCompany, assertOneContactAndOneTagPerLead, fastConfig, leadStatusCounts, queueLeads, startSim, waitFor, SYNC_CLOCK } from './world';

describe('sync through outages', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('waits while GHL is unreachable without using attempts, then finishes by itself', async () => {
    sim = await startSim({ latencyMs: 5, rateLimit: { max: 20, intervalMs: 1_000 } });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    queueLeads(backend.ctx.db.$client, companyId, 60);
    const connectivity: string[] = [];
    // Once the sync stops nothing checks: 'unknown', with what it found last (lastState).
    backend.ctx.events.on('connectivity', (c) => connectivity.push(c.state === 'unknown' && c.lastState ? `${c.state}:${c.lastState}` : c.state));
    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => (leadStatusCounts(backend.ctx.db.$client).synced ?? 0) >= 10, 10_000);
    await sim.setOffline(true);
    await waitFor(() => connectivity.includes('offline'), 10_000);
    expect(backend.ctx.sync.status().connectivity.state).toBe('offline');
    await new Promise((r) => setTimeout(r, 1_500));
    await sim.setOffline(false);
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    await backend.ctx.sync.stop();

    const db = backend.ctx.db.$client;
    expect(leadStatusCounts(db)).toEqual({ synced: 60 });
    expect(connectivity.slice(-2)).toEqual(['online', 'unknown:online']);
    // Network failures used no attempts.
    expect(db.prepare(`SELECT max(attempts) AS n FROM sync_jobs`).get()).toEqual({ n: 0 });
    expect(assertOneContactAndOneTagPerLead(sim, LOCATIONS[0].id, 60)).toEqual([]);
  }, 60_000);

  it('pauses only the company whose key is revoked; a new key resumes it', async () => {
    sim = await startSim({ latencyMs: 5, rateLimit: { max: 30, intervalMs: 1_000 } }, 2);
    const backend = backends.open(undefined, SYNC_CLOCK);
    const alpha = await addCompany(backend, sim, 0);
    const bravo = await addCompany(backend, sim, 1);
    const db = backend.ctx.db.$client;
    queueLeads(db, alpha, 60);
    queueLeads(db, bravo, 60);
    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => (leadStatusCounts(db, alpha).synced ?? 0) >= 5, 10_000);
    sim.revokeToken(LOCATIONS[0].id);
    await waitFor(() => backend.ctx.sync.status().companies.find((c) => c.companyId === alpha)?.pausedReason === 'auth', 10_000);
    // Bravo goes on and finishes while Alpha waits for a key.
    await waitFor(() => leadStatusCounts(db, bravo).synced === 60, 20_000);
    const alphaStatus = backend.ctx.sync.status().companies.find((c) => c.companyId === alpha);
    expect(alphaStatus?.leads.failed).toBe(0);
    expect(alphaStatus?.leads.synced).toBeLessThan(60);

    sim.setToken(LOCATIONS[0].id, 'pit-alpha-new-token-3333');
    const saved = await backend.dispatch('companies:setKey', { id: alpha, apiKey: 'pit-alpha-new-token-3333' });
    expect(saved.ok).toBe(true);
    // Waited for by its result, not by waitForIdle: an idle report of the runner may already be on its way
    // (Bravo just finished, Alpha was still paused) and ended the wait before the runner read the key (CI, once).
    await waitFor(() => leadStatusCounts(db, alpha).synced === 60, 30_000);
    await backend.ctx.sync.stop();
    expect(leadStatusCounts(db)).toEqual({ synced: 120 });
    expect(assertOneContactAndOneTagPerLead(sim, LOCATIONS[0].id, 60)).toEqual([]);
    expect(assertOneContactAndOneTagPerLead(sim, LOCATIONS[1].id, 60)).toEqual([]);
    expect(db.prepare(`SELECT max(attempts) AS n FROM sync_jobs`).get()).toEqual({ n: 0 });
  }, 60_000);
});
