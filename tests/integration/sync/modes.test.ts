/** Workflow enrolment (instead of tags) and the daily request budget running out. */
import { afterEach, describe, expect, it } from 'vitest';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { nextUtcMidnight } from '../../../electron/ghl/errors';
import { useBackends } from '../../helpers/backend';
import { LOCATIONS, addCompany, fastConfig, leadStatusCounts, queueLeads, startSim, waitFor, SYNC_CLOCK, syncClock } from './world';

describe('sync modes and limits', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('workflow mode: each lead is one contact enrolled once in the chosen workflow, no tags; DND contacts are not enrolled', async () => {
    sim = await startSim({ latencyMs: 2 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    const workflowId = `wf-${LOCATIONS[0].id}-reactivation`;
    const companyId = await addCompany(backend, sim, 0, { enrolMode: 'workflow', workflowId });
    const db = backend.ctx.db.$client;
    const ids = queueLeads(db, companyId, 12);
    sim.markDnd('lead3-c1@example.com', LOCATIONS[0].id);
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(20_000)).toBe('idle');

    expect(leadStatusCounts(db)).toEqual({ synced: 11, dnd: 1 });
    const contacts = sim.contacts(LOCATIONS[0].id);
    expect(contacts).toHaveLength(12);
    expect(contacts.every((c) => c.tags.length === 0)).toBe(true);
    const enrolments = sim.state.enrolments.filter((e) => e.workflowId === workflowId);
    const dndContact = contacts.find((c) => c.email === 'lead3-c1@example.com')!;
    expect(new Set(enrolments.map((e) => e.contactId)).size).toBe(11);
    expect(enrolments).toHaveLength(11);
    expect(enrolments.some((e) => e.contactId === dndContact.id)).toBe(false);

    // Editing a lead that is already in the campaign updates the contact without enrolling it again.
    const edited = await backend.call('leads:update', { id: ids[0]!, patch: { city: 'Round Rock' } });
    expect(edited.ok).toBe(true);
    // It stays sent meanwhile (lead-edit-queue.test.ts): the contact's new city says the update went.
    expect(leadStatusCounts(db).synced).toBe(11);
    await waitFor(() => sim!.contacts(LOCATIONS[0].id).find((c) => c.email === 'lead0-c1@example.com')?.city === 'Round Rock', 10_000);
    expect(sim.state.enrolments.filter((e) => e.workflowId === workflowId)).toHaveLength(11);
    await backend.ctx.sync.stop();
  }, 40_000);

  it('daily limit: the company pauses until the reset without failing or burning attempts; the other company goes on', async () => {
    sim = await startSim({ latencyMs: 2 }, 2);
    const backend = backends.open(undefined, SYNC_CLOCK);
    const limited = await addCompany(backend, sim, 0);
    const other = await addCompany(backend, sim, 1);
    const db = backend.ctx.db.$client;
    queueLeads(db, limited, 10);
    queueLeads(db, other, 10);
    sim.setDailyUsed(LOCATIONS[0].id, 200_000);
    backend.ctx.sync.start({ config: fastConfig });

    await waitFor(() => leadStatusCounts(db, other).synced === 10, 20_000);
    const pauseReason = () => (db.prepare('SELECT sync_paused_reason AS r FROM companies WHERE id = ?').get(limited) as { r: string | null }).r;
    await waitFor(() => pauseReason() === 'daily-limit', 10_000);
    const paused = db.prepare('SELECT sync_paused_until AS until FROM companies WHERE id = ?').get(limited) as { until: number };
    // Until GHL's reset, midnight UTC, by the sync's own clock (the backend's): a rate limiter on another
    // clock set a reset the runner took as already past, and it cleared the pause at once.
    expect(paused.until).toBe(nextUtcMidnight(syncClock()).getTime());
    const requestsWhilePaused = sim.requests().filter((r) => r.locationId === LOCATIONS[0].id).length;
    await new Promise((r) => setTimeout(r, 500));
    expect(pauseReason()).toBe('daily-limit');
    // Paused means paused: no more requests spent against an exhausted budget.
    expect(sim.requests().filter((r) => r.locationId === LOCATIONS[0].id).length).toBe(requestsWhilePaused);
    expect(leadStatusCounts(db, limited).failed ?? 0).toBe(0);
    // The lane hands its claimed batch back when the pause lands; on a loaded machine that may take a moment.
    const notWaiting = () =>
      (db.prepare(`SELECT id, state, attempts, last_error_code AS code FROM sync_jobs WHERE company_id = ?`).all(limited) as Array<{ state: string; attempts: number }>).filter(
        (j) => !(j.state === 'queued' && j.attempts === 0),
      );
    await waitFor(() => notWaiting().length === 0, 5_000).catch(() => {});
    expect(notWaiting()).toEqual([]);
    const status = await backend.call('sync:status', { companyId: limited });
    expect(status.ok && status.value.companies[0]?.pausedReason).toBe('daily-limit');
    await backend.ctx.sync.stop();
  }, 40_000);

  // A 429 asking to wait two hours left the leads "sending" for two hours: the dashboard said "Sending",
  // rlm status "sending now", and nothing moved. A wait that long is a pause the office is told about.
  it('a 429 with a long Retry-After pauses the company until then, visibly, without failing or burning attempts', async () => {
    sim = await startSim({ latencyMs: 2 }, 1);
    const backend = backends.open(undefined, SYNC_CLOCK);
    const limited = await addCompany(backend, sim, 0);
    const db = backend.ctx.db.$client;
    queueLeads(db, limited, 3);
    sim.force429(1000, { retryAfterSec: 7200 });
    backend.ctx.sync.start({ config: fastConfig });
    const paused = () => db.prepare('SELECT sync_paused_reason AS reason, sync_paused_until AS until FROM companies WHERE id = ?').get(limited) as { reason: string | null; until: number | null };
    await waitFor(() => paused().reason === 'daily-limit', 10_000);
    expect(paused().until).toBeGreaterThan(syncClock() + 7_000_000);
    expect(leadStatusCounts(db, limited).failed ?? 0).toBe(0);
    const status = await backend.call('sync:status', { companyId: limited });
    expect(status.ok && status.value.companies[0]?.pausedReason).toBe('daily-limit');
    await backend.ctx.sync.stop();
  }, 40_000);
});
