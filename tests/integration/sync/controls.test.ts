import { afterEach, describe, expect, it } from 'vitest';
import { useBackends } from '../../helpers/backend';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { addCompany, fastConfig, leadStatusCounts, queueLeads, startSim, SYNC_CLOCK } from './world';

describe('sync controls over IPC', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('status, start (locked for a second runner), attempts, retryFailed, cancelBatch; DND and permanent errors', async () => {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const db = backend.ctx.db.$client;
    const now = Date.now();
    const batchId = Number(
      db.prepare(`INSERT INTO import_batches (company_id, file_name, state, created_at) VALUES (?, 'x.csv', 'completed', ?)`).run(companyId, now).lastInsertRowid,
    );
    const leadIds = queueLeads(db, companyId, 6);
    const laterBatch = queueLeads(db, companyId, 4, { batchId, offset: 100 });
    // One opted-out contact in GHL, one lead GHL refuses (a body the spec rejects → 422).
    sim.markDnd('lead1-c1@example.com', 'locAlphaAAAAAAAAAAAA');
    db.prepare(`UPDATE leads SET country = 'not-a-country-code-that-is-way-too-long' WHERE id = ?`).run(leadIds[2]);

    const cancelled = await backend.dispatch('sync:cancelBatch', { batchId });
    expect(cancelled).toEqual({ ok: true, value: { cancelled: 4 } });

    expect((await backend.dispatch('sync:start', undefined)).ok).toBe(true);
    const firstIdle = backend.ctx.sync.waitForIdle(20_000); // asked for at once: idle is said once, when it begins
    const second = backends.open(backend.ctx.dataDir, SYNC_CLOCK);
    const refused = await second.dispatch('sync:start', undefined);
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked' } });
    // Pausing all sending where it does not run pauses nothing: said, not answered "paused" (the office
    // pressed Pause and the other program went on texting).
    const notPaused = await second.dispatch('sync:pause', undefined);
    expect(notPaused).toMatchObject({ ok: false, error: { code: 'locked', message: expect.stringMatching(/^Sending runs in .* on this computer: pause or stop it there/) } });
    expect(await firstIdle).toBe('idle');

    const status = await backend.dispatch('sync:status', undefined);
    expect(status.ok).toBe(true);
    const counts = leadStatusCounts(db);
    expect(counts.dnd).toBe(1);
    expect(counts.new).toBe(4);
    expect((counts.synced ?? 0) + (counts.failed ?? 0)).toBe(5);
    const attempts = await backend.call('sync:attempts', { leadId: leadIds[0]! });
    expect(attempts.ok && attempts.value.map((a) => a.operation).sort()).toEqual(['bulkAddTags', 'upsertContact']);
    expect(sim.contacts('locAlphaAAAAAAAAAAAA').find((c) => c.email === 'lead1-c1@example.com')?.tags).toEqual([]);

    if ((counts.failed ?? 0) > 0) {
      db.prepare(`UPDATE leads SET country = 'US' WHERE id = ?`).run(leadIds[2]);
      const idle = backend.ctx.sync.waitForIdle(20_000); // asked for first: idle is said once, when it begins
      const retried = await backend.dispatch('sync:retryFailed', { scope: 'lead', leadId: leadIds[2]! });
      expect(retried).toEqual({ ok: true, value: { requeued: 1 } });
      expect(await idle).toBe('idle');
      expect(leadStatusCounts(db).failed ?? 0).toBe(0);
    }
    expect(laterBatch.length).toBe(4);
    await backend.ctx.sync.stop();
    void fastConfig;
  }, 40_000);
});
