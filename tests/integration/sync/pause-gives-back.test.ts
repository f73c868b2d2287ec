/**
 * Pause means nothing more starts. The leads a lane had claimed but not yet started stayed "Sending — being
 * sent right now" on the dashboard beside "Paused" until the requests in flight had ended (seconds; minutes
 * behind GHL's rate limit): they go back to the queue at once now, and only the requests already on their way
 * are left to finish.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';
import { addCompany, leadStatusCounts, LOCATIONS, queueLeads, startSim, SYNC_CLOCK, waitFor } from './world';

describe('pausing the sync', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  // The office's pause of the company too: it still lets an opt-out's DND go (paused-company-dnd.test.ts), and must not
  // keep the lane's claims for that (a review of a first cut, which did).
  it.each([
    ['the sync', undefined],
    ['the company', 'company'],
  ] as const)('of %s gives back the claimed leads no request has started for, at once', async (_name, scope) => {
    // Slow answers: the lane's first requests are still on their way when the pause comes.
    sim = await startSim({ latencyMs: 4_000 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const db = backend.ctx.db.$client;
    queueLeads(db, companyId, 40);
    const syncing = () => leadStatusCounts(db, companyId).syncing ?? 0;

    expect((await backend.dispatch('sync:start', undefined)).ok).toBe(true);
    await waitFor(() => syncing() > 10, 10_000);
    expect((await backend.dispatch('sync:pause', scope === 'company' ? { companyId } : undefined)).ok).toBe(true);
    // Three requests at a time per company: no more than those may still be "being sent".
    const pausedAt = Date.now();
    await waitFor(() => syncing() <= 3, 10_000);
    expect(Date.now() - pausedAt).toBeLessThan(1_500);
    await backend.ctx.sync.stop();
    // Nothing lost: every lead is queued, or went.
    const counts = leadStatusCounts(db, companyId);
    expect((counts.queued ?? 0) + (counts.synced ?? 0)).toBe(40);
    // Nothing more started after the pause: a contact for each lead that went, and for the (at most 3) in flight.
    expect(sim.contacts(LOCATIONS[0].id).length).toBeLessThanOrEqual((counts.synced ?? 0) + 3);
  }, 60_000);
});
