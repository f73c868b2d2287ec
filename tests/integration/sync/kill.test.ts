/**
 * Crash safety: `rlm sync --until-idle` as a child process, SIGKILLed at random moments and
 * restarted; at the end every lead is one contact in GHL, tagged once, and the database is intact.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/app/backend';
import { OsKeychain } from '../../../electron/core/secrets/secret-store';
import { useTempDirs } from '../../helpers/temp-dir';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { LOCATIONS, addCompany, assertOneContactAndOneTagPerLead, fastConfig, leadStatusCounts, queueLeads, startSim } from './world';

const tuning = JSON.stringify({ ...fastConfig, leaseMs: 3_000 });

/** `killAt`: after so many ms, or once the check holds (asked every 10 ms); null lets it finish. */
function runCli(dataDir: string, killAt: number | (() => boolean) | null): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Its own process group, killed whole: the sync worker threads die with it, as in a real crash.
    const child = spawn(process.execPath, ['scripts/rlm.cjs', '--data-dir', dataDir, 'sync', '--until-idle', '--json', '--timeout', '60'], {
      env: { ...process.env, RLM_SYNC_TUNING: tuning },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const kill = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = typeof killAt === 'number' ? setTimeout(kill, killAt) : null;
    const poll =
      typeof killAt === 'function'
        ? setInterval(() => {
            if (!killAt()) return;
            clearInterval(poll!);
            kill();
          }, 10)
        : null;
    // Wait for 'close' (process reaped): the next runner must see the holder's pid gone.
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('sync survives SIGKILL', () => {
  const tempDir = useTempDirs();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('kill at random moments ≥10 times, restart each time: every lead synced exactly once', async () => {
    sim = await startSim({ latencyMs: 10, rateLimit: { max: 20, intervalMs: 1_000 }, faults: { rateLostResponse: 0.03 } });
    const dataDir = tempDir();
    // The child CLI reads keys from the default keychain service (the test session's private keyring).
    const setup = createBackend({ dataDir, secrets: new OsKeychain() });
    const companyId = await addCompany(setup, sim, 0);
    queueLeads(setup.ctx.db.$client, companyId, 300);
    await setup.close();

    // At 20 requests/s the 300 leads need ~15 s of sending: a kill every 1.2–2.2 s (start-up
    // included) lands at least 10 times before the queue can drain.
    let kills = 0;
    for (let i = 0; i < 14 && kills < 10; i++) {
      const result = await runCli(dataDir, 1_200 + Math.floor(Math.random() * 1_000));
      if (result.code === null) kills++;
      else if (result.code === 0) break;
    }
    expect(kills).toBeGreaterThanOrEqual(10);
    const final = await runCli(dataDir, null);
    expect(final.code, final.stderr).toBe(0);
    const summary = JSON.parse(final.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
    expect(summary).toMatchObject({ synced: 300, failed: 0, pending: 0, dnd: 0 });

    const check = createBackend({ dataDir, secrets: new OsKeychain() });
    try {
      const db = check.ctx.db.$client;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(leadStatusCounts(db)).toEqual({ synced: 300 });
      expect(db.prepare(`SELECT count(*) AS n FROM sync_jobs WHERE state <> 'succeeded'`).get()).toEqual({ n: 0 });
    } finally {
      await check.close();
    }
    expect(assertOneContactAndOneTagPerLead(sim, LOCATIONS[0].id, 300)).toEqual([]);
  }, 90_000);

  // GHL answers the enrolment with a 429 (it did not act) and the client waits out Retry-After before trying
  // again. A kill during that wait must leave nothing "sent, maybe": the next run enrols the lead, once,
  // instead of making it wait for a person to check an enrolment GHL never received.
  it('a kill while the client waits out a 429 on a workflow enrolment: the next run enrols the lead once', async () => {
    sim = await startSim({ latencyMs: 5 });
    const dataDir = tempDir();
    const setup = createBackend({ dataDir, secrets: new OsKeychain() });
    const workflowId = `wf-${LOCATIONS[0].id}-reactivation`;
    const companyId = await addCompany(setup, sim, 0, { enrolMode: 'workflow', workflowId });
    queueLeads(setup.ctx.db.$client, companyId, 1);
    await setup.close();
    sim.failNext('add-contact-to-workflow', '429', 1, { retryAfterSec: 30 });
    const enrolCalls = () => sim!.requests().filter((r) => r.operationId === 'add-contact-to-workflow');
    const killed = await runCli(dataDir, () => enrolCalls().length > 0 && Date.now() - enrolCalls()[0]!.at > 500);
    expect(killed.code).toBeNull();
    const final = await runCli(dataDir, null);
    expect(final.code, final.stderr).toBe(0);
    expect(sim.enrolments()).toHaveLength(1);
    expect(enrolCalls().map((r) => r.fault ?? r.status)).toEqual(['429', 200]);
  }, 90_000);
});
