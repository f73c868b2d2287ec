/**
 * An opt-out reaches GHL: a customer marked do-not-contact (the opt-out list, the lead's own flag) after
 * their contact went to GHL gets DND turned on there, so a workflow in GHL stops texting them too —
 * once, with nothing else sent, and never `dnd: false`. Before, the app only cancelled its own job and
 * GHL's campaign kept texting. Real worker thread, the simulator on a real port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends, valueOf } from '../../helpers/backend';
import { LOCATIONS, addCompany, startSim, SYNC_CLOCK, syncUntilIdle } from './world';



describe('an opt-out reaches GHL', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  /**
   * Ann, a phone-only lead, sent and enrolled; then her number was corrected under an earlier version of the app, whose
   * upsert GHL matched to nothing: a second contact holds the new number (the sync now writes the enrolled contact by its
   * id: corrected-number.test.ts). Leads corrected back then are still in the campaign that way. `isAnswerLost`: that
   * upsert's answer never came back, so the lead still names its first contact.
   */
  async function annWithChangedNumber({ isAnswerLost = false }: { isAnswerLost?: boolean } = {}) {
    const simulator = (sim = await startSim());
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, simulator, 0);
    const ann = valueOf(await backend.call('leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142' }));
    await syncUntilIdle(backend);
    const second = simulator.state.createContact(LOCATIONS[0].id, { firstName: 'Ann', lastName: 'Lee', phone: '+15125550199' });
    backend.ctx.db.$client
      .prepare(`UPDATE leads SET phone = '+15125550199', phone_raw = '(512) 555-0199', ghl_contact_id = coalesce(?, ghl_contact_id) WHERE id = ?`)
      .run(isAnswerLost ? null : second.id, ann.id);
    const byPhone = () => new Map(simulator.contacts(LOCATIONS[0].id).map((c) => [c.phone, c]));
    const optOut = async () => {
      valueOf(await backend.call('leads:setDoNotContact', { id: ann.id, doNotContact: true }));
      await syncUntilIdle(backend);
    };
    return { backend, companyId, ann, byPhone, optOut };
  }

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

      // The one write, her own contact first, and one read (which contact holds her number now: the same one).
      const after = sim.requests().slice(sentBefore);
      expect(after.map((r) => [r.operationId, r.body])).toEqual([['update-contact', { dnd: true }], ['get-duplicate-contact', null]]);
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

  // GHL created the contact and every answer was lost (a gateway's 5xx after the work): the app had no
  // contact id, so the opt-out only cancelled its job, and GHL kept a contact without DND, which a workflow
  // there could text. Now the job asks GHL for the contact (GET /contacts/search/duplicate), records it, and
  // turns its DND on.
  it('a lead whose upsert reached GHL without an answer, then opted out: GHL is asked for the contact and DND goes on', async () => {
    sim = await startSim();
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const ann = valueOf(await backend.call('leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142' }));
    sim.failNext('upsert-contact', '5xx-after-work', 100);
    await syncUntilIdle(backend);
    sim.clearFaults();
    const lead = backend.ctx.db.$client.prepare(`SELECT status, ghl_contact_id AS contactId, ghl_is_new AS isNew FROM leads WHERE id = ?`);
    expect(lead.get(ann.id)).toMatchObject({ status: 'failed', contactId: null });
    const [contact] = sim.contacts(LOCATIONS[0].id);
    expect(contact).toMatchObject({ phone: '+15125550142', dnd: false });

    const sentBefore = sim.requests().length;
    valueOf(await backend.call('leads:setDoNotContact', { id: ann.id, doNotContact: true }));
    await syncUntilIdle(backend);

    expect(sim.requests().slice(sentBefore).map((r) => r.operationId)).toEqual(['get-duplicate-contact', 'update-contact']);
    expect(sim.contacts(LOCATIONS[0].id)).toEqual([expect.objectContaining({ id: contact!.id, dnd: true })]);
    // GHL's contact is now the lead's; whether its lost upsert created it is not known, so undo keeps it there.
    expect(lead.get(ann.id)).toEqual({ status: 'do-not-contact', contactId: contact!.id, isNew: null });
  }, 60_000);

  it('a lead whose upsert never reached GHL, then opted out: GHL is asked, has nothing, and nothing is created', async () => {
    sim = await startSim();
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const ann = valueOf(await backend.call('leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142' }));
    sim.failNext('upsert-contact', '5xx', 100);
    await syncUntilIdle(backend);
    sim.clearFaults();
    expect(sim.contacts(LOCATIONS[0].id)).toEqual([]);

    const sentBefore = sim.requests().length;
    valueOf(await backend.call('leads:setDoNotContact', { id: ann.id, doNotContact: true }));
    await syncUntilIdle(backend);

    expect(sim.requests().slice(sentBefore).map((r) => r.operationId)).toEqual(['get-duplicate-contact']);
    expect(sim.contacts(LOCATIONS[0].id)).toEqual([]);
    const row = backend.ctx.db.$client.prepare(`SELECT l.status, l.ghl_contact_id AS contactId, j.state FROM leads l JOIN sync_jobs j ON j.lead_id = l.id WHERE l.id = ?`);
    expect(row.get(ann.id)).toEqual({ status: 'do-not-contact', contactId: null, state: 'cancelled' });
  }, 60_000);

  // The office corrected a phone-only lead's number: GHL's upsert matched nothing and made a second contact,
  // whose answer was lost. The opt-out then turned DND on for the old contact only, and the new one (the number
  // that is texted now) stayed open to a GHL workflow. GHL is asked which contact holds the lead's number now.
  it('an opt-out after a changed number whose upsert answer was lost: DND goes on the contact that holds the number now, too', async () => {
    const { byPhone, optOut } = await annWithChangedNumber({ isAnswerLost: true });
    expect(byPhone().get('+15125550199')).toMatchObject({ dnd: false });

    await optOut();
    expect(byPhone().get('+15125550142')).toMatchObject({ dnd: true });
    expect(byPhone().get('+15125550199')).toMatchObject({ dnd: true });
  }, 60_000);

  // The same with the answer recorded: the lead's contact id became the new contact's, and the opt-out went there
  // only. The old contact is the one in the campaign (the lead was enrolled through it, never again), so its
  // workflow kept texting the old number after the customer opted out.
  it('an opt-out after a changed number: DND goes on every contact the lead was enrolled through, not only its newest', async () => {
    const { backend, ann, byPhone, optOut } = await annWithChangedNumber();
    expect([...byPhone().keys()].sort()).toEqual(['+15125550142', '+15125550199']);

    await optOut();
    expect(byPhone().get('+15125550142')).toMatchObject({ dnd: true });
    expect(byPhone().get('+15125550199')).toMatchObject({ dnd: true });
    const job = backend.ctx.db.$client.prepare(`SELECT state FROM sync_jobs WHERE lead_id = ?`);
    expect(job.get(ann.id)).toEqual({ state: 'succeeded' });
  }, 60_000);

  // A review: the old contact GHL now refuses for itself (here in another location: the company's location ID changed
  // since) failed the job before the lead's own contact got its DND, and a 403 paused the company as a refused key.
  it('an old contact GHL refuses does not keep the lead’s own contact from its DND, nor pause the company', async () => {
    const { backend, companyId, ann, byPhone, optOut } = await annWithChangedNumber();
    sim!.state.contacts.get(byPhone().get('+15125550142')!.id)!.locationId = LOCATIONS[1].id;

    await optOut();
    expect(byPhone().get('+15125550199')).toMatchObject({ dnd: true });
    const db = backend.ctx.db.$client;
    expect(db.prepare(`SELECT state FROM sync_jobs WHERE lead_id = ?`).get(ann.id)).toEqual({ state: 'succeeded' });
    expect(db.prepare(`SELECT sync_paused_reason AS reason FROM companies WHERE id = ?`).get(companyId)).toEqual({ reason: null });
  }, 60_000);

  // GHL matched an email-only lead to the contact that holds the customer's mobile, which is on the opt-out
  // list (she replied STOP to another company of the office). The app only checked the lead's own phone and
  // email, so it enrolled the contact, and the campaign texted the listed number.
  it('a lead GHL matches to a contact whose phone is on the opt-out list: never enrolled, marked do-not-contact, DND on there', async () => {
    sim = await startSim();
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const contact = sim.state.createContact(LOCATIONS[0].id, { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', phone: '+15125550142' });
    valueOf(await backend.call('optouts:add', { phone: '512-555-0142', reason: 'Replied STOP' }));
    const ann = valueOf(await backend.call('leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' }));
    await syncUntilIdle(backend);
    expect(sim.state.contacts.get(contact.id)).toMatchObject({ dnd: true, tags: [] });
    expect(sim.enrolments(contact.id)).toEqual([]);
    const lead = backend.ctx.db.$client.prepare(`SELECT status, do_not_contact AS dnc, enrolled_at AS enrolledAt FROM leads WHERE id = ?`);
    expect(lead.get(ann.id)).toEqual({ status: 'do-not-contact', dnc: 1, enrolledAt: null });
  }, 60_000);
});
