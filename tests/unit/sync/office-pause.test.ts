/**
 * The office's pause of a company holds whatever the sync finds meanwhile. A company has one pause reason; the
 * office's pause was recorded only when no other held it ("never over an auth or daily-limit pause"), so a
 * Pause pressed while GHL's daily limit held the company was dropped with exit 0 and a success message, and
 * sending went on by itself once the limit lifted. And the sync's own pause (a refused key, GHL's limit, from a
 * call in flight when the office paused) replaced the office's, so a new key or the next day lifted it too.
 * Found in review.
 */
import { describe, expect, it } from 'vitest';
import { useBackends } from '../../helpers/backend';
import { createCompanies } from '../../helpers/backend';
import { SyncStore } from '../../../electron/sync/sync-store';

describe("the office's pause of a company", () => {
  const backends = useBackends();

  const setup = async () => {
    const backend = backends.open();
    const [companyId] = await createCompanies(backend, ['Acme'] as const);
    const db = backend.ctx.db.$client;
    const reason = () => db.prepare<[number], { reason: string | null; until: number | null }>('SELECT sync_paused_reason AS reason, sync_paused_until AS until FROM companies WHERE id = ?').get(companyId)!;
    return { backend, companyId, db, reason, store: new SyncStore(db) };
  };

  it('is recorded over a pause of the sync, and is not lifted with it', async () => {
    const { backend, companyId, reason, store } = await setup();
    const now = Date.now();
    store.pauseCompany(companyId, 'daily-limit', now + 5_000, now);
    const paused = await backend.dispatch('sync:pause', { companyId });
    expect(paused.ok).toBe(true);
    expect(reason()).toEqual({ reason: 'user', until: null });
    // The day GHL's limit named comes: the office's pause stays.
    store.clearExpiredDailyPauses(now + 10_000);
    expect(reason().reason).toBe('user');
  });

  it('is not replaced by a pause the sync makes afterwards (a call in flight when the office paused)', async () => {
    const { backend, companyId, reason, store } = await setup();
    expect((await backend.dispatch('sync:pause', { companyId })).ok).toBe(true);
    store.pauseCompany(companyId, 'auth', null, Date.now());
    expect(reason().reason).toBe('user');
    store.pauseCompany(companyId, 'daily-limit', Date.now() + 1_000, Date.now());
    expect(reason().reason).toBe('user');
    // Resume lifts the office's pause only; the sync finds a refused key or GHL's limit again on its next call.
    expect((await backend.dispatch('sync:resume', { companyId })).ok).toBe(true);
    expect(reason()).toEqual({ reason: null, until: null });
  });

  it('leaves a pause of the sync alone when the office resumes', async () => {
    const { backend, companyId, reason, store } = await setup();
    store.pauseCompany(companyId, 'auth', null, Date.now());
    expect((await backend.dispatch('sync:resume', { companyId })).ok).toBe(true);
    expect(reason().reason).toBe('auth');
  });
});
