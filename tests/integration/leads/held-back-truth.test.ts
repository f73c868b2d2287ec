/**
 * A held-back lead ('new': imported with "Queue now" off, or its batch's sending cancelled) is one the office
 * still has to send, and only such a lead is called that: pressing "Send to GoHighLevel" on it queues it, and
 * cancelling a batch's sending does not turn a lead already enrolled in GHL back into one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends, valueOf } from '../../helpers/backend';
import { addCompany, queueLeads, startSim, SYNC_CLOCK } from '../sync/world';

function batchOf(backend: Backend, companyId: number, queueSync: 0 | 1): number {
  return Number(
    backend.ctx.db.$client
      .prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, created_at) VALUES (?, 'x.csv', 'completed', ?, ?)`)
      .run(companyId, queueSync, Date.now()).lastInsertRowid,
  );
}

describe('held back means not sent yet', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it("the lead panel's Send to GoHighLevel (leads:send) queues a held-back lead; the old empty edit left it held back while the screen said 'Queued'", async () => {
    const backend = backends.open();
    const company = valueOf(await backend.call('companies:create', { name: 'Cedar Roofing', ghlLocationId: 'locCedar01' }));
    const batchId = batchOf(backend, company.id, 0);
    const db = backend.ctx.db.$client;
    const leadId = Number(
      db
        .prepare(`INSERT INTO leads (company_id, batch_id, first_name, phone, country, status, created_at, updated_at) VALUES (?, ?, 'Ann', '+15122000001', 'US', 'new', ?, ?)`)
        .run(company.id, batchId, Date.now(), Date.now()).lastInsertRowid,
    );
    // An edit of a held-back lead still leaves it held back (it goes with its batch's Send).
    expect(valueOf(await backend.call('leads:update', { id: leadId, patch: { city: 'Austin' } })).status).toBe('new');

    const sent = valueOf(await backend.call('leads:send', { id: leadId }));
    expect(sent.status).toBe('queued');
    expect(db.prepare(`SELECT state FROM sync_jobs WHERE lead_id = ?`).all(leadId)).toEqual([{ state: 'queued' }]);
    // Pressed twice: still one job.
    valueOf(await backend.call('leads:send', { id: leadId }));
    expect(db.prepare(`SELECT count(*) AS n FROM sync_jobs WHERE lead_id = ?`).get(leadId)).toEqual({ n: 1 });

    // A do-not-contact lead is not sent, and says why.
    valueOf(await backend.call('leads:setDoNotContact', { id: leadId, doNotContact: true }));
    const refused = await backend.call('leads:send', { id: leadId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('do-not-contact') } });
    expect(db.prepare(`SELECT count(*) AS n FROM sync_jobs WHERE lead_id = ? AND state = 'queued'`).get(leadId)).toEqual({ n: 0 });
  });

  it('cancelling a batch\'s sending leaves a lead already enrolled in GHL as it is, with its edit still to go', async () => {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const batchId = batchOf(backend, companyId, 1);
    const [leadId] = queueLeads(backend.ctx.db.$client, companyId, 2, { batchId });
    expect((await backend.dispatch('sync:start', undefined)).ok).toBe(true);
    expect(await backend.ctx.sync.waitForIdle(20_000)).toBe('idle');
    await backend.ctx.sync.stop();
    expect(valueOf(await backend.call('leads:get', { id: leadId! }))).toMatchObject({ status: 'synced', enrolledAt: expect.any(Number) });

    // An edit queues its update (the runner is stopped, so it waits); then the batch's sending is cancelled.
    valueOf(await backend.call('leads:update', { id: leadId!, patch: { notes: 'asked for a quote' } }));
    valueOf(await backend.call('sync:cancelBatch', { batchId }));

    const after = valueOf(await backend.call('leads:get', { id: leadId! }));
    // Still sent, its update still to go.
    expect(after).toMatchObject({ status: 'synced', updatePending: true });
    const batch = valueOf(await backend.call('imports:list', { limit: 50 })).find((b) => b.id === batchId)!;
    expect(batch.notQueued).toBe(0);
    expect(valueOf(await backend.call('dashboard:overview', undefined)).heldBack).toEqual([]);
    expect(valueOf(await backend.call('sync:status', undefined)).total.leads.new).toBe(0);
  }, 40_000);
});
