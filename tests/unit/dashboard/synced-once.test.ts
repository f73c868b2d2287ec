import { describe, expect, it } from 'vitest';
import { useBackends } from '../../helpers/backend';
import { syncAllQueued } from '../../helpers/jobs';

const HOUR = 3_600_000;

/** Issue #12 item 6: "Synced today" and the per-hour chart count a lead once, when it is first synced. */
describe('synced counters', () => {
  const { open } = useBackends();

  it('a lead synced, edited and synced again counts once, in the hour of its first sync', async () => {
    const { dispatch, ctx } = open();
    const company = await dispatch('companies:create', { name: 'Acme', ghlLocationId: 'locAcme1' });
    const companyId = (company as { value: { id: number } }).value.id;
    const lead = (await dispatch('leads:create', { companyId, phone: '512-555-0142' })) as { value: { id: number } };
    const firstSync = Date.now();
    expect(syncAllQueued(ctx.db.$client, firstSync)).toBe(1);

    await expect(dispatch('leads:update', { id: lead.value.id, patch: { city: 'Austin' } })).resolves.toMatchObject({ ok: true, value: { status: 'synced', updatePending: true } });
    // The resync an hour later: a second count would land in another hour of the chart.
    expect(syncAllQueued(ctx.db.$client, firstSync + HOUR)).toBe(1);
    await expect(dispatch('leads:get', { id: lead.value.id })).resolves.toMatchObject({ ok: true, value: { status: 'synced', syncedAt: firstSync + HOUR, firstSyncedAt: firstSync } });

    const series = await dispatch('dashboard:syncedSeries', { granularity: 'hour', since: 0 });
    expect(series).toEqual({ ok: true, value: [{ at: Math.floor(firstSync / HOUR) * HOUR, n: 1 }] });
    await expect(dispatch('dashboard:summary', {})).resolves.toMatchObject({ ok: true, value: { syncedToday: 1 } });
  });
});
