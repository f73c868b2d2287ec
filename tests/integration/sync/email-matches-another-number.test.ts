/**
 * GHL's upsert quirk #37 (GHL-NOTES.md): when a lead's email matches one contact and its phone another, GHL updates
 * the first and drops the phone. The app enrolled that contact all the same, so the campaign texted the number the
 * contact kept (an old landline, a number since given to someone else), never the lead's. Now such a lead is not
 * enrolled: it fails with what to do, and nothing more goes for it. The simulator models the quirk (it used to
 * write the phone onto the email's contact, hiding it). Real worker thread, the simulator on a real port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends, valueOf } from '../../helpers/backend';
import { seedContact } from './record-world';
import { addCompany, LOCATIONS, startSim, SYNC_CLOCK, syncUntilIdle } from './world';


describe('a lead whose email is one GHL contact’s and phone another’s', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('is not enrolled: GHL kept the other number on the contact, which the campaign would text', async () => {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    // Ann's old contact (her email, her old landline) and a contact made from a call (her mobile, another email).
    await seedContact(sim, LOCATIONS[0], { email: 'ann@example.com', phone: '+15125550199', tags: [] });
    await seedContact(sim, LOCATIONS[0], { email: 'caller-4471@example.com', phone: '+15125550142', tags: [] });
    // Bob's contact has his email and an old number no other contact has: GHL takes his new one, as usual.
    await seedContact(sim, LOCATIONS[0], { email: 'bob@example.com', phone: '+15125550177', tags: [] });
    const ann = valueOf(await backend.call('leads:create', { companyId, firstName: 'Ann', email: 'ann@example.com', phone: '(512) 555-0142' }));
    const bob = valueOf(await backend.call('leads:create', { companyId, firstName: 'Bob', email: 'bob@example.com', phone: '(512) 555-0150' }));
    await syncUntilIdle(backend);

    const lead = backend.ctx.db.$client.prepare('SELECT status, last_error AS error FROM leads WHERE id = ?');
    expect(lead.get(ann.id)).toEqual({
      status: 'failed',
      error: expect.stringMatching(/^GoHighLevel matched this lead's email to a contact that keeps another phone number, and did not take this lead's/),
    });
    expect(lead.get(bob.id)).toMatchObject({ status: 'synced' });
    const byEmail = (email: string) => sim!.contacts(LOCATIONS[0].id).find((contact) => contact.email === email)!;
    // Nobody texted on Ann's behalf: her old contact keeps its landline and got no campaign tag; nothing went to her mobile's contact either.
    expect(byEmail('ann@example.com')).toMatchObject({ phone: '+15125550199', tags: [] });
    expect(byEmail('caller-4471@example.com').tags).toEqual([]);
    expect(byEmail('bob@example.com')).toMatchObject({ phone: '+15125550150', tags: ['roof-reactivation'] });
    expect(sim.duplicates()).toEqual([]);
  }, 60_000);
});
