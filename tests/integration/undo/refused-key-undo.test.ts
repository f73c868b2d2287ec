/**
 * A lead whose only upsert GHL refused for its key never reached GHL: an undo removes it, and says nothing of GHL
 * texting it. The mark written before the upsert ("from here GHL may have it") stayed, and the undo dialog warned
 * "Sent to GoHighLevel, but no answer came back: they may be there… GoHighLevel goes on texting them" (a review).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends, valueOf } from '../../helpers/backend';
import { LOCATIONS, addCompany, fastConfig, startSim, SYNC_CLOCK, waitFor } from '../sync/world';

describe('an upsert GHL refused for its key', () => {
  const { open, tempDir } = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('leaves the lead out of GHL for the undo', async () => {
    sim = await startSim({ latencyMs: 2 });
    const dir = tempDir();
    const backend = open(dir, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    sim.revokeToken(LOCATIONS[0].id);
    const file = join(dir, 'old-crm.csv');
    writeFileSync(file, 'First Name,Phone\nAnn,(512) 555-0101\n');
    const inspect = valueOf(await backend.call('imports:inspect', { path: file, companyId }));
    const options = { encoding: inspect.encoding, delimiter: inspect.delimiter, hasHeader: true };
    const { batchId } = valueOf(await backend.call('imports:start', { path: file, companyId, options, mapping: inspect.mapping, queueSync: true }));
    await backend.ctx.imports.finished(batchId);

    backend.ctx.sync.start({ config: fastConfig });
    await waitFor(() => backend.ctx.sync.status().companies.find((c) => c.companyId === companyId)?.pausedReason === 'auth', 15_000);
    await backend.ctx.sync.stop();
    const db = backend.ctx.db.$client;
    // GHL was asked, and said no.
    expect(sim.requests().filter((request) => request.operationId === 'upsert-contact').map((request) => request.status)).toEqual([401]);
    expect(db.prepare('SELECT upsert_sent_at AS sentAt FROM sync_jobs').all()).toEqual([{ sentAt: null }]);
    expect(valueOf(await backend.call('imports:undoPlan', { batchId }))).toMatchObject({ appOnly: 1, mayBeInGhl: 0, createdInGhl: 0 });
  });
});
