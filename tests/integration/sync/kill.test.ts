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

function runCli(dataDir: string, killAfterMs: number | null): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/rlm.cjs', '--data-dir', dataDir, 'sync', '--until-idle', '--json', '--timeout', '60'], {
      env: { ...process.env, RLM_SYNC_TUNING: tuning },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    // Wait for 'close' (process reaped): the next runner must see the holder's pid gone.
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
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
});
