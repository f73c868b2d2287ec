import { statSync } from 'node:fs';
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

/** A held-back batch of `count` leads, indexed for search already (so the index thread has nothing of its own to write). */
async function heldBackBatch(backend: Backend, count: number): Promise<number> {
  const company = await backend.call('companies:create', { name: 'Checkpoint Roofing', ghlLocationId: 'locCkpt1' });
  if (!company.ok) throw new Error(company.error.message);
  const client = backend.ctx.db.$client;
  const batchId = Number(
    client.prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, created_at) VALUES (?, 'f.csv', 'completed', 0, ?)`).run(company.value.id, Date.now())
      .lastInsertRowid,
  );
  const writer = new LeadWriter(client, { companyId: company.value.id, batchId, onDuplicate: 'skip', queueSync: false, tag: null });
  for (let start = 0; start < count; start += 1_000) writer.writeChunk(Array.from({ length: 1_000 }, (_, i) => lead(start + i)));
  return batchId;
}

const mainThreadCheckpoints = (backend: Backend) => {
  const pragma = vi.spyOn(backend.ctx.db.$client, 'pragma');
  return () => pragma.mock.calls.filter(([source]) => source.startsWith('wal_checkpoint')).length;
};

describe('checkpoints between the chunks of a long write on the main thread', () => {
  const { open } = useBackends();

  it('are left to the search index thread: the database file fills while the main thread never checkpoints', async () => {
    const backend = open();
    const batchId = await heldBackBatch(backend, 20_000);
    await backend.ctx.searchIndex.caughtUp();
    const client = backend.ctx.db.$client;
    client.pragma('wal_checkpoint(TRUNCATE)'); // everything in the database file, an empty WAL
    const file = backend.ctx.databasePath;
    const sizeBefore = statSync(file).size;
    const checkpoints = mainThreadCheckpoints(backend);

    const queued = await backend.call('imports:queue', { batchId });
    expect(queued.ok && queued.value.queued).toBe(20_000);
    expect(checkpoints()).toBe(0);
    // The thread's checkpoints copied the new job pages into the file (without them they would all still be in the WAL).
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(sizeBefore + 500_000), { timeout: 5_000 });
  });

  it('are done on the main thread when no index thread runs', async () => {
    const backend = open();
    const batchId = await heldBackBatch(backend, 5_000);
    await backend.ctx.searchIndex.stop();
    const checkpoints = mainThreadCheckpoints(backend);
    const queued = await backend.call('imports:queue', { batchId });
    expect(queued.ok && queued.value.queued).toBe(5_000);
    expect(checkpoints()).toBeGreaterThan(0);
  });
});
