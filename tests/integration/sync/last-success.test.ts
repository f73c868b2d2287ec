/** The dashboard's "Last successful sync" follows the sync while it runs, not just its first success. */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';
import { addCompany, fastConfig, leadStatusCounts, queueLeads, startSim, waitFor, SYNC_CLOCK } from './world';

describe('last successful sync', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('moves on with every later success while the runner keeps running', async () => {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const db = backend.ctx.db.$client;
    const seen: number[] = [];
    backend.ctx.events.on('connectivity', (snapshot) => {
      if (snapshot.lastSuccessAt !== null) seen.push(snapshot.lastSuccessAt);
    });
    queueLeads(db, companyId, 3);
    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => leadStatusCounts(db).synced === 3, 10_000);
    const lastSuccess = async () => {
      const status = await backend.call('sync:status', {});
      if (!status.ok) throw new Error(status.error.message);
      return status.value.connectivity.lastSuccessAt ?? 0;
    };
    const first = await lastSuccess();
    expect(first).toBeGreaterThan(0);

    await new Promise((resolve) => setTimeout(resolve, 50));
    queueLeads(db, companyId, 3, { offset: 3 });
    await waitFor(() => leadStatusCounts(db).synced === 6, 10_000);
    // Progress reports carry it (every progressMs): give one report time to arrive.
    const until = Date.now() + 5_000;
    while ((await lastSuccess()) <= first && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(await lastSuccess()).toBeGreaterThan(first);
    expect(Math.max(...seen)).toBeGreaterThan(first); // announced to the UI too, not only stored
    await backend.ctx.sync.stop();
  }, 30_000);
});
