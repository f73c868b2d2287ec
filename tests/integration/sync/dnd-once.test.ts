/**
 * A lead marked do-not-contact after it was sent gets its DND in GHL once. Fresh-clone CI saw two DND calls for one
 * lead: the form's save wrote the phone again, which placed the lead again (its zone forgotten); the sync worker's
 * next placement pass wrote the same zone back and moved the lead's version while the DND call was in flight; the
 * answer was dropped as outdated and the job ran again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends, valueOf } from '../../helpers/backend';
import { addCompany, fastConfig, startSim, SYNC_CLOCK, syncUntilIdle, waitFor } from './world';

describe("a do-not-contact lead's DND in GHL", () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  async function sentLead() {
    sim = await startSim();
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const ann = valueOf(await backend.call('leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142' }));
    await syncUntilIdle(backend);
    const place = backend.ctx.db.$client.prepare<[number], { source: string | null; zone: string | null; version: number; status: string }>(
      'SELECT time_zone_source AS source, time_zone AS zone, version, status FROM leads WHERE id = ?',
    );
    expect(place.get(ann.id)).toMatchObject({ source: 'phone', zone: 'America/Chicago', status: 'synced' });
    return { backend, sim, leadId: ann.id, place };
  }

  it('marking the lead do-not-contact keeps its place and moves its version once', async () => {
    const { backend, leadId, place } = await sentLead();
    const before = place.get(leadId)!;
    valueOf(await backend.call('leads:update', { id: leadId, patch: { doNotContact: true } }));
    // The save writes the phone it had: not a new number, so not a new place.
    expect(place.get(leadId)).toMatchObject({ source: 'phone', zone: 'America/Chicago', version: before.version + 1 });
  });

  it('is set once when the lead moves while the call is in flight', async () => {
    const { backend, sim, leadId } = await sentLead();
    const db = backend.ctx.db.$client;
    // GHL (or a loaded machine) takes a while over the DND write.
    sim.failNext('update-contact', 'slow-before-work', 1, { holdMs: 800 });
    const sentBefore = sim.requests().length;
    // A request timeout well past the hold: at fastConfig's second, a loaded CI machine (two files at a time) timed the
    // held call out, and the client's retry of the idempotent PUT was a second DND call, by design, not this bug.
    backend.ctx.sync.start({ config: { ...fastConfig, requestTimeoutMs: 5_000 } });
    valueOf(await backend.call('leads:update', { id: leadId, patch: { doNotContact: true } }));
    const dndCalls = () => sim.requests().slice(sentBefore).filter((request) => request.operationId === 'update-contact');
    await waitFor(() => dndCalls().length === 1, 20_000);
    // Meanwhile the lead gets a newer version (its zone written as placing does): nothing the DND call carries.
    db.prepare(`UPDATE leads SET time_zone = 'America/Denver' WHERE id = ?`).run(leadId);
    const jobState = db.prepare<[number], { state: string }>('SELECT state FROM sync_jobs WHERE lead_id = ?');
    await waitFor(() => jobState.get(leadId)?.state === 'succeeded', 20_000);
    await backend.ctx.sync.stop();
    expect(dndCalls()).toHaveLength(1);
    expect(db.prepare('SELECT status FROM leads WHERE id = ?').get(leadId)).toEqual({ status: 'do-not-contact' });
  });
});
