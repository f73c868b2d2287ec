import { placeAllLeads } from '../../helpers/jobs';
import { openSchedulesAt } from '../../helpers/schedule';
import { describe, expect, it } from 'vitest';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { LeadWriter } from '../../../electron/core/leads/lead-writer';
import type { LeadDraft } from '../../../electron/parsing/row-validator';
import { useBackends } from '../../helpers/backend';

const draft = (phone: string): LeadDraft => ({
  firstName: 'Held', lastName: null, phone, phoneRaw: phone, phoneExt: null, email: null, emailKey: null, address1: null,
  city: null, state: null, postalCode: null, country: 'US', source: null, notes: null, lastServiceDate: null, consentNote: null,
  doNotContact: false, companyName: null, originalDate: null, crmStatus: null, jobType: null, crmTags: null, customValues: [],
});

/** Issue #12 item 4: an edit keeps a held-back or scheduled lead where it was; it re-sends only leads already sent. */
describe('an edit and the sync queue', () => {
  const { open } = useBackends();

  async function setup() {
    const backend = open();
    const company = await backend.dispatch('companies:create', { name: 'Acme', ghlLocationId: 'locAcme1' });
    if (!company.ok) throw new Error(company.error.message);
    const companyId = (company.value as { id: number }).id;
    const client = backend.ctx.db.$client;
    const now = Date.now();
    // An import with "Queue now" off, written by the import's own writer.
    const batchId = Number(
      client
        .prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, created_at) VALUES (?, 'old.csv', 'completed', 0, ?)`)
        .run(companyId, now).lastInsertRowid,
    );
    const writer = new LeadWriter(client, { companyId, batchId, onDuplicate: 'skip', queueSync: false, tag: null });
    writer.writeChunk([draft('+15125550101'), draft('+15125550102')]);
    const ids = (client.prepare('SELECT id FROM leads ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
    const jobs = () => client.prepare('SELECT lead_id AS leadId, state, next_run_at AS nextRunAt FROM sync_jobs ORDER BY id').all();
    return { ...backend, client, companyId, batchId, ids, jobs };
  }

  it('a held-back lead stays held back when edited (no job, status new), and is sent with its batch', async () => {
    const { dispatch, batchId, ids, jobs } = await setup();
    await expect(dispatch('leads:update', { id: ids[0]!, patch: { city: 'Austin' } })).resolves.toMatchObject({ ok: true, value: { city: 'Austin', status: 'new' } });
    expect(jobs()).toEqual([]);
    await expect(dispatch('imports:get', { batchId })).resolves.toMatchObject({ ok: true, value: { notQueued: 2 } });
    await expect(dispatch('imports:queue', { batchId })).resolves.toEqual({ ok: true, value: { queued: 2 } });
    expect(jobs()).toMatchObject([{ leadId: ids[0], state: 'queued' }, { leadId: ids[1], state: 'queued' }]);
  });

  it('do-not-contact set and lifted on a held-back lead: back to held back, never queued', async () => {
    const { dispatch, ids, jobs } = await setup();
    await expect(dispatch('leads:setDoNotContact', { id: ids[1]!, doNotContact: true })).resolves.toMatchObject({ ok: true, value: { status: 'do-not-contact' } });
    await expect(dispatch('leads:setDoNotContact', { id: ids[1]!, doNotContact: false })).resolves.toMatchObject({ ok: true, value: { status: 'new' } });
    expect(jobs()).toEqual([]);
  });

  // The lead panel said "do-not-disturb is turned on for the contact there" as soon as the lead was marked,
  // while its job still waited (the company paused, no key, offline) and a GHL workflow could still text.
  it('a sent lead marked do-not-contact owes GHL its do-not-disturb until the job has gone', async () => {
    const { dispatch, client, batchId, ids } = await setup();
    await dispatch('imports:queue', { batchId });
    // Sent: its job done, the contact in GHL.
    client.prepare(`UPDATE sync_jobs SET state = 'succeeded' WHERE lead_id = ?`).run(ids[0]);
    client.prepare(`UPDATE leads SET status = 'synced', ghl_contact_id = 'ctc_1', enrolled_at = ? WHERE id = ?`).run(Date.now(), ids[0]);
    await expect(dispatch('leads:get', { id: ids[0]! })).resolves.toMatchObject({ ok: true, value: { dndInGhl: null } });
    await dispatch('leads:setDoNotContact', { id: ids[0]!, doNotContact: true });
    await expect(dispatch('leads:get', { id: ids[0]! })).resolves.toMatchObject({ ok: true, value: { status: 'do-not-contact', dndInGhl: 'pending' } });
    client.prepare(`UPDATE sync_jobs SET state = 'failed' WHERE lead_id = ?`).run(ids[0]);
    await expect(dispatch('leads:get', { id: ids[0]! })).resolves.toMatchObject({ ok: true, value: { dndInGhl: 'failed' } });
    client.prepare(`UPDATE sync_jobs SET state = 'succeeded' WHERE lead_id = ?`).run(ids[0]);
    await expect(dispatch('leads:get', { id: ids[0]! })).resolves.toMatchObject({ ok: true, value: { dndInGhl: null } });
  });

  // A typo fixed in a lead the campaign had texted made it "Waiting to send", as if it would be texted again, and took
  // it out of the dashboard's "Sent to GHL" (an office manager's review). Only its record goes again.
  it('a lead already in the campaign stays Sent to GHL when edited or sent again; its update waits to go', async () => {
    const { dispatch, client, companyId, batchId, ids, jobs } = await setup();
    await dispatch('imports:queue', { batchId });
    client.prepare(`UPDATE sync_jobs SET state = 'succeeded' WHERE lead_id = ?`).run(ids[0]);
    client.prepare(`UPDATE leads SET status = 'synced', ghl_contact_id = 'ctc_1', enrolled_at = ? WHERE id = ?`).run(Date.now(), ids[0]);
    const sentCount = () => client.prepare(`SELECT n FROM lead_status_counts WHERE company_id = ? AND status = 'synced'`).pluck().get(companyId);
    expect(sentCount()).toBe(1);
    await expect(dispatch('leads:get', { id: ids[0]! })).resolves.toMatchObject({ ok: true, value: { status: 'synced', updatePending: false } });
    await expect(dispatch('leads:update', { id: ids[0]!, patch: { city: 'Austin' } })).resolves.toMatchObject({ ok: true, value: { status: 'synced', updatePending: true } });
    expect(jobs()).toMatchObject([{ leadId: ids[0], state: 'queued' }, { leadId: ids[1], state: 'queued' }]);
    expect(sentCount()).toBe(1);
    client.prepare(`UPDATE sync_jobs SET state = 'succeeded' WHERE lead_id = ?`).run(ids[0]);
    await expect(dispatch('leads:send', { id: ids[0]! })).resolves.toMatchObject({ ok: true, value: { status: 'synced', updatePending: true } });
    expect(sentCount()).toBe(1);
    // A lead in GHL but not in the campaign yet (no tag or workflow then) is waiting to be texted: it says so.
    client.prepare(`UPDATE sync_jobs SET state = 'succeeded' WHERE lead_id = ?`).run(ids[1]);
    client.prepare(`UPDATE leads SET status = 'synced', ghl_contact_id = 'ctc_2' WHERE id = ?`).run(ids[1]);
    await expect(dispatch('leads:update', { id: ids[1]!, patch: { city: 'Austin' } })).resolves.toMatchObject({ ok: true, value: { status: 'queued' } });
  });

  it('a lead waiting for a later send keeps its time when edited', async () => {
    const { dispatch, client, companyId, batchId, ids, jobs } = await setup();
    await dispatch('imports:queue', { batchId });
    const later = Date.now() + 3_600_000;
    // A transient failure: the job waits for its retry, due in an hour.
    const queue = new JobQueue(client);
    placeAllLeads(client);
    // Not about pacing: the schedule holds nothing back at the real time these claims use.
    openSchedulesAt(client);
    const [first, second] = queue.claim(companyId, 'runner', 2, Date.now(), 60_000);
    queue.retryLater(first!, 1, later, 'upsert:transient', 'HTTP 503', Date.now());
    queue.release([second!], Date.now(), Date.now());
    await expect(dispatch('leads:update', { id: ids[0]!, patch: { city: 'Austin' } })).resolves.toMatchObject({ ok: true, value: { status: 'queued' } });
    expect(jobs()).toMatchObject([{ leadId: ids[0], state: 'queued', nextRunAt: later }, { leadId: ids[1], state: 'queued' }]);
  });
});
