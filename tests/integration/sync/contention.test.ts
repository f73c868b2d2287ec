/**
 * Issue #12 items 1 and 2(a): a database error in the middle of a round (another connection holds the
 * write lock past the busy timeout; a completion that fails) must neither stop a company for good nor
 * make GHL enrol a contact twice.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../../electron/core/data-dir';
import { JobQueue } from '../../../electron/core/jobs/job-queue';
import { useBackends } from '../../helpers/backend';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { startInProcessRunner, type InProcessRunner } from './in-process-runner';
import { LOCATIONS, addCompany, assertOneContactAndOneTagPerLead, fastConfig, leadStatusCounts, queueLeads, startSim, waitFor, SYNC_CLOCK } from './world';

describe('sync under database contention', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  let run: InProcessRunner | null = null;
  afterEach(async () => {
    await run?.stop();
    run = null;
    await sim?.close();
    sim = null;
  });

  it('1: a lane whose writes fail while another connection holds the write lock recovers, reports it, and finishes', async () => {
    sim = await startSim({ latencyMs: 150 });
    const dataDir = backends.tempDir();
    const backend = backends.open(dataDir, SYNC_CLOCK);
    const companyId = await addCompany(backend, sim, 0);
    queueLeads(backend.ctx.db.$client, companyId, 20);

    run = startInProcessRunner(databaseFile(dataDir), {
      token: LOCATIONS[0].token,
      busyTimeoutMs: 100,
      config: { ...fastConfig, concurrencyPerCompany: 2, claimBatch: 4, leaseMs: 3_000, bulkTagMaxWaitMs: 100 },
    });
    // While the first requests are in flight, a second connection takes the write lock and keeps it
    // well past the runner's busy timeout: the lane's completes, releases and attempt logs all fail.
    await waitFor(() => sim!.requests().some((r) => r.path === '/contacts/upsert'), 5_000);
    const locker = new Database(databaseFile(dataDir));
    locker.exec('BEGIN IMMEDIATE');
    await new Promise((r) => setTimeout(r, 1_500));
    locker.exec('COMMIT');
    locker.close();

    expect(await run.idle(20_000)).toBe(true);
    expect(run.warnings.some((w) => /locked|busy/i.test(w))).toBe(true);
    const db = backend.ctx.db.$client;
    expect(leadStatusCounts(db)).toEqual({ synced: 20 });
    expect(db.prepare(`SELECT count(*) AS n FROM sync_jobs WHERE state <> 'succeeded'`).get()).toEqual({ n: 0 });
    expect(assertOneContactAndOneTagPerLead(sim, LOCATIONS[0].id, 20)).toEqual([]);
  }, 40_000);

  it('2(a): a local error while completing a job GHL enrolled never sends the enrolment again', async () => {
    sim = await startSim({ latencyMs: 20 });
    const dataDir = backends.tempDir();
    const backend = backends.open(dataDir, SYNC_CLOCK);
    const workflowId = `wf-${LOCATIONS[0].id}-reactivation`;
    const companyId = await addCompany(backend, sim, 0, { enrolMode: 'workflow', workflowId });
    queueLeads(backend.ctx.db.$client, companyId, 3);

    /** The first completion fails as a locked database would (after GHL answered). */
    class CompletionFailsOnce extends JobQueue {
      failures = 1;
      override completeSynced(...args: Parameters<JobQueue['completeSynced']>): number {
        if (this.failures > 0) {
          this.failures -= 1;
          throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        }
        return super.completeSynced(...args);
      }
    }
    let jobs: CompletionFailsOnce | null = null;
    run = startInProcessRunner(databaseFile(dataDir), {
      token: LOCATIONS[0].token,
      config: { ...fastConfig, concurrencyPerCompany: 1 },
      jobs: (db) => (jobs = new CompletionFailsOnce(db)),
    });
    expect(await run.idle(20_000)).toBe(true);
    expect(jobs!.failures).toBe(0);

    expect(sim.duplicates()).toEqual([]);
    const contacts = sim.contacts(LOCATIONS[0].id);
    expect(contacts).toHaveLength(3);
    for (const c of contacts) expect(sim.enrolments(c.id)).toHaveLength(1);
    expect(leadStatusCounts(backend.ctx.db.$client)).toEqual({ synced: 3 });
  }, 40_000);
});
