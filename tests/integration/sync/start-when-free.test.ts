/**
 * The app opens while another program sends (a scheduled `rlm sync`): it used to ask once, be refused the runner lock,
 * and send nothing after that run ended until someone pressed Start, its plan promising the next send meanwhile. Now it
 * starts once the other one lets the lock go (SyncService.startWhenFree); a Stop ends the wait.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OsKeychain } from '../../../electron/core/secrets/secret-store';
import { useBackends } from '../../helpers/backend';
import { addCompany, fastConfig, leadStatusCounts, LOCATIONS, queueLeads, startSim, SYNC_CLOCK, syncClock, waitFor } from './world';

describe('the app opening while another program sends', () => {
  const backends = useBackends();

  it('starts sending once the other program is done', async () => {
    const dataDir = backends.tempDir();
    const other = backends.open(dataDir);
    const app = backends.open(dataDir);
    other.ctx.sync.start({ processLabel: 'the command line (rlm sync)' });
    expect(app.ctx.sync.startWhenFree({}, 100)).toEqual({ state: 'stopped' });
    expect(app.ctx.sync.runnerStatus().runner.heldBy).toMatchObject({ process: 'the command line (rlm sync)' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(app.ctx.sync.runnerState).toBe('stopped');

    await other.ctx.sync.stop();
    await waitFor(() => app.ctx.sync.runnerState !== 'stopped', 5_000);
    // It holds the lock now: the other program, started again, is the one refused.
    expect(() => other.ctx.sync.start()).toThrow(/already running/);
    await app.ctx.sync.stop();
  });

  // A review: the office paused sending in the program that held the lock; once it quit, this one sent what nobody resumed.
  it('starts paused when the office had paused sending in the other program', async () => {
    const dataDir = backends.tempDir();
    const other = backends.open(dataDir);
    const app = backends.open(dataDir);
    other.ctx.sync.start();
    other.ctx.sync.pause();
    app.ctx.sync.startWhenFree({}, 100);
    await other.ctx.sync.stop();
    await waitFor(() => app.ctx.sync.runnerState !== 'stopped', 5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.ctx.sync.runnerState).toBe('paused');
    expect(app.ctx.sync.runnerStatus().runner.state).toBe('paused');
    await app.ctx.sync.stop();
  });

  it('waits no more once the office stops it', async () => {
    const dataDir = backends.tempDir();
    const other = backends.open(dataDir);
    const app = backends.open(dataDir);
    other.ctx.sync.start();
    app.ctx.sync.startWhenFree({}, 100);
    await app.ctx.sync.stop();
    await other.ctx.sync.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(app.ctx.sync.runnerState).toBe('stopped');
  });

  // A review: Pause all, then the app closed and opened again: sending went on, the dashboard's "No lead goes to GHL
  // for any company until you resume" untrue an hour later.
  it('the office’s Pause all holds when the app opens again, until resumed', async () => {
    const sim = await startSim();
    try {
      const dataDir = backends.tempDir();
      // One computer, one keychain: the key saved before is there when the app opens again.
      const secrets = new OsKeychain(`rlm-test-${randomUUID()}`);
      const before = backends.open(dataDir, { ...SYNC_CLOCK, secrets });
      const companyId = await addCompany(before, sim, 0);
      before.ctx.sync.startWhenFree({ config: fastConfig });
      before.ctx.sync.pause();
      await before.ctx.sync.stop();
      await before.close();

      const app = backends.open(dataDir, { ...SYNC_CLOCK, secrets });
      queueLeads(app.ctx.db.$client, companyId, 2, { now: syncClock() });
      expect(app.ctx.sync.startWhenFree({ config: fastConfig })).toEqual({ state: 'paused' });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(app.ctx.sync.runnerStatus().runner.state).toBe('paused');
      expect(leadStatusCounts(app.ctx.db.$client, companyId)).toEqual({ queued: 2 });
      expect(sim.state.contactsOf(LOCATIONS[0].id)).toHaveLength(0);
      app.ctx.sync.resume();
      await waitFor(() => leadStatusCounts(app.ctx.db.$client, companyId).synced === 2, 15_000);
      // A run for one company (`rlm sync --company A`) does not end it for the others (the diff's review)…
      app.ctx.sync.pause();
      await app.close();
      const oneCompany = backends.open(dataDir, { ...SYNC_CLOCK, secrets });
      oneCompany.ctx.sync.start({ config: fastConfig, companyIds: [companyId] });
      await oneCompany.ctx.sync.stop();
      await oneCompany.close();
      const stillPaused = backends.open(dataDir, { ...SYNC_CLOCK, secrets });
      expect(stillPaused.ctx.sync.startWhenFree({ config: fastConfig }).state).toBe('paused');
      // …resumed, it is forgotten: the next opening sends.
      stillPaused.ctx.sync.resume();
      await stillPaused.ctx.sync.stop();
      await stillPaused.close();
      const next = backends.open(dataDir, { ...SYNC_CLOCK, secrets });
      expect(next.ctx.sync.startWhenFree({ config: fastConfig }).state).not.toBe('paused');
      await next.ctx.sync.stop();
    } finally {
      await sim.close();
    }
  });
});
