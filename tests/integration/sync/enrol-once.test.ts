/**
 * Issue #12 items 2(b) and 2(c), through the real worker thread and the simulator: a workflow
 * enrolment reaches GHL at most once per lead — whatever the lead's edits, lost answers and timeouts —
 * and one GHL cannot confirm waits for a person, who confirms it or sends it again deliberately.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useBackends } from '../../helpers/backend';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import type { Backend } from '../../../electron/app/backend';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { LOCATIONS, addCompany, fastConfig, leadStatusCounts, queueLeads, startSim, waitFor, SYNC_CLOCK } from './world';

const workflowId = `wf-${LOCATIONS[0].id}-reactivation`;

async function dispatch<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(channel as never, input as never);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const contactOf = (backend: Backend, leadId: number): string | null =>
  (backend.ctx.db.$client.prepare(`SELECT ghl_contact_id AS id FROM leads WHERE id = ?`).get(leadId) as { id: string | null }).id;

const statusOf = (backend: Backend, leadId: number): string =>
  (backend.ctx.db.$client.prepare(`SELECT status FROM leads WHERE id = ?`).get(leadId) as { status: string }).status;

describe('a workflow enrolment reaches GHL at most once', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  async function world(leads: number): Promise<{ backend: Backend; leadIds: number[] }> {
    sim = await startSim({ latencyMs: 5 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0, { enrolMode: 'workflow', workflowId });
    const leadIds = queueLeads(backend.ctx.db.$client, companyId, leads);
    return { backend, leadIds };
  }

  it('2(b): a lead edited while its enrolment is in flight is enrolled once and synced with the edit', async () => {
    const { backend, leadIds } = await world(1);
    const [leadId] = leadIds as [number];
    // GHL enrols the contact at once and answers 700 ms later; the edit lands in between.
    sim!.failNext('add-contact-to-workflow', 'hang-after-work', 1, { holdMs: 700 });
    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => sim!.requests().some((r) => r.operationId === 'add-contact-to-workflow'), 10_000);
    await dispatch(backend, 'leads:update', { id: leadId, patch: { firstName: 'Edited' } });

    // Synced again with the edit (the idle report may come before this line, so wait on the state itself).
    // The edit goes to the enrolled contact by its id (PUT), after the first upsert.
    const contactWrites = () => sim!.requests().filter((r) => r.path === '/contacts/upsert' || r.operationId === 'update-contact').length;
    await waitFor(() => statusOf(backend, leadId) === 'synced' && contactWrites() >= 2, 20_000);
    await backend.ctx.sync.stop();

    const contactId = contactOf(backend, leadId)!;
    expect(sim!.enrolments(contactId)).toHaveLength(1);
    expect(sim!.duplicates()).toEqual([]);
    expect(sim!.record(contactId)?.contact.firstName).toBe('Edited');
  }, 60_000);

  it('2(c): a lost answer on add-to-workflow is not resent; the lead waits for a person, who confirms it', async () => {
    const { backend, leadIds } = await world(3);
    sim!.failNext('add-contact-to-workflow', 'lost-response', 1);
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');

    expect(sim!.duplicates()).toEqual([]);
    for (const leadId of leadIds) expect(sim!.enrolments(contactOf(backend, leadId)!)).toHaveLength(1);
    expect(leadStatusCounts(backend.ctx.db.$client)).toEqual({ synced: 2, failed: 1 });
    const waiting = await dispatch<Array<{ leadId: number; target: string; message: string }>>(backend, 'sync:unconfirmed', {});
    expect(waiting).toHaveLength(1);
    const [unconfirmed] = waiting as [{ leadId: number; target: string; message: string }];
    expect(unconfirmed.target).toBe(workflowId);
    expect(unconfirmed.message).toMatch(/GHL did not confirm the enrolment/);
    expect(backend.ctx.db.$client.prepare(`SELECT last_error AS e FROM leads WHERE id = ?`).get(unconfirmed.leadId)).toEqual({ e: expect.stringMatching(/check the contact in GHL/) });

    // A "retry failed" does not resend it blindly: it comes back waiting for the check.
    await dispatch(backend, 'sync:retryFailed', { scope: 'all' });
    await waitFor(() => statusOf(backend, unconfirmed.leadId) === 'failed', 10_000);
    expect(sim!.enrolments(contactOf(backend, unconfirmed.leadId)!)).toHaveLength(1);

    // The person saw it in GHL: confirmed, synced, never sent again.
    const sentAt = (backend.ctx.db.$client.prepare(`SELECT sent_at AS at FROM ghl_creates WHERE lead_id = ? AND kind = 'enrol-workflow'`).get(unconfirmed.leadId) as { at: number }).at;
    await dispatch(backend, 'sync:resolveUnconfirmed', { leadId: unconfirmed.leadId, action: 'confirm' });
    await waitFor(() => statusOf(backend, unconfirmed.leadId) === 'synced', 10_000);
    // Enrolled when the call went (the consent record's time, the cap of that day), not at the person's check.
    expect(backend.ctx.db.$client.prepare(`SELECT enrolled_at AS at FROM leads WHERE id = ?`).get(unconfirmed.leadId)).toEqual({ at: sentAt });
    await backend.ctx.sync.stop();
    expect(sim!.enrolments(contactOf(backend, unconfirmed.leadId)!)).toHaveLength(1);
    expect(await dispatch<unknown[]>(backend, 'sync:unconfirmed', {})).toEqual([]);
    await expect(dispatch(backend, 'sync:resolveUnconfirmed', { leadId: unconfirmed.leadId, action: 'resend' })).rejects.toThrow(/not-found/);
  }, 60_000);

  it('2(c): a timeout on add-to-workflow is not resent; a person who finds it missing sends it once more', async () => {
    const { backend, leadIds } = await world(2);
    // No work and no answer: the client times out, and cannot know that GHL did nothing.
    sim!.failNext('add-contact-to-workflow', 'hang', 1);
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');

    const enrolled = leadIds.map((id) => sim!.enrolments(contactOf(backend, id)!).length).sort();
    expect(enrolled).toEqual([0, 1]);
    const waiting = await dispatch<Array<{ leadId: number }>>(backend, 'sync:unconfirmed', {});
    expect(waiting).toHaveLength(1);
    const { leadId } = waiting[0]!;
    expect(sim!.enrolments(contactOf(backend, leadId)!)).toHaveLength(0);

    await dispatch(backend, 'sync:resolveUnconfirmed', { leadId, action: 'resend' });
    await waitFor(() => statusOf(backend, leadId) === 'synced', 10_000);
    await backend.ctx.sync.stop();
    for (const id of leadIds) expect(sim!.enrolments(contactOf(backend, id)!)).toHaveLength(1);
    expect(sim!.duplicates()).toEqual([]);
  }, 60_000);

  /**
   * The old CRM kept one customer twice (one record with her email, one with her phone): two leads, as the
   * app dedupes on the same phone or the same email. GHL's upsert matches both to her one contact.
   */
  function twoLeadsOfOneContact(backend: Backend, companyId: number): { contactId: string; leadIds: [number, number] } {
    const contact = sim!.state.createContact(LOCATIONS[0].id, { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', phone: '+15125550142' });
    const db = backend.ctx.db.$client;
    const now = SYNC_CLOCK.now();
    const insert = db.prepare(
      `INSERT INTO leads (company_id, first_name, last_name, phone, email, email_key, country, status, created_at, updated_at) VALUES (?, 'Ann', 'Lee', ?, ?, ?, 'US', 'queued', ?, ?)`,
    );
    const jobs = new JobQueue(db);
    const leadIds = db.transaction(() => {
      const byEmail = Number(insert.run(companyId, null, 'ann@example.com', 'ann@example.com', now, now).lastInsertRowid);
      const byPhone = Number(insert.run(companyId, '+15125550142', null, null, now, now).lastInsertRowid);
      for (const id of [byEmail, byPhone]) jobs.enqueue(companyId, id, now);
      return [byEmail, byPhone] as [number, number];
    })();
    return { contactId: contact.id, leadIds };
  }

  it('two leads that GHL matches to one contact enrol it once (the customer is texted once), and both read as sent', async () => {
    sim = await startSim({ latencyMs: 5 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0, { enrolMode: 'workflow', workflowId });
    const { contactId, leadIds } = twoLeadsOfOneContact(backend, companyId);
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    await backend.ctx.sync.stop();

    for (const id of leadIds) expect(contactOf(backend, id)).toBe(contactId);
    expect(sim.enrolments(contactId)).toHaveLength(1);
    expect(sim.duplicates()).toEqual([]);
    expect(leadIds.map((id) => statusOf(backend, id))).toEqual(['synced', 'synced']);
  }, 60_000);

  it('while the enrolment of the other lead of the same contact is unconfirmed, this one waits for that check instead of enrolling again', async () => {
    sim = await startSim({ latencyMs: 5 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0, { enrolMode: 'workflow', workflowId });
    const { contactId, leadIds } = twoLeadsOfOneContact(backend, companyId);
    // GHL enrols her, and its answer is lost: nobody knows whether she is in the workflow.
    sim.failNext('add-contact-to-workflow', 'lost-response', 1);
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    expect(sim.enrolments(contactId)).toHaveLength(1);
    const waiting = await dispatch<Array<{ leadId: number }>>(backend, 'sync:unconfirmed', {});
    expect(waiting).toHaveLength(1);
    const unconfirmed = waiting[0]!.leadId;
    const other = leadIds.find((id) => id !== unconfirmed)!;
    expect(statusOf(backend, other)).toBe('failed');
    const lastError = (backend.ctx.db.$client.prepare(`SELECT last_error AS e FROM leads WHERE id = ?`).get(other) as { e: string }).e;
    expect(lastError).toMatch(new RegExp(`same GHL contact as lead #${unconfirmed}`));

    // The person confirms the first; retrying the second completes it without a second enrolment.
    await dispatch(backend, 'sync:resolveUnconfirmed', { leadId: unconfirmed, action: 'confirm' });
    await dispatch(backend, 'sync:retryFailed', { scope: 'lead', leadId: other });
    await waitFor(() => statusOf(backend, other) === 'synced' && statusOf(backend, unconfirmed) === 'synced', 10_000);
    await backend.ctx.sync.stop();
    expect(sim.enrolments(contactId)).toHaveLength(1);
    expect(sim.duplicates()).toEqual([]);
  }, 60_000);
});
