import { describe, expect, it } from 'vitest';
import { useBackends } from '../../helpers/backend';
import { syncAllQueued } from '../../helpers/jobs';

describe('leads (single lead IPC)', () => {
  const { open } = useBackends();

  async function setup() {
    const backend = open();
    const company = await backend.dispatch('companies:create', { name: 'Acme', ghlLocationId: 'locAcme1' });
    if (!company.ok) throw new Error(company.error.message);
    const companyId = (company.value as { id: number }).id;
    const jobs = () => backend.ctx.db.$client.prepare('SELECT lead_id AS leadId, state FROM sync_jobs ORDER BY id').all();
    return { ...backend, companyId, jobs };
  }

  it('creates a lead with a normalised phone, queued with its sync job', async () => {
    const { dispatch, companyId, jobs } = await setup();
    const created = await dispatch('leads:create', { companyId, firstName: ' Ann ', phone: '(512) 555-0142', email: 'Ann@Example.COM' });
    expect(created).toMatchObject({ ok: true, value: { firstName: 'Ann', phone: '+15125550142', email: 'Ann@example.com', status: 'queued', country: 'US' } });
    expect(jobs()).toEqual([{ leadId: (created as { value: { id: number } }).value.id, state: 'queued' }]);
  });

  it("stores the campaign tag GHL will get: the company's one fixed tag (reactivation when none was chosen)", async () => {
    const { dispatch, companyId } = await setup();
    await expect(dispatch('leads:create', { companyId, phone: '(512) 555-0143' })).resolves.toMatchObject({ ok: true, value: { tag: 'reactivation' } });
    const tagged = await dispatch('companies:create', { name: 'Tagged', ghlLocationId: 'locTagged1', enrolTag: 'spring-hail-2026' });
    const taggedId = (tagged as { value: { id: number } }).value.id;
    await expect(dispatch('leads:create', { companyId: taggedId, phone: '(512) 555-0144' })).resolves.toMatchObject({ ok: true, value: { tag: 'spring-hail-2026' } });
  });

  it('stores the address the way GHL expects it, and asks again for what it cannot read', async () => {
    const { dispatch, companyId, ctx } = await setup();
    const created = await dispatch('leads:create', { companyId, phone: '(512) 555-0160', country: 'United States', state: 'texas', postalCode: '787011234' });
    expect(created).toMatchObject({ ok: true, value: { country: 'US', state: 'TX', postalCode: '78701-1234' } });
    await expect(dispatch('leads:create', { companyId, phone: '(512) 555-0161', postalCode: 'abcde', country: 'Narnia' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'validation', details: [{ path: 'country' }] },
    });
    await expect(dispatch('leads:create', { companyId, phone: '(512) 555-0161', postalCode: 'abcde', state: 'Ontario' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'validation', details: [{ path: 'state' }, { path: 'postalCode' }] },
    });
    // An imported lead keeps a state it could not read; editing its name does not trip over it.
    const id = (created as { value: { id: number } }).value.id;
    ctx.db.$client.prepare("UPDATE leads SET state = 'Ontario' WHERE id = ?").run(id);
    await expect(dispatch('leads:update', { id, patch: { firstName: 'Dana' } })).resolves.toMatchObject({ ok: true, value: { firstName: 'Dana', state: 'Ontario' } });
    await expect(dispatch('leads:update', { id, patch: { state: 'Florida' } })).resolves.toMatchObject({ ok: true, value: { state: 'FL' } });
  });

  it('answers validation errors with field paths, and conflict with the existing lead', async () => {
    const { dispatch, companyId } = await setup();
    await expect(dispatch('leads:create', { companyId, phone: '555-0142', email: 'nope' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'validation', details: [{ path: 'phone' }, { path: 'email' }] },
    });
    await expect(dispatch('leads:create', { companyId, firstName: 'X' })).resolves.toMatchObject({ ok: false, error: { code: 'validation', details: [{ path: 'phone' }] } });
    const first = (await dispatch('leads:create', { companyId, phone: '512-555-0142' })) as { value: { id: number } };
    await expect(dispatch('leads:create', { companyId, phone: '+1 512 555 0142' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { existingLeadId: first.value.id, field: 'phone' } },
    });
    // The refusal names the lead, not only its id (no page shows ids).
    await dispatch('leads:update', { id: first.value.id, patch: { firstName: 'María', lastName: 'Muñoz' } });
    await expect(dispatch('leads:create', { companyId, phone: '512.555.0142' })).resolves.toMatchObject({
      ok: false,
      error: { message: `María Muñoz (lead #${first.value.id}) already has this phone number in this company: open that lead to change it instead.` },
    });
    await expect(dispatch('leads:checkDuplicate', { companyId, phone: '5125550142' })).resolves.toMatchObject({ ok: true, value: { id: first.value.id, field: 'phone' } });
    await expect(dispatch('leads:checkDuplicate', { companyId, phone: '5125550199' })).resolves.toEqual({ ok: true, value: null });
  });

  it('stores do-not-contact leads without a job; update re-queues; setDoNotContact cancels; remove deletes', async () => {
    const { dispatch, companyId, jobs, ctx } = await setup();
    const dnc = (await dispatch('leads:create', { companyId, phone: '512-555-0150', doNotContact: true })) as { value: { id: number; status: string } };
    expect(dnc.value.status).toBe('do-not-contact');
    expect(jobs()).toEqual([]);

    const lead = (await dispatch('leads:create', { companyId, phone: '512-555-0142' })) as { value: { id: number } };
    syncAllQueued(ctx.db.$client);
    const updated = await dispatch('leads:update', { id: lead.value.id, patch: { city: 'Austin', phone: '512 555 0143' } });
    // Sent and in the campaign: it stays so while its update waits (lead-edit-queue.test.ts).
    expect(updated).toMatchObject({ ok: true, value: { city: 'Austin', phone: '+15125550143', status: 'synced', updatePending: true } });
    expect(jobs()).toEqual([{ leadId: lead.value.id, state: 'queued' }]);

    await expect(dispatch('leads:setDoNotContact', { id: lead.value.id, doNotContact: true })).resolves.toMatchObject({ ok: true, value: { status: 'do-not-contact' } });
    expect(jobs()).toEqual([{ leadId: lead.value.id, state: 'cancelled' }]);

    await expect(dispatch('leads:remove', { id: lead.value.id })).resolves.toEqual({ ok: true, value: { removed: true, ghlContactId: null } });
    await expect(dispatch('leads:get', { id: lead.value.id })).resolves.toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(jobs()).toEqual([]);
  });
});
