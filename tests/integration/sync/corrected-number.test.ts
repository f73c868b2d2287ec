/**
 * The office corrects the number of a lead already in the campaign (the customer's new mobile; "wrong number": the
 * neighbour answered). The contact GHL's campaign texts is the one the lead was enrolled through, and it must get the
 * new number. The sync upserted the corrected lead: GHL matched the new number to nothing and made a second contact,
 * never enrolled (a lead is enrolled once), while the first went on texting the old number, someone else's.
 * Real worker thread, the simulator on a real port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { useBackends, valueOf } from '../../helpers/backend';
import { LOCATIONS, addCompany, fastConfig, startSim, SYNC_CLOCK, syncUntilIdle, waitFor } from './world';

describe('a number the office changes after the lead went to GHL', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  async function enrolledAnn(fields: { phone: string; email?: string }, locationCount = 1) {
    const simulator = (sim = await startSim({}, locationCount));
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
    return { backend, simulator, companyId, ann, contacts, sentSince };
  }

  /** The office corrects the number; the update reaches the contact, but no answer comes back (both of the client's tries), and the job's next try is far off. */
  async function correctWithAnswerLost(backend: Backend, simulator: GhlSimulator, leadId: number, phone: string) {
    valueOf(await backend.call('leads:update', { id: leadId, patch: { phone } }));
    simulator.failNext('update-contact', 'lost-response', 2);
    backend.ctx.sync.start({ config: { ...fastConfig, retryBaseMs: 600_000, retryCapMs: 600_000 } });
    await waitFor(() => simulator.requests().filter((r) => r.operationId === 'update-contact').length >= 2, 20_000);
    await backend.ctx.sync.stop();
  }

  // A simulator probe: a lead whose contact and note were in GHL, its enrolment not done (GHL refused it for a while),
  // corrected, was upserted with the new number: GHL matched nothing and made a second contact, which got the enrolment
  // and no note, while the first kept the note and the old number (and undo deleted only the second).
  it('a corrected number of a lead not enrolled yet goes to the contact GHL has for it, by its id: no second contact', async () => {
    const simulator = (sim = await startSim({}));
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, simulator, 0);
    const ann = valueOf(await backend.call('leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142', notes: 'Roof 2019' }));
    // GHL refuses the tag until the lead's tries are used up: its contact and note are there, not its enrolment.
    simulator.failNext(/tags/, '5xx', 1_000);
    backend.ctx.sync.start({ config: { ...fastConfig, maxAttempts: 2 } });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    await backend.ctx.sync.stop();
    const contacts = () => simulator.contacts(LOCATIONS[0].id);
    expect(contacts()).toEqual([expect.objectContaining({ phone: '+15125550142', tags: [] })]);
    const first = contacts()[0]!.id;
    expect(simulator.notes(first)).toHaveLength(1);
    expect(valueOf(await backend.call('leads:get', { id: ann.id }))).toMatchObject({ ghlContactId: first, enrolledAt: null, status: 'failed' });

    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0199' } }));
    // Its time comes.
    backend.ctx.db.$client.prepare('UPDATE sync_jobs SET next_run_at = 0, line_at = NULL WHERE lead_id = ?').run(ann.id);
    simulator.clearFaults();
    await syncUntilIdle(backend);
    expect(contacts()).toEqual([expect.objectContaining({ id: first, phone: '+15125550199', tags: ['roof-reactivation'] })]);
    expect(simulator.notes(first)).toHaveLength(1);
    expect(valueOf(await backend.call('leads:get', { id: ann.id }))).toMatchObject({ status: 'synced', ghlContactId: first });
  });

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
  // A location that does not allow duplicates refuses the PUT, as it refuses a create: Bob's contact has the number. The
  // upsert matched Bob's contact by it and wrote Ann's name over his, while Ann's went on texting the old number.
  it('a corrected number another contact holds fails the lead with what to do; neither contact is changed', async () => {
    const { backend, simulator, ann, contacts, sentSince } = await enrolledAnn({ phone: '(512) 555-0142' });
    const bob = simulator.state.createContact(LOCATIONS[0].id, { firstName: 'Bob', lastName: 'Ray', phone: '+15125550199' });

    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0199' } }));
    await syncUntilIdle(backend);

    expect(sentSince().map((r) => [r.operationId, r.status])).toEqual([['update-contact', 400]]);
    expect(contacts().map((c) => [c.firstName, c.phone])).toEqual([['Ann', '+15125550142'], ['Bob', '+15125550199']]);
    expect(simulator.state.contacts.get(bob.id)).toMatchObject({ firstName: 'Bob' });
    const row = backend.ctx.db.$client.prepare('SELECT status, last_error AS error FROM leads WHERE id = ?').get(ann.id) as { status: string; error: string };
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/another contact with this phone or email.*if it is the same customer, merge the two there, else correct the lead; then retry/);
  }, 60_000);

  // The company's location ID was corrected: its leads' contacts are the old location's, which GHL refuses to this key
  // (403). Taken for a refused key, it paused the company at every edit of such a lead.
  it("a contact of the company's former location: the upsert writes the lead in its location, as before, and the company is not paused", async () => {
    const { backend, simulator, companyId, ann, sentSince } = await enrolledAnn({ phone: '(512) 555-0142' }, 2);
    backend.ctx.db.$client.prepare('UPDATE companies SET ghl_location_id = ? WHERE id = ?').run(LOCATIONS[1].id, companyId);
    valueOf(await backend.call('companies:setKey', { id: companyId, apiKey: LOCATIONS[1].token }));

    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0199' } }));
    await syncUntilIdle(backend);

    expect(sentSince().map((r) => [r.operationId, r.status])).toEqual([['update-contact', 403], ['upsert-contact', 200]]);
    expect(simulator.contacts(LOCATIONS[1].id).map((c) => c.phone)).toEqual(['+15125550199']);
    expect(backend.ctx.db.$client.prepare('SELECT sync_paused_reason AS reason FROM companies WHERE id = ?').get(companyId)).toEqual({ reason: null });
  }, 60_000);
  // Corrected under an earlier version: its upsert made a second contact, which holds the lead's number and which the
  // lead names. Written to the first (the one it was enrolled through), any later edit was refused as a duplicate of the
  // second, and the lead failed (a review); it goes to the contact it names, as the upsert did.
  it('a lead that names a second contact from an earlier correction: an edit goes to that contact and the lead stays sent', async () => {
    const { backend, simulator, ann, sentSince } = await enrolledAnn({ phone: '(512) 555-0142' });
    const second = simulator.state.createContact(LOCATIONS[0].id, { firstName: 'Ann', lastName: 'Lee', phone: '+15125550199' });
    backend.ctx.db.$client.prepare(`UPDATE leads SET phone = '+15125550199', ghl_contact_id = ? WHERE id = ?`).run(second.id, ann.id);

    valueOf(await backend.call('leads:update', { id: ann.id, patch: { lastName: 'Lee-Ray' } }));
    await syncUntilIdle(backend);

    expect(new Set(sentSince().map((r) => `${r.operationId} ${r.status}`))).toEqual(new Set(['update-contact 200']));
    expect(simulator.state.contacts.get(second.id)).toMatchObject({ lastName: 'Lee-Ray' });
    expect(backend.ctx.db.$client.prepare('SELECT status, ghl_contact_id AS c FROM leads WHERE id = ?').get(ann.id)).toEqual({ status: 'synced', c: second.id });
  }, 60_000);
  // The contact the campaign texts is on DND: a STOP answered to its old number. Whose it was GHL cannot say (the
  // customer from her old phone, or the neighbour who had it), so it stays the customer's word: the contact takes the
  // new number and stays on DND, and the lead and its new number are opted out in every company. The third review's fix
  // (read first, upsert instead) left her new number open to other companies when the STOP was hers, and a lead with an
  // email was matched to that contact by the upsert anyway.
  it('a contact on DND keeps its DND with the new number: the lead and the new number are opted out', async () => {
    const { backend, simulator, ann, contacts, sentSince } = await enrolledAnn({ phone: '(512) 555-0142' });
    const enrolledContact = contacts()[0]!.id;
    simulator.state.contacts.get(enrolledContact)!.dnd = true;

    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0199' } }));
    await syncUntilIdle(backend);

    expect(sentSince().map((r) => r.operationId)).toEqual(['update-contact']);
    expect(contacts()).toEqual([expect.objectContaining({ id: enrolledContact, phone: '+15125550199', dnd: true })]);
    const db = backend.ctx.db.$client;
    expect(db.prepare('SELECT status FROM leads WHERE id = ?').pluck().get(ann.id)).toBe('dnd');
    expect(db.prepare(`SELECT source FROM opt_outs WHERE value = '+15125550199' AND removed_at IS NULL`).pluck().all()).toEqual([expect.any(String)]);
  }, 60_000);
  // The STOP came to the number the contact had before the correction: that number goes on the list too, and the
  // customer's leads with it in every company are opted out. The update's answer carried only the new number, and the
  // old one was kept nowhere (it was the lead's own until the edit): it stayed open to every company.
  it('a contact on DND: the number it had before the correction is listed too, for every company', async () => {
    const { backend, simulator, ann, contacts } = await enrolledAnn({ phone: '(512) 555-0142' }, 2);
    const bravo = await addCompany(backend, simulator, 1);
    const carl = valueOf(await backend.call('leads:create', { companyId: bravo, firstName: 'Carl', lastName: 'Ray', phone: '(512) 555-0142' }));
    await syncUntilIdle(backend);
    simulator.state.contacts.get(contacts()[0]!.id)!.dnd = true;

    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0199' } }));
    await syncUntilIdle(backend);

    const db = backend.ctx.db.$client;
    const listed = db.prepare(`SELECT value, source FROM opt_outs WHERE removed_at IS NULL AND kind = 'phone' ORDER BY value`).all();
    expect(listed).toEqual([
      { value: '+15125550142', source: 'ghl-dnd' },
      { value: '+15125550199', source: 'ghl-dnd' },
    ]);
    expect(db.prepare('SELECT reason FROM opt_outs WHERE value = ?').pluck().get('+15125550142')).toMatch(/^A number GHL's contact of Ann Lee had before it took \(512\) 555-0199:/);
    // Bravo's lead with the old number, in Bravo's campaign already: do-not-contact, and its contact there gets DND.
    expect(db.prepare('SELECT do_not_contact AS dnc FROM leads WHERE id = ?').get(carl.id)).toEqual({ dnc: 1 });
    await syncUntilIdle(backend);
    expect(simulator.contacts(LOCATIONS[1].id)).toEqual([expect.objectContaining({ phone: '+15125550142', dnd: true })]);
  }, 60_000);
  // The first correction reached the contact, but its answer was lost; the office corrected the number again before the
  // retry. The contact held the second number meanwhile (the campaign texted it): on DND, it is listed with the first.
  it('a correction whose answer was lost, then another: every number the contact may have held is listed on DND', async () => {
    const { backend, simulator, ann, contacts } = await enrolledAnn({ phone: '(512) 555-0142' });
    const db = backend.ctx.db.$client;
    await correctWithAnswerLost(backend, simulator, ann.id, '(512) 555-0177');
    expect(contacts()[0]).toMatchObject({ phone: '+15125550177' });

    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0199' } }));
    db.prepare('UPDATE sync_jobs SET next_run_at = 0 WHERE lead_id = ?').run(ann.id);
    simulator.state.contacts.get(contacts()[0]!.id)!.dnd = true;
    await syncUntilIdle(backend);

    expect(db.prepare(`SELECT value FROM opt_outs WHERE kind = 'phone' AND removed_at IS NULL ORDER BY value`).pluck().all()).toEqual([
      '+15125550142',
      '+15125550177',
      '+15125550199',
    ]);
  }, 60_000);
  // The app's DND check (a customer shared with another company) finds the contact on DND before the update's answer
  // comes: it holds the new number by then (that answer was lost), so the number it had before is listed from here.
  it("the DND check that finds the contact on DND lists the number it had before, as the update's answer does", async () => {
    const { backend, simulator, ann, contacts } = await enrolledAnn({ phone: '(512) 555-0142' });
    const db = backend.ctx.db.$client;
    await correctWithAnswerLost(backend, simulator, ann.id, '(512) 555-0177');

    const contactId = contacts()[0]!.id;
    new JobQueue(db).recordContactDnd(ann.id, { isDnd: true, phone: '+15125550177', contactId }, SYNC_CLOCK.now());

    expect(db.prepare(`SELECT value FROM opt_outs WHERE kind = 'phone' AND removed_at IS NULL ORDER BY value`).pluck().all()).toEqual(['+15125550142', '+15125550177']);
    expect(db.prepare('SELECT count(*) FROM lead_replaced_phones').pluck().get()).toBe(0);
  }, 60_000);
  // The DND check asks while an update of the lead's contact is on its way: its answer (the contact's number before the
  // update) says nothing of the number the update sent, which stays kept for a later DND (a review found it forgotten).
  it('a DND check answered after an update went forgets only what was kept before it asked', async () => {
    const { backend, simulator, ann, contacts } = await enrolledAnn({ phone: '(512) 555-0142' });
    const db = backend.ctx.db.$client;
    await correctWithAnswerLost(backend, simulator, ann.id, '(512) 555-0177');
    const kept = db.prepare('SELECT phone FROM lead_replaced_phones WHERE lead_id = ? ORDER BY phone').pluck();
    expect(kept.all(ann.id)).toEqual(['+15125550142', '+15125550177']);
    const contactId = contacts()[0]!.id;
    const queue = new JobQueue(db);

    queue.recordContactDnd(ann.id, { isDnd: false, phone: '+15125550142', contactId }, SYNC_CLOCK.now(), 0);
    expect(kept.all(ann.id)).toEqual(['+15125550142', '+15125550177']);
    // The update goes again after the check asked (its note renewed, though the number was noted before): kept.
    const askedAt = SYNC_CLOCK.now();
    expect(queue.notePhoneSent(ann.id, '+15125550177', askedAt + 1_000)).toBe(false);
    queue.recordContactDnd(ann.id, { isDnd: false, phone: '+15125550142', contactId }, askedAt + 2_000, askedAt);
    expect(kept.all(ann.id)).toEqual(['+15125550177']);
    queue.recordContactDnd(ann.id, { isDnd: false, phone: '+15125550177', contactId }, askedAt + 3_000, askedAt + 3_000);
    expect(kept.all(ann.id)).toEqual([]);
  }, 60_000);
  // Only a number the contact held or was sent can be where a STOP came: a number typed by mistake and corrected before the
  // sync, and one GHL refused (another contact has it), never reached it. Listed, either would opt someone else out in
  // every company (a review of the first version, which kept every number the lead had).
  it('a number typed by mistake, and one GHL refused, are not listed when the contact answers on DND', async () => {
    const { backend, simulator, ann, contacts } = await enrolledAnn({ phone: '(512) 555-0142' });
    const db = backend.ctx.db.$client;
    const listedPhones = () => db.prepare(`SELECT value FROM opt_outs WHERE kind = 'phone' AND removed_at IS NULL ORDER BY value`).pluck().all();
    simulator.state.createContact(LOCATIONS[0].id, { firstName: 'Bob', lastName: 'Ray', phone: '+15125550199' });
    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0199' } }));
    await syncUntilIdle(backend);
    expect(db.prepare('SELECT status FROM leads WHERE id = ?').pluck().get(ann.id)).toBe('failed');

    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0177' } }));
    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0188' } }));
    simulator.state.contacts.get(contacts().find((c) => c.firstName === 'Ann')!.id)!.dnd = true;
    await syncUntilIdle(backend);

    // The number the contact held, and its new one: not Bob's, nor the typo.
    expect(listedPhones()).toEqual(['+15125550142', '+15125550188']);
  }, 60_000);
  // An earlier try of the update went without its answer (the number noted as maybe the contact's), and its retry is
  // refused as another contact's number: the contact never took it, and it must not be listed on a later DND (it would
  // opt that other person out everywhere; a review found the note of the earlier try stayed).
  it("a number GHL refused on a retry, after a try whose answer was lost, is not listed", async () => {
    const { backend, simulator, ann, contacts } = await enrolledAnn({ phone: '(512) 555-0142' });
    const db = backend.ctx.db.$client;
    simulator.state.createContact(LOCATIONS[0].id, { firstName: 'Bob', lastName: 'Ray', phone: '+15125550199' });
    await correctWithAnswerLost(backend, simulator, ann.id, '(512) 555-0199');
    db.prepare('UPDATE sync_jobs SET next_run_at = 0 WHERE lead_id = ?').run(ann.id);
    await syncUntilIdle(backend);
    expect(db.prepare('SELECT status FROM leads WHERE id = ?').pluck().get(ann.id)).toBe('failed');

    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0188' } }));
    simulator.state.contacts.get(contacts().find((c) => c.firstName === 'Ann')!.id)!.dnd = true;
    await syncUntilIdle(backend);
    expect(db.prepare(`SELECT value FROM opt_outs WHERE kind = 'phone' AND removed_at IS NULL ORDER BY value`).pluck().all()).toEqual(['+15125550142', '+15125550188']);
  }, 60_000);
  // A lead in the campaign by its email alone, its contact without a number: a number typed and corrected before the sync
  // never reached the contact, and is not taken for one it held (a review: the trigger kept it as the number it held).
  it('an email-only lead given a number by mistake, corrected before the sync: only the new number is listed on DND', async () => {
    const simulator = (sim = await startSim({}));
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, simulator, 0);
    const ann = valueOf(await backend.call('leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' }));
    await syncUntilIdle(backend);
    const [contact] = simulator.contacts(LOCATIONS[0].id);
    expect(contact).toMatchObject({ email: 'ann@example.com' });

    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0177' } }));
    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0188' } }));
    simulator.state.contacts.get(contact!.id)!.dnd = true;
    await syncUntilIdle(backend);

    const db = backend.ctx.db.$client;
    expect(db.prepare('SELECT status FROM leads WHERE id = ?').pluck().get(ann.id)).toBe('dnd');
    expect(db.prepare(`SELECT value FROM opt_outs WHERE kind = 'phone' AND removed_at IS NULL`).pluck().all()).toEqual(['+15125550188']);
  }, 60_000);
  // Without DND the old number is no one's STOP: nothing is listed, and a DND the contact gets later (a STOP from the
  // new number) lists the new number alone.
  it('a contact not on DND takes the new number; a later DND lists only the new number', async () => {
    const { backend, simulator, ann, contacts } = await enrolledAnn({ phone: '(512) 555-0142' });
    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0177' } }));
    valueOf(await backend.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0199' } }));
    await syncUntilIdle(backend);
    const db = backend.ctx.db.$client;
    expect(db.prepare(`SELECT count(*) FROM opt_outs`).pluck().get()).toBe(0);

    simulator.state.contacts.get(contacts()[0]!.id)!.dnd = true;
    valueOf(await backend.call('leads:update', { id: ann.id, patch: { lastName: 'Lee-Ray' } }));
    await syncUntilIdle(backend);
    expect(db.prepare('SELECT status FROM leads WHERE id = ?').pluck().get(ann.id)).toBe('dnd');
    expect(db.prepare(`SELECT value FROM opt_outs WHERE kind = 'phone' AND removed_at IS NULL`).pluck().all()).toEqual(['+15125550199']);
  }, 60_000);
  // A number or email two contacts shared already (made before the location refused duplicates) is no new duplicate: an
  // edit of the name goes (the update carries the lead's number and email unchanged; GHL compares emails without case).
  it('an edit that leaves the number and email as they were goes, though another contact shares them', async () => {
    const { backend, simulator, ann, contacts, sentSince } = await enrolledAnn({ phone: '(512) 555-0142', email: 'Ann.Lee@Example.com' });
    simulator.state.createContact(LOCATIONS[0].id, { firstName: 'Old', lastName: 'Record', phone: '+15125550142', email: 'ann.lee@example.com' });

    valueOf(await backend.call('leads:update', { id: ann.id, patch: { lastName: 'Lee-Ray' } }));
    await syncUntilIdle(backend);

    expect(new Set(sentSince().map((r) => `${r.operationId} ${r.status}`))).toEqual(new Set(['update-contact 200']));
    expect(contacts().find((c) => c.firstName === 'Ann')).toMatchObject({ lastName: 'Lee-Ray' });
  }, 60_000);
});
