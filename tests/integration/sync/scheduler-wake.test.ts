/**
 * A long-running runner (the app's) with only scheduled leads sleeps until their window opens, then
 * sends them by itself: no poke, and no claim every poll meanwhile. In-process runner on a real SQLite
 * file, the simulator on a real port, an injected clock three seconds before the legal floor opens.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../../electron/core/data-dir';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';
import { setSchedule } from '../../helpers/schedule';
import { startInProcessRunner, type InProcessRunner } from './in-process-runner';
import { LOCATIONS, addCompany, fastConfig, queueLeads, startSim, waitFor } from './world';

describe('the runner with only scheduled leads', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  let run: InProcessRunner | null = null;
  afterEach(async () => {
    await run?.stop();
    run = null;
    await sim?.close();
    sim = null;
  });

  it('sleeps until the window opens (no claim every poll), then sends by itself', async () => {
    // Wednesday 2026-12-02 in Chicago: the leads' window (08:00–21:00, the legal floor) opens at 08:00. The clock
    // stands a minute before while the world is set up (up to 1.6 s on a loaded CI), then 3 s before as the runner starts.
    const opensAt = Date.UTC(2026, 11, 2, 14, 0);
    let offset = opensAt - 60_000 - Date.now();
    const now = () => Date.now() + offset;
    sim = await startSim({ latencyMs: 2 });
    const dataDir = backends.tempDir();
    const backend = backends.open(dataDir, { now });
    const companyId = await addCompany(backend, sim, 0);
    await setSchedule(backend, companyId, 'America/Chicago', { window: { start: '06:00', end: '21:00' } });
    queueLeads(backend.ctx.db.$client, companyId, 3, { now: now() });
    // Placed with the company's zone (no Texas rule: it would open at 09:00).
    backend.ctx.db.$client.prepare(`UPDATE leads SET time_zone_source = 'company'`).run();

    let claims = 0;
    offset = opensAt - 3_000 - Date.now();
    run = startInProcessRunner(databaseFile(dataDir), {
      token: LOCATIONS[0].token,
      config: fastConfig,
      now,
      jobs: (db) => {
        const jobs = new JobQueue(db);
        const claim = jobs.claim.bind(jobs);
        jobs.claim = (...args) => {
          claims += 1;
          return claim(...args);
        };
        return jobs;
      },
    });
    expect(await run.idle(2_000)).toBe(true);
    expect(sim.contacts(LOCATIONS[0].id)).toHaveLength(0);
    const claimsWhenIdle = claims;
    await new Promise((r) => setTimeout(r, 1_500));
    // At pollMs 50 a polling runner would have claimed ~30 times by now.
    expect(claims - claimsWhenIdle).toBeLessThanOrEqual(2);
    expect(sim.contacts(LOCATIONS[0].id)).toHaveLength(0);

    const enrolled = () => run!.db.prepare('SELECT count(*) AS n, min(enrolled_at) AS first FROM leads WHERE enrolled_at IS NOT NULL').get() as { n: number; first: number };
    await waitFor(() => enrolled().n === 3, 15_000);
    expect(sim.contacts(LOCATIONS[0].id)).toHaveLength(3);
    expect(enrolled().first).toBeGreaterThanOrEqual(opensAt);
  }, 30_000);
});
