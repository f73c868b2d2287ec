/**
 * The guards that must hold at the moment a lead is enrolled (the step that makes GHL text), not only
 * when its job was claimed: a claim takes up to a hundred jobs, which then go out over half a minute or
 * more at GHL's pace, behind 429 pauses and retries. The real sync (worker thread or in-process runner),
 * the simulator on a real port; each case failed before its fix.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../../electron/core/data-dir';
import { LAST_START_MARGIN_MINUTES } from '../../../shared/schedule-values';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends, valueOf } from '../../helpers/backend';
import { setSchedule } from '../../helpers/schedule';
import { startInProcessRunner, type InProcessRunner } from './in-process-runner';
import { LOCATIONS, addCompany, fastConfig, queueLeads, startSim, SYNC_CLOCK, waitFor } from './world';

const CAMPAIGN_TAG = 'roof-reactivation';

describe('what holds when a lead is enrolled', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  let run: InProcessRunner | null = null;
  afterEach(async () => {
    await run?.stop();
    run = null;
    await sim?.close();
    sim = null;
  });

  for (const enrolMode of ['workflow', 'tag'] as const) {
    it(`${enrolMode} mode: no enrolment in the window's last ${LAST_START_MARGIN_MINUTES} minutes (from 20:50 local: its text would come after 21:00), even for leads claimed before`, async () => {
      // Wednesday 2026-12-02 in Chicago; the legal floor closes at 21:00, so the last lead starts before 20:50.
      // The clock stands a minute before that while the world is set up (0.3 s here, up to 1.6 s on a loaded
      // 2-core CI), then 2 s before as the runner starts.
      const closesAt = Date.UTC(2026, 11, 3, 3, 0) - LAST_START_MARGIN_MINUTES * 60_000;
      let offset = closesAt - 60_000 - Date.now();
      const now = () => Date.now() + offset;
      // Each request takes 250 ms: the 20 leads of one claim need ~3–4 s, past 20:50.
      sim = await startSim({ latencyMs: 250 });
      const dataDir = backends.tempDir();
      const backend = backends.open(dataDir, { now });
      const companyId = await addCompany(backend, sim, 0, enrolMode === 'workflow' ? { enrolMode, workflowId: `wf-${LOCATIONS[0].id}-reactivation` } : {});
      await setSchedule(backend, companyId, 'America/Chicago', { window: { start: '08:00', end: '21:00' } });
      queueLeads(backend.ctx.db.$client, companyId, 20, { now: now() - 60_000 });
      backend.ctx.db.$client.prepare(`UPDATE leads SET time_zone_source = 'company'`).run();

      offset = closesAt - 2_000 - Date.now();
      run = startInProcessRunner(databaseFile(dataDir), { token: LOCATIONS[0].token, config: { ...fastConfig, bulkTagBatch: 5 }, now });
      await waitFor(() => now() > closesAt + 3_000, 10_000);
      expect(await run.idle(10_000)).toBe(true);

      const enrolOp = enrolMode === 'workflow' ? 'add-contact-to-workflow' : 'create-association';
      const enrolCalls = sim.requests().filter((r) => r.operationId === enrolOp);
      expect(enrolCalls.length).toBeGreaterThan(0); // some went before 20:50 …
      // … none after. The window is checked right before each request is sent; the simulator stamps its arrival,
      // which on a loaded machine came up to a few ms past a check made at 20:49:59.98 (seen: 17 ms). Not the
      // hundreds of ms to seconds a lead claimed before 20:50 and enrolled without a check would show.
      expect(enrolCalls.filter((r) => r.at + offset >= closesAt + 200)).toEqual([]);
      const db = backend.ctx.db.$client;
      const byStatus = Object.fromEntries(
        (db.prepare(`SELECT status, count(*) AS n FROM leads GROUP BY status`).all() as Array<{ status: string; n: number }>).map((r) => [r.status, r.n]),
      );
      // The rest wait for tomorrow's window: queued, not failed, no attempt used.
      expect(byStatus.failed).toBeUndefined();
      expect(byStatus.queued).toBeGreaterThan(0);
      expect((byStatus.synced ?? 0) + (byStatus.queued ?? 0)).toBe(20);
      expect(db.prepare(`SELECT count(*) AS n FROM sync_jobs WHERE state = 'queued' AND attempts > 0`).get()).toEqual({ n: 0 });
    }, 60_000);
  }

  // A bulk tag call whose answer is lost most likely tagged (so texted) its contacts: the caps count them until
  // the retry reads their tags. Before, the lane forgot them at once and claimed as many fresh leads again.
  for (const cap of [{ hourlyCap: 3 }, { dailyCap: 3 }]) {
    it(`tag mode, ${Object.keys(cap)[0]} 3: a bulk tag call with its answer lost counts; no more than 3 contacts are ever tagged`, async () => {
      sim = await startSim({ latencyMs: 5 });
      const backend = backends.open(undefined, SYNC_CLOCK);
      const companyId = await addCompany(backend, sim, 0);
      await setSchedule(backend, companyId, 'America/Chicago', cap);
      queueLeads(backend.ctx.db.$client, companyId, 10, { now: SYNC_CLOCK.now() - 60_000 });
      // Both tries of the first bulk call: GHL tags, the answer never arrives.
      sim.failNext(/^POST \/contacts\/bulk\/tags\/update\/add/, 'lost-response', 2);
      backend.ctx.sync.start({ config: { ...fastConfig, bulkTagBatch: 3 } });
      expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
      await backend.ctx.sync.stop();
      const tagged = new Set(sim.state.tagEvents.filter((e) => e.tag === CAMPAIGN_TAG).map((e) => e.contactId));
      expect(tagged.size).toBe(3);
      const db = backend.ctx.db.$client;
      // The three GHL tagged are found on the retry (their tags read), and are the day's three.
      expect(db.prepare(`SELECT count(*) AS n FROM leads WHERE enrolled_at IS NOT NULL`).get()).toEqual({ n: 3 });
      expect(db.prepare(`SELECT count(*) AS n FROM ghl_creates WHERE state <> 'done'`).get()).toEqual({ n: 0 });
    }, 60_000);
  }

  for (const enrolMode of ['workflow', 'tag'] as const) {
    it(`${enrolMode} mode: a company paused while a lead's upsert is on its way enrols nobody after the pause`, async () => {
      sim = await startSim({ latencyMs: 5 });
      const backend = backends.open(undefined, SYNC_CLOCK);
      const companyId = await addCompany(backend, sim, 0, enrolMode === 'workflow' ? { enrolMode, workflowId: `wf-${LOCATIONS[0].id}-reactivation` } : {});
      queueLeads(backend.ctx.db.$client, companyId, 1, { now: SYNC_CLOCK.now() - 60_000 });
      sim.failNext('upsert-contact', 'slow-before-work', 1, { holdMs: 800 });
      backend.ctx.sync.start({ config: { ...fastConfig, concurrencyPerCompany: 1 } });
      await waitFor(() => sim!.requests().some((r) => r.operationId === 'upsert-contact'), 10_000, 5);
      valueOf(await backend.call('sync:pause', { companyId }));
      await waitFor(() => sim!.requests().filter((r) => r.operationId === 'upsert-contact').length > 0 && Date.now() - sim!.requests()[0]!.at > 2_000, 10_000);
      await backend.ctx.sync.stop();
      expect(sim.enrolments()).toEqual([]);
      expect(sim.state.tagEvents.filter((e) => e.tag === CAMPAIGN_TAG)).toEqual([]);
      const db = backend.ctx.db.$client;
      // It waits for Resume, with no attempt used.
      expect(db.prepare(`SELECT state, attempts FROM sync_jobs`).all()).toEqual([{ state: 'queued', attempts: 0 }]);
    }, 30_000);
  }

  it('tag mode: a lead marked do-not-contact while its tag call waits behind a 429 is not tagged', async () => {
    sim = await startSim();
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const created = valueOf(await backend.call('leads:create', { companyId, firstName: 'Cy', lastName: 'Dee', phone: '(512) 555-0123' }));
    sim.failNext('create-association', '429', 1, { retryAfterSec: 2 });
    backend.ctx.sync.start({ config: { ...fastConfig, clientAttempts: 2 } });
    await waitFor(() => sim!.requests().some((r) => r.operationId === 'create-association'), 15_000, 5);
    valueOf(await backend.call('leads:setDoNotContact', { id: created.id, doNotContact: true }));
    // Past the 429's Retry-After (2 s), when the retry would go.
    await new Promise((r) => setTimeout(r, 3_000));
    await backend.ctx.sync.stop();
    expect(sim.contacts(LOCATIONS[0].id)[0]?.tags ?? []).not.toContain(CAMPAIGN_TAG);
    expect(sim.requests().filter((r) => r.operationId === 'create-association')).toHaveLength(1);
    expect(backend.ctx.db.$client.prepare(`SELECT status, enrolled_at AS enrolledAt FROM leads WHERE id = ?`).get(created.id)).toEqual({
      status: 'do-not-contact',
      enrolledAt: null,
    });
  }, 60_000);

  it('a retried enrolment asks GHL again: a contact set to DND there between attempts is not tagged', async () => {
    sim = await startSim();
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    const created = valueOf(await backend.call('leads:create', { companyId, firstName: 'Dee', lastName: 'En', phone: '(512) 555-0177' }));
    // Both client attempts of the first tag call fail: the job waits 1.5 s for its retry.
    sim.failNext('create-association', '5xx', 2, { status: 503 });
    backend.ctx.sync.start({ config: { ...fastConfig, retryBaseMs: 1_500, retryCapMs: 1_500 } });
    await waitFor(() => sim!.requests().filter((r) => r.operationId === 'create-association').length >= 2, 15_000, 5);
    // Meanwhile the customer texts STOP to another campaign: GHL sets the contact DND.
    expect(sim.markDnd('+15125550177', LOCATIONS[0].id)).toHaveLength(1);
    const status = backend.ctx.db.$client.prepare<[number], string>(`SELECT status FROM leads WHERE id = ?`).pluck();
    await waitFor(() => ['dnd', 'synced'].includes(status.get(created.id)!), 15_000);
    await backend.ctx.sync.stop();
    expect(sim.contacts(LOCATIONS[0].id)[0]?.tags ?? []).not.toContain(CAMPAIGN_TAG);
    expect(backend.ctx.db.$client.prepare(`SELECT status, enrolled_at AS enrolledAt FROM leads WHERE id = ?`).get(created.id)).toEqual({
      status: 'dnd',
      enrolledAt: null,
    });
  }, 60_000);

  it('the office-wide list holds in every company: a lead marked do-not-contact in one stops the same phone waiting in another', async () => {
    sim = await startSim({}, 2);
    const backend = backends.open(undefined, SYNC_CLOCK);
    const alpha = await addCompany(backend, sim, 0);
    const bravo = await addCompany(backend, sim, 1);
    const inAlpha = valueOf(await backend.call('leads:create', { companyId: alpha, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142' }));
    const inBravo = valueOf(await backend.call('leads:create', { companyId: bravo, firstName: 'Ann', lastName: 'Lee', phone: '(512) 555-0142' }));
    valueOf(await backend.call('leads:setDoNotContact', { id: inAlpha.id, doNotContact: true }));
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    await backend.ctx.sync.stop();
    expect(sim.contacts(LOCATIONS[1].id)).toEqual([]);
    expect(backend.ctx.db.$client.prepare(`SELECT status, do_not_contact AS dnc FROM leads WHERE id = ?`).get(inBravo.id)).toEqual({
      status: 'do-not-contact',
      dnc: 1,
    });
  }, 60_000);

  it('a waiting lead edited to a phone on the opt-out list becomes do-not-contact and is never sent', async () => {
    sim = await startSim();
    const backend = backends.open(undefined, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    valueOf(await backend.call('optouts:add', { phone: '(512) 555-0199', reason: 'STOP' }));
    const created = valueOf(await backend.call('leads:create', { companyId, firstName: 'Bob', lastName: 'Ray', phone: '(512) 555-0100' }));
    const edited = valueOf(await backend.call('leads:update', { id: created.id, patch: { phone: '(512) 555-0199' } }));
    expect({ status: edited.status, doNotContact: edited.doNotContact }).toEqual({ status: 'do-not-contact', doNotContact: true });
    backend.ctx.sync.start({ config: fastConfig });
    expect(await backend.ctx.sync.waitForIdle(30_000)).toBe('idle');
    await backend.ctx.sync.stop();
    expect(sim.contacts(LOCATIONS[0].id)).toEqual([]);
  }, 60_000);
});
