/**
 * Offline means nothing more starts, as a pause does (pause-gives-back.test.ts). The leads a lane had claimed
 * but not started stayed "Sending — being sent right now" beside "Offline" until the requests still retrying
 * had ended (seconds with a refused connection, minutes when each try waits for its timeout): they go back to
 * the queue as soon as the sync says offline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';
import { addCompany, fastConfig, leadStatusCounts, queueLeads, startSim, SYNC_CLOCK, waitFor } from './world';

describe('going offline', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('gives back the claimed leads no request has started for, once the sync says offline', async () => {
    sim = await startSim();
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const db = backend.ctx.db.$client;
    queueLeads(db, companyId, 40);
    const syncing = () => leadStatusCounts(db, companyId).syncing ?? 0;
    const isOffline = async () => {
      const answer = await backend.dispatch('sync:connectivity', undefined);
      return answer.ok && (answer.value as { state: string }).state === 'offline';
    };
    // The network goes: two requests wait for their timeout (8 s), the third worker's fail at once, and three
    // failures in a row are "offline" while those two still wait.
    sim.failNext('*', 'hang', 2);
    sim.failNext('*', 'reset', 1_000);
    backend.ctx.sync.start({ config: { ...fastConfig, requestTimeoutMs: 8_000 } });
    // The lane claims them all at once (the third worker's failures take ≥ 0.75 s with their retries): there is something to give back.
    await waitFor(() => syncing() > 3, 10_000);
    for (let tries = 0; !(await isOffline()); tries++) {
      expect(tries, 'the sync says offline').toBeLessThan(400);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    // Three requests at a time per company: no more than those may still be "being sent".
    const offlineAt = Date.now();
    await waitFor(() => syncing() <= 3, 15_000);
    expect(Date.now() - offlineAt).toBeLessThan(1_000);
    await backend.ctx.sync.stop();
    const counts = leadStatusCounts(db, companyId);
    expect((counts.queued ?? 0) + (counts.synced ?? 0)).toBe(40);
  }, 60_000);
});
