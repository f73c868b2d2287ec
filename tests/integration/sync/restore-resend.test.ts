/**
 * A restore puts back a database from before some leads went to GHL: they must not go again. Monday's
 * backup restored on Wednesday held Tuesday's sent leads as still waiting, and the sync sent each of them a
 * second note and a second enrolment (the reviewer's run: 4 enrolments and 4 notes for 2 leads).
 * The real sync worker against the GHL simulator, which counts a second note or enrolment of a contact.
 */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { OsKeychain } from '../../../electron/core/secrets/secret-store';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends, valueOf } from '../../helpers/backend';
import { addCompany, fastConfig, LOCATIONS, queueLeads, startSim, SYNC_CLOCK, syncUntilIdle, waitFor } from './world';


describe('a restore of a backup made before leads went to GHL', { timeout: 120_000 }, () => {
  const { open, tempDir } = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  /** Ann in a company's campaign (by her number or her email alone); `reopen` restores a backup and opens the folder again. */
  async function annInACampaign(fields: { phone: string } | { email: string }) {
    const simulator = (sim = await startSim({ latencyMs: 2 }));
    const dataDir = tempDir();
    const secrets = new OsKeychain(`rlm-test-${randomUUID()}`);
    const first = open(dataDir, { ...SYNC_CLOCK, secrets });
    const companyId = await addCompany(first, simulator, 0);
    const ann = valueOf(await first.call('leads:create', { companyId, firstName: 'Ann', lastName: 'Lee', ...fields }));
    const reopen = async (backupFile: string) => {
      expect(await first.dispatch('app:restore', { path: backupFile })).toMatchObject({ ok: true, value: { needsRestart: true } });
      await first.close();
      return open(dataDir, { ...SYNC_CLOCK, secrets });
    };
    return { simulator, first, ann, reopen };
  }

  it.each(['tag', 'workflow'] as const)('sends none of them again (%s mode): no second note, no second enrolment', async (enrolMode) => {
    sim = await startSim({ latencyMs: 2 });
    const dataDir = tempDir();
    const secrets = new OsKeychain(`rlm-test-${randomUUID()}`);
    const first = open(dataDir, { ...SYNC_CLOCK, secrets });
    const companyId = await addCompany(first, sim, 0, enrolMode === 'workflow' ? { enrolMode, workflowId: `wf-${LOCATIONS[0].id}-reactivation` } : {});
    const db = first.ctx.db.$client;
    const sent = queueLeads(db, companyId, 2);
    const waiting = queueLeads(db, companyId, 1, { offset: 50 });
    // Notes go as one GHL note per lead: a second would be a second note on the contact.
    db.prepare("UPDATE leads SET notes = 'Roof replaced 2019; asked about gutters'").run();
    // The third lead is held back at the backup and sent after it only when the office says so: not now.
    db.prepare("UPDATE sync_jobs SET state = 'cancelled' WHERE lead_id = ?").run(waiting[0]);
    db.prepare("UPDATE leads SET status = 'new' WHERE id = ?").run(waiting[0]);
    const backupFile = join(tempDir(), 'monday.sqlite');
    expect(await first.dispatch('app:backup', { path: backupFile })).toMatchObject({ ok: true });

    await syncUntilIdle(first);
    const contacts = sim.contacts(LOCATIONS[0].id);
    expect(contacts).toHaveLength(2);
    const before = sim.requests().length;
    expect(await first.dispatch('app:restore', { path: backupFile })).toMatchObject({ ok: true, value: { needsRestart: true } });
    await first.close();

    const restored = open(dataDir, { ...SYNC_CLOCK, secrets });
    const rdb = restored.ctx.db.$client;
    // The two sent leads are enrolled in the restored database too, with their GHL contacts.
    const rows = rdb.prepare('SELECT id, status, ghl_contact_id AS contactId, enrolled_at AS enrolledAt FROM leads ORDER BY id').all() as Array<{ id: number; status: string; contactId: string | null; enrolledAt: number | null }>;
    expect(rows.filter((row) => sent.includes(row.id)).every((row) => row.contactId !== null && row.enrolledAt !== null)).toBe(true);
    expect(rows.find((row) => row.id === waiting[0])).toMatchObject({ status: 'new', contactId: null, enrolledAt: null });
    await syncUntilIdle(restored);

    expect(sim.duplicates()).toEqual([]);
    expect(sim.contacts(LOCATIONS[0].id)).toHaveLength(2);
    const enrolled = enrolMode === 'tag' ? sim.state.tagEvents.filter((event) => event.tag === 'roof-reactivation').length : sim.enrolments().length;
    expect(enrolled).toBe(2);
    // Nothing was sent for them but contact updates (the queued jobs the backup held).
    const after = sim.requests().slice(before);
    expect(after.filter((r) => r.method === 'POST' && /notes|tags|workflow/.test(r.path))).toEqual([]);
  });

  // The office deleted a lead after it went to GHL (its contact stays there, enrolled), then restored a backup made
  // before it went. The replaced file no longer held the lead, so nothing said it had gone: restored as waiting, it
  // was enrolled and noted a second time, and the customer texted twice.
  it('a lead sent after the backup and deleted since is not sent again: no second note, no second enrolment', async () => {
    sim = await startSim({ latencyMs: 2 });
    const dataDir = tempDir();
    const secrets = new OsKeychain(`rlm-test-${randomUUID()}`);
    const first = open(dataDir, { ...SYNC_CLOCK, secrets });
    const companyId = await addCompany(first, sim, 0);
    const db = first.ctx.db.$client;
    const [ann, bob] = queueLeads(db, companyId, 2);
    db.prepare("UPDATE leads SET notes = 'Roof replaced 2019; asked about gutters'").run();
    const backupFile = join(tempDir(), 'monday.sqlite');
    expect(await first.dispatch('app:backup', { path: backupFile })).toMatchObject({ ok: true });
    await syncUntilIdle(first);
    expect(sim.state.tagEvents.filter((event) => event.tag === 'roof-reactivation')).toHaveLength(2);
    // Ann's contact stays in GHL, enrolled: the app says so when it deletes her.
    expect(valueOf(await first.call('leads:remove', { id: ann! }))).toMatchObject({ removed: true, ghlContactId: expect.any(String) });
    const before = sim.requests().length;
    expect(await first.dispatch('app:restore', { path: backupFile })).toMatchObject({ ok: true, value: { needsRestart: true } });
    await first.close();

    const restored = open(dataDir, { ...SYNC_CLOCK, secrets });
    const rdb = restored.ctx.db.$client;
    // She is back (the backup has her), known as sent.
    expect(rdb.prepare('SELECT id FROM leads ORDER BY id').pluck().all()).toEqual([ann, bob]);
    expect(rdb.prepare('SELECT enrolled_at IS NOT NULL AS enrolled, ghl_contact_id IS NOT NULL AS known FROM leads WHERE id = ?').get(ann)).toEqual({ enrolled: 1, known: 1 });
    await syncUntilIdle(restored);
    expect(sim.duplicates()).toEqual([]);
    expect(sim.state.tagEvents.filter((event) => event.tag === 'roof-reactivation')).toHaveLength(2);
    const after = sim.requests().slice(before);
    expect(after.filter((r) => r.method === 'POST' && /notes|tags|workflow/.test(r.path))).toEqual([]);
  });

  // A lead whose upsert went after the backup and got no answer: GHL may have made its contact. The restored
  // database forgot that (sync_jobs.upsert_sent_at), so her opt-out cancelled her job and GHL kept her contact
  // without DND, for any GHL campaign or person to text.
  it('keeps that GHL may hold a contact whose upsert got no answer: an opt-out after the restore still sets its DND', async () => {
    sim = await startSim({ latencyMs: 2 });
    const dataDir = tempDir();
    const secrets = new OsKeychain(`rlm-test-${randomUUID()}`);
    const first = open(dataDir, { ...SYNC_CLOCK, secrets });
    const companyId = await addCompany(first, sim, 0);
    const [ann] = queueLeads(first.ctx.db.$client, companyId, 1);
    const backupFile = join(tempDir(), 'monday.sqlite');
    expect(await first.dispatch('app:backup', { path: backupFile })).toMatchObject({ ok: true });
    sim.failNext('upsert-contact', '5xx-after-work', 100);
    await syncUntilIdle(first);
    sim.clearFaults();
    const [contact] = sim.contacts(LOCATIONS[0].id);
    expect(contact).toMatchObject({ dnd: false });
    expect(await first.dispatch('app:restore', { path: backupFile })).toMatchObject({ ok: true, value: { needsRestart: true } });
    await first.close();

    const restored = open(dataDir, { ...SYNC_CLOCK, secrets });
    valueOf(await restored.call('leads:setDoNotContact', { id: ann!, doNotContact: true }));
    await syncUntilIdle(restored);
    expect(sim.contacts(LOCATIONS[0].id)).toEqual([expect.objectContaining({ id: contact!.id, dnd: true })]);
  });

  // The office corrected a number after the backup; the update reached the contact but its answer was lost. The restored
  // database had the lead's old number and nothing of the new one the contact took (and the campaign texted since): a DND
  // answered later listed the old number, not that one (former-contact-numbers.ts).
  it('keeps the number a correction gave the contact after the backup: a later DND lists it', async () => {
    const { simulator, first, ann, reopen } = await annInACampaign({ phone: '(512) 555-0142' });
    await syncUntilIdle(first);
    const backupFile = join(tempDir(), 'monday.sqlite');
    expect(await first.dispatch('app:backup', { path: backupFile })).toMatchObject({ ok: true });
    valueOf(await first.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0177' } }));
    simulator.failNext('update-contact', 'lost-response', 2);
    first.ctx.sync.start({ config: { ...fastConfig, retryBaseMs: 600_000, retryCapMs: 600_000 } });
    await waitFor(() => simulator.requests().filter((r) => r.operationId === 'update-contact').length >= 2, 20_000);
    await first.ctx.sync.stop();
    const [contact] = simulator.contacts(LOCATIONS[0].id);
    expect(contact).toMatchObject({ phone: '+15125550177' });
    const restored = await reopen(backupFile);
    simulator.state.contacts.get(contact!.id)!.dnd = true;
    valueOf(await restored.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0199' } }));
    await syncUntilIdle(restored);
    const listed = restored.ctx.db.$client.prepare(`SELECT value FROM opt_outs WHERE kind = 'phone' AND removed_at IS NULL ORDER BY value`).pluck().all();
    expect(listed).toEqual(['+15125550142', '+15125550177', '+15125550199']);
  });

  // An email-only lead was given a number before the backup (kept: its contact held none), and the sync gave the contact
  // that number after it. Restored, the backup knew only that the contact held no number: corrected again before any
  // sync, a DND answer listed the new number alone, not the one the campaign had texted (a review).
  it('keeps the number the contact took after the backup of a lead that had none: a later DND lists it', async () => {
    const { simulator, first, ann, reopen } = await annInACampaign({ email: 'ann@example.com' });
    await syncUntilIdle(first);
    valueOf(await first.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0177' } }));
    const backupFile = join(tempDir(), 'monday.sqlite');
    expect(await first.dispatch('app:backup', { path: backupFile })).toMatchObject({ ok: true });
    await syncUntilIdle(first);
    const [contact] = simulator.contacts(LOCATIONS[0].id);
    expect(contact).toMatchObject({ phone: '+15125550177' });
    const restored = await reopen(backupFile);
    valueOf(await restored.call('leads:update', { id: ann.id, patch: { phone: '(512) 555-0188' } }));
    simulator.state.contacts.get(contact!.id)!.dnd = true;
    await syncUntilIdle(restored);
    const listed = restored.ctx.db.$client.prepare(`SELECT value FROM opt_outs WHERE kind = 'phone' AND removed_at IS NULL ORDER BY value`).pluck().all();
    expect(listed).toEqual(['+15125550177', '+15125550188']);
  });
});
