/**
 * In tag mode the workflow starts when the campaign tag is ADDED. A returning customer whose GHL contact has
 * it already (last year's campaign, a tag put on by hand) gains nothing from a second add: no workflow, no
 * text. The lead was marked enrolled all the same ("in the campaign", a place in the day's cap). The real
 * sync worker against the GHL simulator, which records every tag actually added.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';
import { addCompany, fastConfig, LOCATIONS, queueLeads, startSim, SYNC_CLOCK } from './world';

describe('a GHL contact that already has the campaign tag', { timeout: 60_000 }, () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('is not counted enrolled: the lead fails with what to do, and a retry after the tag is removed starts it', async () => {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const [returning, fresh] = queueLeads(backend.ctx.db.$client, companyId, 2);
    const db = backend.ctx.db.$client;
    const emailOf = (leadId: number) => (db.prepare('SELECT email FROM leads WHERE id = ?').get(leadId) as { email: string }).email;
    // Last year's campaign: the customer is in GHL, tagged.
    const old = sim.state.createContact(LOCATIONS[0].id, { email: emailOf(returning!) });
    sim.state.addTags(old, ['Roof-Reactivation'], 'seed');
    const tagAdds = () => sim!.state.tagEvents.filter((event) => event.tag.toLowerCase() === 'roof-reactivation' && event.contactId === old.id).length;
    const before = tagAdds();

    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(20_000)).toBe('idle');
    await backend.ctx.sync.stop();
    const lead = (id: number) => db.prepare('SELECT status, enrolled_at AS enrolledAt, last_error AS error FROM leads WHERE id = ?').get(id) as { status: string; enrolledAt: number | null; error: string | null };
    expect(lead(returning!)).toMatchObject({ status: 'failed', enrolledAt: null, error: expect.stringMatching(/already had the tag "roof-reactivation".*Remove the tag from the contact in GHL, then retry/) });
    expect(lead(fresh!)).toMatchObject({ status: 'synced', enrolledAt: expect.any(Number) });
    expect(tagAdds()).toBe(before);

    // The office removes the tag in GHL and retries: the workflow starts now.
    old.tags = [];
    expect(await backend.dispatch('sync:retryFailed', { scope: 'lead', leadId: returning! })).toMatchObject({ ok: true });
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(20_000)).toBe('idle');
    await backend.ctx.sync.stop();
    expect(lead(returning!)).toMatchObject({ status: 'synced', enrolledAt: expect.any(Number) });
    expect(tagAdds()).toBe(before + 1);
    expect(sim.duplicates()).toEqual([]);
  });
});
