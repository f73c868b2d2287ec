/**
 * Issue #12 item 3: every request carries the lead's version; a request for an old version is dropped
 * before each attempt — including the GHL client's own retry — so an upsert started before an edit
 * cannot land after it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useBackends } from '../../helpers/backend';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { LOCATIONS, addCompany, fastConfig, queueLeads, startSim, waitFor, SYNC_CLOCK } from './world';

describe('no stale write', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('3: an upsert started before an edit sends nothing of the old version after the edit', async () => {
    // Every answer takes 400 ms; the first upsert's answer is a 502, which the client retries.
    sim = await startSim({ latencyMs: 400 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const [leadId] = queueLeads(backend.ctx.db.$client, companyId, 1) as [number];
    sim.failNext('upsert-contact', '5xx', 1, { status: 502 });
    backend.ctx.sync.start({ config: { ...fastConfig, clientAttempts: 3 } });

    await waitFor(() => sim!.requests().some((r) => r.operationId === 'upsert-contact'), 10_000);
    const edited = await backend.dispatch('leads:update', { id: leadId, patch: { firstName: 'Edited', city: 'Austin' } });
    expect(edited.ok).toBe(true);
    const editedAt = Date.now();

    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    await backend.ctx.sync.stop();

    const upserts = sim.requests().filter((r) => r.operationId === 'upsert-contact');
    const firstNames = (after: number) =>
      upserts.filter((r) => r.at >= after).map((r) => (r.body as { firstName?: string }).firstName);
    expect(firstNames(editedAt)).not.toContain('First0');
    expect(firstNames(editedAt)).toContain('Edited');
    const [contact] = sim.contacts(LOCATIONS[0].id);
    expect(contact).toMatchObject({ firstName: 'Edited', city: 'Austin' });
    // The dropped retry was no attempt: the job used none.
    expect(backend.ctx.db.$client.prepare(`SELECT state, attempts FROM sync_jobs WHERE lead_id = ?`).get(leadId)).toEqual({ state: 'succeeded', attempts: 0 });
  }, 60_000);
});
