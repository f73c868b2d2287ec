/**
 * A company the sync pauses by itself (its campaign workflow gone from GHL) must reach the open pages. The
 * pages refetch on `data:changed`; the service announced one only when a lead count moved (sent, failed,
 * DND, waiting). A pause moves none of them (the claimed leads go back to "waiting"), and the runner's
 * state stays "idle" when the pause comes before its next report, so the dashboard kept "Sending: 3" and
 * no word of the pause until the page was reloaded. Found by CI: tests/e2e/workflow-gone.spec.ts failed
 * when the runner paused after the page had loaded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';
import { addCompany, LOCATIONS, queueLeads, startSim, SYNC_CLOCK, waitFor } from './world';

describe('a pause the sync makes by itself', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('is announced to the pages, which then read the pause', async () => {
    sim = await startSim();
    const backend = backends.open(undefined, SYNC_CLOCK);
    const workflowId = `wf-${LOCATIONS[0].id}-reactivation`;
    const companyId = await addCompany(backend, sim, 0, { enrolMode: 'workflow', workflowId });
    const db = backend.ctx.db.$client;
    const pausedReason = () => db.prepare<[number], { reason: string | null }>('SELECT sync_paused_reason AS reason FROM companies WHERE id = ?').get(companyId)?.reason ?? null;
    // What a page refetching on each announcement would read.
    const seenByPages: Array<string | null> = [];
    backend.ctx.events.on('data:changed', () => seenByPages.push(pausedReason()));

    // Deleted in GHL after it was chosen, before the leads went.
    sim.state.locations.get(LOCATIONS[0].id)!.workflows = [];
    queueLeads(db, companyId, 3);
    expect((await backend.dispatch('sync:start', undefined)).ok).toBe(true);
    await waitFor(() => pausedReason() === 'workflow-missing', 10_000);
    await waitFor(() => seenByPages.includes('workflow-missing'), 3_000).catch(() => undefined);
    expect(seenByPages).toContain('workflow-missing');
    await backend.ctx.sync.stop();
  }, 30_000);
});
