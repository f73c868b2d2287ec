/**
 * The office removes a lead's phone after it went to GHL (the customer's neighbour answered: "wrong number"). The
 * upsert sends only the fields the lead has, so GHL's contact kept the number, and the campaign's later texts went on
 * to the neighbour while the app showed the lead without a phone, synced. The lead's next sync takes the number off
 * its contact, by the contact's id and only if the contact holds it (contacts.json UpdateContactDto: phone nullable):
 * a number GHL holds from elsewhere is never cleared, nor one of a contact the upsert matched by email that keeps
 * another number (GHL's quirk #37). Found by a read-only review; the first cut sent `phone: null` in the upsert, and
 * the second review found it could wipe that other contact's number.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useBackends, valueOf } from '../../helpers/backend';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { LOCATIONS, addCompany, fastConfig, startSim, waitFor, SYNC_CLOCK } from '../sync/world';

describe('a phone the office removes after the lead went to GHL', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('is taken off the lead’s GHL contact; a number GHL holds from elsewhere, or another contact’s, stays', async () => {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const db = backend.ctx.db.$client;
    const companyId = await addCompany(backend, sim, 0);
    const location = LOCATIONS[0].id;
    // Bo's contact was in GHL before the app, with his number; the app has only his email.
    sim.state.createContact(location, { firstName: 'Bo', email: 'bo@example.com', phone: '+15125550177' });
    // Cy's email is on a contact that keeps its own number (his landline), and his mobile is another contact's: GHL
    // matches the email and keeps the landline (quirk #37), and Cy fails "phone not kept".
    sim.state.createContact(location, { firstName: 'Cy', email: 'cy@example.com', phone: '+15125550188' });
    sim.state.createContact(location, { firstName: 'Other', phone: '+15125550189' });
    const now = Date.now();
    const insert = db.prepare(
      `INSERT INTO leads (company_id, first_name, phone, email, email_key, country, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'US', 'queued', ?, ?)`,
    );
    const jobs = new JobQueue(db);
    const ann = Number(insert.run(companyId, 'Ann', '+15125550142', 'ann@example.com', 'ann@example.com', now, now).lastInsertRowid);
    const bo = Number(insert.run(companyId, 'Bo', null, 'bo@example.com', 'bo@example.com', now, now).lastInsertRowid);
    const cy = Number(insert.run(companyId, 'Cy', '+15125550189', 'cy@example.com', 'cy@example.com', now, now).lastInsertRowid);
    for (const id of [ann, bo, cy]) jobs.enqueue(companyId, id, now);
    backend.ctx.sync.start({ config: fastConfig });
    const status = (id: number) => (db.prepare(`SELECT status FROM leads WHERE id = ?`).get(id) as { status: string }).status;
    await waitFor(() => status(ann) === 'synced' && status(bo) === 'synced' && status(cy) === 'failed', 20_000);
    await backend.ctx.sync.stop();
    const contactOf = (email: string) => sim!.contacts(location).find((contact) => contact.email === email)!;
    expect(contactOf('ann@example.com').phone).toBe('+15125550142');

    valueOf(await backend.dispatch('leads:update', { id: ann, patch: { phone: null } }));
    valueOf(await backend.dispatch('leads:update', { id: bo, patch: { firstName: 'Bob' } }));
    valueOf(await backend.dispatch('leads:update', { id: cy, patch: { phone: null } }));
    // Deleted now, nothing would take Ann's number off her contact: refused until the sync has.
    expect(await backend.dispatch('leads:remove', { id: ann })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('+15125550142') } });
    // The lead panel says so meanwhile (noPhoneText), and after.
    expect(valueOf(await backend.call('leads:get', { id: ann }))).toMatchObject({ removedPhone: { phone: '+15125550142', clearedAt: null } });
    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => status(ann) === 'synced' && status(bo) === 'synced' && status(cy) === 'synced' && contactOf('bo@example.com').firstName === 'Bob', 20_000);
    expect(valueOf(await backend.call('leads:get', { id: ann }))).toMatchObject({ removedPhone: { phone: '+15125550142', clearedAt: expect.any(Number) } });
    expect(contactOf('ann@example.com').phone ?? null).toBeNull();
    expect(contactOf('bo@example.com').phone).toBe('+15125550177');
    expect(contactOf('cy@example.com').phone).toBe('+15125550188');
    // By the contact's id, the phone alone.
    expect(sim.requests().filter((r) => r.method === 'PUT' && 'phone' in (r.body as object)).map((r) => r.body)).toEqual([{ phone: null }]);
    // Once: a later edit of Ann sends no phone at all.
    const writes = () => sim!.requests().filter((r) => r.path.startsWith('/contacts/') && (r.method === 'PUT' || r.method === 'POST'));
    const before = writes().length;
    valueOf(await backend.dispatch('leads:update', { id: ann, patch: { firstName: 'Anna' } }));
    await waitFor(() => writes().length > before && status(ann) === 'synced', 20_000);
    await backend.ctx.sync.stop();
    expect(writes().slice(before).map((r) => r.body)).not.toContainEqual(expect.objectContaining({ phone: expect.anything() }));
    expect(db.prepare('SELECT count(*) FROM lead_removed_phones WHERE cleared_at IS NULL').pluck().get()).toBe(0);
    expect(await backend.dispatch('leads:remove', { id: ann })).toMatchObject({ ok: true });
  }, 60_000);

  // The review's race: the phone removed while the lead's first upsert was on its way (no contact id known yet).
  it('is remembered when removed while the first upsert was on its way', async () => {
    const backend = backends.open(undefined, SYNC_CLOCK);
    const db = backend.ctx.db.$client;
    db.prepare("INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('A', 'locA1', 'http://x', 1, 1)").run();
    db.prepare(`INSERT INTO leads (company_id, phone, email, email_key, country, status, created_at, updated_at) VALUES (1, '+15125550142', 'a@example.com', 'a@example.com', 'US', 'syncing', 1, 1)`).run();
    db.prepare(`INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, attempts, next_run_at, created_at, updated_at, upsert_sent_at) VALUES (1, 1, 'sync', '1:1:sync', 'running', 0, 1, 1, 1, 5)`).run();
    db.prepare(`UPDATE leads SET phone = NULL WHERE id = 1`).run();
    expect(db.prepare('SELECT phone, cleared_at AS clearedAt FROM lead_removed_phones').all()).toEqual([{ phone: '+15125550142', clearedAt: null }]);
  });
});
