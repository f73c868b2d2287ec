/**
 * An opt-out reaches GHL: a customer marked do-not-contact (the opt-out list, the lead's own flag) after
 * their contact went to GHL gets DND turned on there, so a workflow in GHL stops texting them too —
 * once, with nothing else sent, and never `dnd: false`. Before, the app only cancelled its own job and
 * GHL's campaign kept texting. Real worker thread, the simulator on a real port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import type { Backend } from '../../../electron/app/backend';
import { useBackends, valueOf } from '../../helpers/backend';
import { LOCATIONS, addCompany, fastConfig, startSim, SYNC_CLOCK } from './world';


async function syncUntilIdle(backend: Backend): Promise<void> {
  backend.ctx.sync.start({ config: fastConfig });
  expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
  await backend.ctx.sync.stop();
}

describe('an opt-out reaches GHL', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  for (const how of ['the opt-out list', 'the lead marked do-not-contact'] as const) {
    it(`a lead already in GHL and opted out through ${how}: DND goes on there, once, and nothing else is sent`, async () => {
      sim = await startSim();
      const backend = backends.open(undefined, SYNC_CLOCK);
      const companyId = await addCompany(backend, sim, 0);
      const ann = valueOf(await backend.call('leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142' }));
      const bob = valueOf(await backend.call('leads:create', { companyId, firstName: 'Bob', lastName: 'Ray', phone: '(512) 555-0143' }));
      await syncUntilIdle(backend);
      expect(sim.contacts(LOCATIONS[0].id).map((c) => c.dnd)).toEqual([false, false]);
      const sentBefore = sim.requests().length;

      if (how === 'the opt-out list') valueOf(await backend.call('optouts:add', { phone: '512-555-0142', reason: 'Replied STOP' }));
      else valueOf(await backend.call('leads:setDoNotContact', { id: ann.id, doNotContact: true }));
      await syncUntilIdle(backend);

      const after = sim.requests().slice(sentBefore);
      expect(after.map((r) => [r.operationId, r.body])).toEqual([['update-contact', { dnd: true }]]);
      const byPhone = new Map(sim.contacts(LOCATIONS[0].id).map((c) => [c.phone, c]));
      expect(byPhone.get('+15125550142')).toMatchObject({ dnd: true, tags: ['roof-reactivation'] });
      expect(byPhone.get('+15125550143')).toMatchObject({ dnd: false });
      const lead = backend.ctx.db.$client.prepare(`SELECT status, do_not_contact AS dnc, last_error AS lastError FROM leads WHERE id = ?`);
      expect(lead.get(ann.id)).toEqual({ status: 'do-not-contact', dnc: 1, lastError: null });
      expect(lead.get(bob.id)).toMatchObject({ status: 'synced' });

      // Done: a later run sends nothing more.
      const sentAfter = sim.requests().length;
      await syncUntilIdle(backend);
      expect(sim.requests().slice(sentAfter).filter((r) => r.operationId !== 'get-location')).toEqual([]);
    }, 60_000);
  }

  it('a lead opted out before its contact went to GHL costs nothing there', async () => {
    sim = await startSim();
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const ann = valueOf(await backend.call('leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142' }));
    valueOf(await backend.call('leads:setDoNotContact', { id: ann.id, doNotContact: true }));
    await syncUntilIdle(backend);
    expect(sim.requests().filter((r) => r.operationId !== 'get-location')).toEqual([]);
  }, 60_000);
});
