/**
 * Issue #14 item 1 (notes and tags), through the real worker thread and the simulator on a real port:
 * the old record reaches GHL as one note per lead — whatever lost answers, edits and resyncs follow —
 * and the old CRM's tags are added beside the campaign tag, never replacing the contact's own tags.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useBackends } from '../../helpers/backend';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import type { Backend } from '../../../electron/app/backend';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { LOCATIONS, addCompany, fastConfig, leadStatusCounts, startSim, waitFor, SYNC_CLOCK } from './world';
import { contactIdOf, noteCountProblems, queueRecordLeads, seedContact } from './record-world';

const CAMPAIGN_TAG = 'roof-reactivation';
const location = LOCATIONS[0];

const fullRecord = {
  notes: 'gate code 4411, prefers texts\nHome Phone: +15125550143\nWork Email: ann@work.example',
  crmTags: 'storm; VIP; Roof-Reactivation',
  crmStatus: 'Lost estimate',
  jobType: 'Roof replacement',
  originalDate: '2019-03-14',
};

async function dispatch<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(channel as never, input as never);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('the old record reaches GHL: one note per lead, the old tags beside the campaign tag', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  async function world(mode: 'tag' | 'workflow' = 'tag'): Promise<{ backend: Backend; companyId: number }> {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0, mode === 'workflow' ? { enrolMode: 'workflow', workflowId: `wf-${location.id}-reactivation` } : {});
    return { backend, companyId };
  }

  it('sends one readable note and adds the old tags; the contact keeps its own tags; a lead with nothing gets no note', async () => {
    const { backend, companyId } = await world();
    const db = backend.ctx.db.$client;
    // Lead 0 is already a contact in GHL, with a tag of its own that must survive.
    await seedContact(sim!, location, { email: 'record0@example.com', phone: '+15123000000', tags: ['existing-customer'] });
    const [full, statusOnly, tagsOnly, bare] = queueRecordLeads(db, companyId, [fullRecord, { crmStatus: 'Closed won' }, { crmTags: 'repeat' }, {}]) as [number, number, number, number];

    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    await backend.ctx.sync.stop();
    expect(leadStatusCounts(db)).toEqual({ synced: 4 });

    const fullContact = contactIdOf(db, full)!;
    expect(sim!.notes(fullContact).map((n) => n.body)).toEqual([
      [
        'gate code 4411, prefers texts',
        'Home Phone: +15125550143',
        'Work Email: ann@work.example',
        '',
        'Old CRM status: Lost estimate',
        'Job type: Roof replacement',
        'Lead since: March 14, 2019',
        '',
        `Imported by Roofing Lead Manager (lead #${full})`,
      ].join('\n'),
    ]);
    expect(sim!.notes(contactIdOf(db, statusOnly)!).map((n) => n.body)).toEqual([`Old CRM status: Closed won\n\nImported by Roofing Lead Manager (lead #${statusOnly})`]);
    expect(sim!.notes(contactIdOf(db, tagsOnly)!)).toEqual([]);
    expect(sim!.notes(contactIdOf(db, bare)!)).toEqual([]);

    const tagsOf = (leadId: number) => [...(sim!.record(contactIdOf(db, leadId)!)!.contact.tags as string[])].sort();
    expect(tagsOf(full)).toEqual(['existing-customer', CAMPAIGN_TAG, 'storm', 'vip']);
    expect(tagsOf(tagsOnly)).toEqual(['repeat', CAMPAIGN_TAG]);
    expect(tagsOf(bare)).toEqual([CAMPAIGN_TAG]);
    // The old tags in one request per lead that has them; the campaign tag only through the bulk path,
    // fired once (the old CRM's "Roof-Reactivation" is not sent as a side effect of the record).
    const perLead = sim!.requests().filter((r) => r.operationId === 'add-tags');
    expect(perLead.map((r) => r.body)).toEqual(expect.arrayContaining([{ tags: ['storm', 'VIP'] }, { tags: ['repeat'] }]));
    expect(perLead).toHaveLength(2);
    expect(sim!.state.tagEvents.filter((e) => e.contactId === fullContact && e.tag === CAMPAIGN_TAG)).toHaveLength(1);
    // No upsert carried tags (that would replace the contact's own).
    expect(sim!.requests().filter((r) => r.operationId === 'upsert-contact' && 'tags' in (r.body as object))).toHaveLength(1); // the seed's own
    expect(sim!.duplicates()).toEqual([]);
    // The note's id is kept with its record.
    expect(db.prepare(`SELECT state, result_id AS resultId FROM ghl_creates WHERE lead_id = ? AND kind = 'note'`).get(full)).toEqual({ state: 'done', resultId: sim!.notes(fullContact)[0]!.id });
  }, 60_000);

  it('a lost answer on create-note is settled by listing the notes: never a second note; a note that never arrived is sent again once', async () => {
    const { backend, companyId } = await world('workflow');
    const db = backend.ctx.db.$client;
    const ids = queueRecordLeads(db, companyId, [fullRecord, fullRecord, fullRecord, fullRecord]);
    // The first note is made and its answer lost; the second request is cut before GHL does anything.
    sim!.failNext('create-note', 'lost-response', 1);
    sim!.failNext('create-note', 'reset', 1);
    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => leadStatusCounts(db).synced === 4, 30_000);
    await backend.ctx.sync.stop();

    expect(sim!.pendingFaults()).toBe(0);
    expect(noteCountProblems(sim!, location.id, () => 1)).toEqual([]);
    expect(sim!.duplicates()).toEqual([]);
    for (const id of ids) expect(sim!.notes(contactIdOf(db, id)!)[0]!.body).toContain(`(lead #${id})`);
    // Both open notes were looked up before anything was resent; one was found, one sent again.
    expect(sim!.requests().filter((r) => r.operationId === 'get-all-notes').length).toBeGreaterThanOrEqual(2);
    // Sent: the lost one (made), the cut one (not made), two answered, the cut one once more.
    const posts = sim!.requests().filter((r) => r.operationId === 'create-note');
    expect(posts.map((r) => r.fault ?? r.status).sort()).toEqual([201, 201, 201, 'lost-response', 'reset']);
    // Workflow mode gets the old tags too, and every contact is enrolled once.
    for (const id of ids) expect(sim!.record(contactIdOf(db, id)!)!.contact.tags).toEqual(expect.arrayContaining(['storm', 'vip', 'roof-reactivation']));
    for (const id of ids) expect(sim!.enrolments(contactIdOf(db, id)!)).toHaveLength(1);
  }, 60_000);

  // A gateway's 502 for a note GHL did make: sent again at once, it would be a second note on the contact.
  it('a 5xx answer for a note GHL made anyway is settled by listing the notes: never a second note', async () => {
    const { backend, companyId } = await world();
    const db = backend.ctx.db.$client;
    const [leadId] = queueRecordLeads(db, companyId, [fullRecord]) as [number];
    sim!.failNext('create-note', '5xx-after-work', 1);
    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => leadStatusCounts(db).synced === 1, 30_000);
    await backend.ctx.sync.stop();

    expect(sim!.pendingFaults()).toBe(0);
    expect(sim!.duplicates()).toEqual([]);
    expect(sim!.notes(contactIdOf(db, leadId)!)).toHaveLength(1);
    expect(sim!.requests().filter((r) => r.operationId === 'create-note').map((r) => r.fault ?? r.status)).toEqual(['5xx-after-work']);
  }, 60_000);

  // A gateway's 504 while GHL is still writing the note: looked for at once, the note was not there yet, and a
  // second was posted (the reviewer's proxy: 2 notes). The job waits out the settling time first.
  // A 502 too: Cloudflare's answer when the connection to GHL broke, while GHL may still be writing (a review's case).
  it.each([504, 502])('a gateway %i while GHL still writes the note: the note is looked for once it can have landed, never a second', async (status) => {
    const { backend, companyId } = await world();
    const db = backend.ctx.db.$client;
    const [leadId] = queueRecordLeads(db, companyId, [fullRecord]) as [number];
    sim!.failNext('create-note', '5xx-while-working', 1, { holdMs: 1_500, status });
    const sentAt = Date.now();
    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => leadStatusCounts(db).synced === 1, 30_000);
    await backend.ctx.sync.stop();
    // The held write has landed by now, whatever the sync did meanwhile.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, sentAt + 2_000 - Date.now())));

    expect(sim!.duplicates()).toEqual([]);
    expect(sim!.notes(contactIdOf(db, leadId)!)).toHaveLength(1);
    expect(sim!.requests().filter((r) => r.operationId === 'create-note').map((r) => r.fault ?? r.status)).toEqual(['5xx-while-working']);
  }, 60_000);

  it('an edit and a resync add no second note and do not resend unchanged tags; changed tags are added', async () => {
    const { backend, companyId } = await world();
    const db = backend.ctx.db.$client;
    const [leadId] = queueRecordLeads(db, companyId, [fullRecord]) as [number];
    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => leadStatusCounts(db).synced === 1, 20_000);
    const contactId = contactIdOf(db, leadId)!;
    const [firstNote] = sim!.notes(contactId);

    await dispatch(backend, 'leads:update', { id: leadId, patch: { firstName: 'Edited', notes: 'gate code changed to 9000' } });
    await waitFor(() => sim!.writes(contactId).length >= 2 && leadStatusCounts(db).synced === 1, 20_000);
    expect(sim!.record(contactId)!.contact.firstName).toBe('Edited');
    expect(sim!.notes(contactId)).toEqual([firstNote]);
    expect(sim!.requests().filter((r) => r.operationId === 'add-tags')).toHaveLength(1);

    // New old tags (an import that updates duplicates): added, the earlier ones stay.
    db.transaction(() => {
      db.prepare(`UPDATE leads SET crm_tags = 'storm; VIP; hail-2024' WHERE id = ?`).run(leadId);
      new JobQueue(db).enqueue(companyId, leadId, Date.now());
    })();
    await waitFor(() => sim!.requests().filter((r) => r.operationId === 'add-tags').length === 2 && leadStatusCounts(db).synced === 1, 20_000);
    await backend.ctx.sync.stop();
    expect(sim!.notes(contactId)).toEqual([firstNote]);
    expect([...(sim!.record(contactId)!.contact.tags as string[])].sort()).toEqual(['hail-2024', CAMPAIGN_TAG, 'storm', 'vip']);
    expect(sim!.state.tagEvents.filter((e) => e.contactId === contactId && e.tag === CAMPAIGN_TAG)).toHaveLength(1);
    expect(sim!.duplicates()).toEqual([]);
  }, 60_000);
});
