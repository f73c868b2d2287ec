/**
 * A company the office paused still tells GHL about a customer who opted out (a review): the pause stops new texts
 * from this app, not a workflow GHL began before it, and the DND waited for the office to resume while GHL went on
 * texting her. Nothing else goes while paused: no other lead's upsert, no enrolment. Real worker thread, the
 * simulator on a real port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends, valueOf } from '../../helpers/backend';
import { LOCATIONS, addCompany, startSim, SYNC_CLOCK, syncUntilIdle } from './world';


describe('a company the office paused', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('still turns on DND in GHL for a customer who opted out, and sends nothing else until it resumes', async () => {
    sim = await startSim({});
    const backend = backends.open(undefined, SYNC_CLOCK);
    const company = await addCompany(backend, sim, 0);
    const ann = valueOf(await backend.call('leads:create', { companyId: company, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142' })).id;
    await syncUntilIdle(backend);
    expect(sim.contacts(LOCATIONS[0].id)).toMatchObject([{ phone: '+15125550142', dnd: false, tags: ['roof-reactivation'] }]);

    valueOf(await backend.call('sync:pause', { companyId: company }));
    valueOf(await backend.call('leads:create', { companyId: company, firstName: 'Bob', lastName: 'Ray', phone: '(512) 555-0143' }));
    // Ann calls the office: stop texting me.
    valueOf(await backend.call('leads:setDoNotContact', { id: ann, doNotContact: true }));
    await syncUntilIdle(backend);
    expect(sim.contacts(LOCATIONS[0].id)).toMatchObject([{ phone: '+15125550142', dnd: true }]);
    // Bob waits for the office to resume: not even his contact was made.
    const db = backend.ctx.db.$client;
    expect(db.prepare(`SELECT status FROM leads WHERE first_name = 'Bob'`).pluck().get()).toBe('queued');

    valueOf(await backend.call('sync:resume', { companyId: company }));
    await syncUntilIdle(backend);
    expect(sim.contacts(LOCATIONS[0].id).map((contact) => contact.phone).sort()).toEqual(['+15125550142', '+15125550143']);
  }, 60_000);
});
