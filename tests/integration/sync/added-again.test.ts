/**
 * A customer whose lead reached GHL, then left the app (the office deleted it, or restored a backup from before it),
 * and came back (typed in again, or in a later export): GHL's upsert matches her to the same contact. She was noted
 * and enrolled already, and the app's record of it went with the lead: the sync noted and enrolled her a second time
 * (a reviewer's run: 2 enrolments and 2 notes on one contact; in tag mode, a second note and a lead failed "already
 * had the tag", whose advice — remove the tag, retry — started the campaign again).
 * The real sync worker against the GHL simulator, which counts a second note or enrolment of a contact.
 */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { OsKeychain } from '../../../electron/core/secrets/secret-store';
import { companyDayStart, ENROLLED_SINCE_SQL } from '../../../electron/core/schedule/company-day';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import type { Backend } from '../../../electron/app/backend';
import { useBackends, valueOf } from '../../helpers/backend';
import { addCompany, LOCATIONS, startSim, SYNC_CLOCK, syncUntilIdle } from './world';

const workflowId = `wf-${LOCATIONS[0].id}-reactivation`;
const ann = { firstName: 'Ann', lastName: 'Lee', phone: '+15125550142', notes: 'Roof replaced 2019' };

describe('a customer added again after her lead went to GHL', { timeout: 120_000 }, () => {
  const { open, tempDir } = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  /** The day's enrolments the caps count (company-day.ts). */
  const countedToday = (backend: Backend, companyId: number) => {
    const db = backend.ctx.db.$client;
    const timeZone = db.prepare<[number], string>('SELECT time_zone FROM companies WHERE id = ?').pluck().get(companyId) ?? 'UTC';
    return db.prepare<{ companyId: number; since: number }, { n: number }>(ENROLLED_SINCE_SQL).get({ companyId, since: companyDayStart(SYNC_CLOCK.now(), timeZone) })!.n;
  };

  const statusOf = (backend: Backend, leadId: number) =>
    backend.ctx.db.$client.prepare<[number], { status: string; error: string | null }>('SELECT status, last_error AS error FROM leads WHERE id = ?').get(leadId);

  it.each([
    ['workflow', false],
    ['tag', false],
    // The campaign's workflow took its tag off (a step, or its end): adding it again would start it again.
    ['tag', true],
  ] as const)('deleted, then typed in again (%s mode, tag taken off: %s): no second note, no second enrolment; she shows as sent', async (enrolMode, isTagTakenOff) => {
    sim = await startSim({ latencyMs: 2 });
    const backend = open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0, enrolMode === 'workflow' ? { enrolMode, workflowId } : {});
    const first = valueOf(await backend.call('leads:create', { companyId, ...ann })) as { id: number };
    await syncUntilIdle(backend);
    const [contact] = sim.contacts(LOCATIONS[0].id);
    expect(sim.notes(contact!.id)).toHaveLength(1);
    const tagged = () => sim!.state.tagEvents.filter((event) => event.contactId === contact!.id && event.tag === 'roof-reactivation').length;
    const taggedBefore = tagged();
    if (isTagTakenOff) {
      const held = sim.state.contacts.get(contact!.id)!;
      held.tags = held.tags.filter((tag) => tag !== 'roof-reactivation');
    }

    expect(valueOf(await backend.call('leads:remove', { id: first.id }))).toMatchObject({ removed: true });
    const again = valueOf(await backend.call('leads:create', { companyId, ...ann })) as { id: number };
    await syncUntilIdle(backend);

    expect(sim.contacts(LOCATIONS[0].id)).toHaveLength(1);
    expect(sim.notes(contact!.id)).toHaveLength(1);
    if (enrolMode === 'workflow') expect(sim.enrolments(contact!.id)).toHaveLength(1);
    else expect(tagged()).toBe(taggedBefore);
    expect(sim.duplicates()).toEqual([]);
    // In the campaign through the deleted lead's enrolment: not failed, not waiting; and no second place in the day's cap
    // (a review: each customer added again took one, no text sent).
    expect(statusOf(backend, again.id)).toEqual({ status: 'synced', error: null });
    expect(countedToday(backend, companyId)).toBe(1);
  });

  // A review: matched by contact alone, another record of hers (another CRM's, other notes) lost its note once the first
  // lead was deleted; a live lead's would have gone.
  it('deleted, then another record of hers with other notes: that note goes, the enrolment does not', async () => {
    sim = await startSim({ latencyMs: 2 });
    const backend = open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0, { enrolMode: 'workflow', workflowId });
    const first = valueOf(await backend.call('leads:create', { companyId, ...ann })) as { id: number };
    await syncUntilIdle(backend);
    const [contact] = sim.contacts(LOCATIONS[0].id);
    valueOf(await backend.call('leads:remove', { id: first.id }));
    const other = valueOf(await backend.call('leads:create', { companyId, ...ann, notes: 'Gutters replaced 2021 (JobNimbus)' })) as { id: number };
    await syncUntilIdle(backend);

    expect(sim.notes(contact!.id).map((note) => note.body)).toEqual([expect.stringContaining('Roof replaced 2019'), expect.stringContaining('Gutters replaced 2021')]);
    expect(sim.enrolments(contact!.id)).toHaveLength(1);
    expect(statusOf(backend, other.id)).toEqual({ status: 'synced', error: null });
  });

  it('lost in a restore of a backup from before she went, then typed in again: no second note, no second enrolment', async () => {
    sim = await startSim({ latencyMs: 2 });
    const dataDir = tempDir();
    const secrets = new OsKeychain(`rlm-test-${randomUUID()}`);
    const first = open(dataDir, { ...SYNC_CLOCK, secrets });
    const companyId = await addCompany(first, sim, 0, { enrolMode: 'workflow', workflowId });
    const backupFile = join(tempDir(), 'monday.sqlite');
    expect(await first.dispatch('app:backup', { path: backupFile })).toMatchObject({ ok: true });
    valueOf(await first.call('leads:create', { companyId, ...ann }));
    await syncUntilIdle(first);
    const [contact] = sim.contacts(LOCATIONS[0].id);
    expect(await first.dispatch('app:restore', { path: backupFile })).toMatchObject({ ok: true, value: { needsRestart: true } });
    await first.close();

    const restored = open(dataDir, { ...SYNC_CLOCK, secrets });
    const again = valueOf(await restored.call('leads:create', { companyId, ...ann })) as { id: number };
    await syncUntilIdle(restored);

    expect(sim.enrolments(contact!.id)).toHaveLength(1);
    expect(sim.notes(contact!.id)).toHaveLength(1);
    expect(sim.duplicates()).toEqual([]);
    expect(statusOf(restored, again.id)).toEqual({ status: 'synced', error: null });
  });

  it('an enrolment GHL did not answer keeps its place in the day after its lead is deleted; she, added again, is not enrolled', async () => {
    sim = await startSim({ latencyMs: 2 });
    const backend = open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0, { enrolMode: 'workflow', workflowId });
    const lead = valueOf(await backend.call('leads:create', { companyId, ...ann })) as { id: number };
    sim.failNext('add-contact-to-workflow', 'lost-response', 1);
    await syncUntilIdle(backend);
    expect(sim.enrolments()).toHaveLength(1);
    expect(countedToday(backend, companyId)).toBe(1);

    valueOf(await backend.call('leads:remove', { id: lead.id }));

    // GHL most likely texted her: the carrier counts what was sent.
    expect(countedToday(backend, companyId)).toBe(1);

    // Nobody can settle the deleted lead's enrolment in the app: the new lead says what to check in GHL.
    const again = valueOf(await backend.call('leads:create', { companyId, ...ann })) as { id: number };
    await syncUntilIdle(backend);
    expect(sim.enrolments()).toHaveLength(1);
    expect(statusOf(backend, again.id)).toEqual({ status: 'failed', error: expect.stringContaining(`lead #${lead.id}, deleted since,`) });
    expect(statusOf(backend, again.id)?.error).toContain('Check the contact in GHL');
  });
});
