/**
 * One note per lead survives kills: `rlm sync --until-idle` in its own process group, the whole group
 * SIGKILLed at random moments (between a note's intent and its POST, between GHL's answer and the
 * write that records it…) while create-note answers get lost, then restarted. At the end every contact
 * has exactly one note, its old tags, and the campaign tag fired once.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/app/backend';
import { OsKeychain } from '../../../electron/core/secrets/secret-store';
import { useTempDirs } from '../../helpers/temp-dir';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { LOCATIONS, addCompany, assertOneContactAndOneTagPerLead, fastConfig, leadStatusCounts, startSim } from './world';
import { noteCountProblems, queueRecordLeads } from './record-world';

const LEADS = 120;
const tuning = JSON.stringify({ ...fastConfig, leaseMs: 3_000, maxAttempts: 30 });

/** `killAfterMs`: SIGKILL the whole process group (the CLI and anything it started) after that long. */
function runSync(dataDir: string, killAfterMs: number | null): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/rlm.cjs', '--data-dir', dataDir, 'sync', '--until-idle', '--json', '--timeout', '60'], {
      env: { ...process.env, RLM_SYNC_TUNING: tuning },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const pid = child.pid;
    const timer =
      killAfterMs === null || pid === undefined
        ? null
        : setTimeout(() => {
            try {
              process.kill(-pid, 'SIGKILL');
            } catch {
              // It finished first.
            }
          }, killAfterMs);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('one note per lead across kills', () => {
  const tempDir = useTempDirs();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('SIGKILL of the rlm sync process group mid-sync, answers lost: every contact ends with exactly one note and its old tags', async () => {
    sim = await startSim({
      latencyMs: 10,
      rateLimit: { max: 30, intervalMs: 1_000 },
      faults: { rateLostResponse: 0.02 },
      faultRules: [{ route: 'create-note', kind: 'lost-response', probability: 0.15 }],
    });
    const dataDir = tempDir();
    const setup = createBackend({ dataDir, secrets: new OsKeychain() });
    const companyId = await addCompany(setup, sim, 0);
    const records = Array.from({ length: LEADS }, (_, i) => ({ notes: `gate code ${1000 + i}`, crmTags: 'storm; VIP', crmStatus: 'Lost estimate' }));
    queueRecordLeads(setup.ctx.db.$client, companyId, records);
    await setup.close();

    // ~3 requests per lead (upsert, note, old tags; the campaign tag in bulk) at 30 requests/s: ~12 s
    // of sending, so kills every 0.9–1.7 s (start-up included) land mid-sync.
    let kills = 0;
    for (let i = 0; i < 12 && kills < 6; i++) {
      const result = await runSync(dataDir, 900 + Math.floor(Math.random() * 800));
      if (result.code === null) kills++;
      else if (result.code === 0) break;
    }
    expect(kills).toBeGreaterThanOrEqual(6);
    sim.clearFaults();
    const final = await runSync(dataDir, null);
    expect(final.code, final.stderr).toBe(0);
    expect(JSON.parse(final.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ synced: LEADS, failed: 0, pending: 0 });

    const check = createBackend({ dataDir, secrets: new OsKeychain() });
    try {
      const db = check.ctx.db.$client;
      expect(leadStatusCounts(db)).toEqual({ synced: LEADS });
      expect(db.prepare(`SELECT state, count(*) AS n FROM ghl_creates WHERE kind = 'note' GROUP BY state`).all()).toEqual([{ state: 'done', n: LEADS }]);
    } finally {
      await check.close();
    }
    expect(noteCountProblems(sim, LOCATIONS[0].id, () => 1)).toEqual([]);
    expect(sim.duplicates()).toEqual([]);
    expect(assertOneContactAndOneTagPerLead(sim, LOCATIONS[0].id, LEADS)).toEqual([]);
    for (const contact of sim.contacts(LOCATIONS[0].id)) expect(contact.tags).toEqual(expect.arrayContaining(['storm', 'vip']));
    // The kills and lost answers did leave notes open, and they were settled by asking GHL.
    expect(sim.requests().some((r) => r.operationId === 'get-all-notes')).toBe(true);
  }, 120_000);
});
