import { describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import { LeadWriter } from '../../../electron/core/leads/lead-writer';
import type { LeadDraft } from '../../../electron/parsing/row-validator';
import { useBackends } from '../../helpers/backend';

const lead = (n: number): LeadDraft => ({
  firstName: `L${n}`, lastName: null, phone: `+1512${String(2_000_000 + n)}`, phoneRaw: null, phoneExt: null, email: null, emailKey: null,
  address1: null, city: null, state: null, postalCode: null, country: 'US', source: null, notes: null, lastServiceDate: null, consentNote: null,
  doNotContact: false, companyName: null, originalDate: null, crmStatus: null, jobType: null, crmTags: null, customValues: [],
});

async function heldBackBatch(backend: Backend, count: number): Promise<{ companyId: number; batchId: number }> {
  const company = await backend.call('companies:create', { name: 'Bulk Roofing', ghlLocationId: 'locBulk1' });
  if (!company.ok) throw new Error(company.error.message);
  const client = backend.ctx.db.$client;
  const batchId = Number(
    client.prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, created_at) VALUES (?, 'f.csv', 'completed', 0, ?)`).run(company.value.id, Date.now())
      .lastInsertRowid,
  );
  const writer = new LeadWriter(client, { companyId: company.value.id, batchId, onDuplicate: 'skip', queueSync: false, tag: null });
  for (let start = 0; start < count; start += 1_000) writer.writeChunk(Array.from({ length: 1_000 }, (_, i) => lead(start + i)));
  return { companyId: company.value.id, batchId };
}

describe('queueing and undoing a whole batch in the app', () => {
  const { open } = useBackends();

  it("run in a thread of their own: no transaction or checkpoint of theirs on the main thread's connection", async () => {
    const backend = open();
    const { batchId } = await heldBackBatch(backend, 20_000);
    const client = backend.ctx.db.$client;
    const transactions = vi.spyOn(client, 'transaction');
    const pragmas = vi.spyOn(client, 'pragma');
    const changed = vi.fn();
    backend.ctx.events.on('data:changed', changed);

    const queued = await backend.call('imports:queue', { batchId });
    expect(queued.ok && queued.value.queued).toBe(20_000);
    const undone = await backend.call('imports:undo', { batchId });
    expect(undone.ok && undone.value.removedLeads).toBe(20_000);
    expect(undone.ok && undone.value.removedJobs).toBe(20_000);

    expect(transactions).not.toHaveBeenCalled();
    expect(pragmas).not.toHaveBeenCalled();
    expect(client.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 0 });
    expect(client.prepare('SELECT count(*) AS n FROM sync_jobs').get()).toEqual({ n: 0 });
    expect(changed).toHaveBeenCalled();
  });

  it('wait for a write lock another connection holds, then go on', async () => {
    const backend = open();
    const { batchId } = await heldBackBatch(backend, 1_000);
    const Database = (await import('better-sqlite3')).default;
    const holder = new Database(backend.ctx.databasePath);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const queued = backend.call('imports:queue', { batchId });
      await new Promise((resolve) => setTimeout(resolve, 300));
      holder.exec('ROLLBACK');
      const result = await queued;
      expect(result.ok && result.value.queued).toBe(1_000);
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    }
  });
});
