/**
 * The office corrects the number of a lead already in the campaign (the customer's new mobile; "wrong number": the
 * neighbour answered). The contact GHL's campaign texts is the one the lead was enrolled through, and it must get the
 * new number. The sync upserted the corrected lead: GHL matched the new number to nothing and made a second contact,
 * never enrolled (a lead is enrolled once), while the first went on texting the old number, someone else's.
 * Real worker thread, the simulator on a real port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends, valueOf } from '../../helpers/backend';
import { LOCATIONS, addCompany, startSim, SYNC_CLOCK, syncUntilIdle } from './world';

describe('a number the office changes after the lead went to GHL', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  async function enrolledAnn(fields: { phone: string; email?: string }) {
    const simulator = (sim = await startSim());
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, simulator, 0);
    const ann = valueOf(await backend.call('leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', ...fields }));
    await syncUntilIdle(backend);
    const contacts = () => simulator.contacts(LOCATIONS[0].id);
    expect(contacts()).toHaveLength(1);
    expect(contacts()[0]).toMatchObject({ phone: '+15125550142', tags: ['roof-reactivation'] });
    const sentBefore = simulator.requests().length;
    // What was written: the sync's background looks (a shared customer's DND, the location) read only.
    const sentSince = () => simulator.requests().slice(sentBefore).filter((r) => !r.operationId?.startsWith('get-'));
    return { backend, simulator, ann, contacts, sentSince };
  }

  it('a corrected number goes to the contact the campaign texts, by its id: no second contact, nothing enrolled again', async () => {
    const { backend, ann, contacts, sentSince } = await enrolledAnn({ phone: '(512) 555-0142' });
    const enrolledContact = contacts()[0]!.id;

    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0199' } }));
    await syncUntilIdle(backend);

    expect(contacts()).toEqual([expect.objectContaining({ id: enrolledContact, phone: '+15125550199', tags: ['roof-reactivation'] })]);
    // Only the update: no upsert, no tag, no enrolment.
    expect(new Set(sentSince().map((r) => `${r.operationId} ${r.status}`))).toEqual(new Set(['update-contact 200']));
    expect(sentSince().at(-1)!.body).toMatchObject({ phone: '+15125550199', firstName: 'Ann' });
    expect(sentSince().at(-1)!.body).not.toHaveProperty('locationId');
    const row = backend.ctx.db.$client.prepare('SELECT status, ghl_contact_id AS contactId FROM leads WHERE id = ?').get(ann.id);
    expect(row).toEqual({ status: 'synced', contactId: enrolledContact });
  }, 60_000);

  // Only what the lead has is written, as by the upsert: a removed number is not cleared there (removed-phone.test.ts says
  // why, and the lead panel names it).
  it('a number the office removed is not sent as empty: the update carries the fields the lead has', async () => {
    const { backend, ann, contacts, sentSince } = await enrolledAnn({ phone: '(512) 555-0142', email: 'ann@example.com' });

    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: null, lastName: 'Lee-Ray' } }));
    await syncUntilIdle(backend);

    // (Sent twice at times: the lead is placed again without its phone, which moves its version while the first goes.)
    expect(new Set(sentSince().map((r) => r.operationId))).toEqual(new Set(['update-contact']));
    for (const write of sentSince()) expect(write.body).not.toHaveProperty('phone');
    expect(contacts()).toEqual([expect.objectContaining({ phone: '+15125550142', lastName: 'Lee-Ray' })]);
  }, 60_000);

  it('a contact GHL no longer has is made again by the upsert, as before', async () => {
    const { backend, simulator, ann, contacts, sentSince } = await enrolledAnn({ phone: '(512) 555-0142' });
    simulator.state.deleteContact(simulator.state.contacts.get(contacts()[0]!.id)!);

    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0199' } }));
    await syncUntilIdle(backend);

    expect(sentSince().map((r) => r.operationId)).toEqual(['update-contact', 'upsert-contact']);
    expect(contacts()).toEqual([expect.objectContaining({ phone: '+15125550199' })]);
  }, 60_000);
});
