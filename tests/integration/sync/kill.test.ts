/**
 * Crash safety: `rlm sync --until-idle` as a child process, SIGKILLed at random moments and
 * restarted; at the end every lead is one contact in GHL, tagged once, and the database is intact.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/app/backend';
import { OsKeychain } from '../../../electron/core/secrets/secret-store';
import { LeadWriter } from '../../../electron/core/leads/lead-writer';
import type { LeadDraft } from '../../../electron/parsing/row-validator';
import { setSchedule } from '../../helpers/schedule';
import { useTempDirs } from '../../helpers/temp-dir';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { LOCATIONS, addCompany, assertOneContactAndOneTagPerLead, fastConfig, leadStatusCounts, queueLeads, startSim } from './world';

const tuning = JSON.stringify({ ...fastConfig, leaseMs: 3_000 });

/** A row of an old CRM's file, as the import's parse thread hands it to the writer. */
const importedRow = (n: number, state: string): LeadDraft => ({
  firstName: `Imported${n}`, lastName: null, phone: `+1512${String(4_000_000 + n)}`, phoneRaw: null, phoneExt: null, email: null, emailKey: null,
  address1: null, city: null, state: state || null, postalCode: null, country: 'US', source: null, notes: null, lastServiceDate: null,
  consentNote: null, doNotContact: false, companyName: null, originalDate: null, crmStatus: null, jobType: null, crmTags: null, customValues: [],
});

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

  // Issue #11: an import's queued leads get their jobs from the sync, 500 a transaction, while it places them. Killed at
  // any moment of that (the placing, the ZIP tables loading, a job write), the next run writes the rest: one job per lead,
  // none twice, the waiting counts those of the table, and nothing of the import left to write.
  it('kills while the sync writes the jobs of an import’s leads: each lead gets one job, the counts stay true', async () => {
    sim = await startSim({ latencyMs: 5 });
    const dataDir = tempDir();
    const setup = createBackend({ dataDir, secrets: new OsKeychain() });
    const companyId = await addCompany(setup, sim, 0, {}, { isAlwaysOpen: false });
    // Closed now (14:00 in Chicago at the suite's clock), open later today: this is about the queue, not sending.
    await setSchedule(setup, companyId, 'America/Chicago', { window: { start: '15:00', end: '19:00' } });
    const db = setup.ctx.db.$client;
    const batchId = Number(
      db.prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, created_at) VALUES (?, 'old-crm.csv', 'completed', 1, ?)`).run(companyId, Date.now())
        .lastInsertRowid,
    );
    const writer = new LeadWriter(db, { companyId, batchId, onDuplicate: 'skip', queueSync: true, tag: null });
    const states = ['TX', 'MS', 'CA', ''];
    for (let start = 0; start < 3_000; start += 1_000) {
      writer.writeChunk(Array.from({ length: 1_000 }, (_, i) => importedRow(start + i, states[(start + i) % states.length]!)));
    }
    expect(db.prepare('SELECT count(*) AS n FROM sync_jobs').get()).toEqual({ n: 0 });
    await setup.close();

    // Each run is killed as soon as it has written some of the jobs (a chunk committed), not all: mid-way.
    const watcher = new Database(join(dataDir, 'leads.sqlite'), { readonly: true });
    const jobsNow = () => (watcher.prepare('SELECT count(*) AS n FROM sync_jobs').get() as { n: number }).n;
    let kills = 0;
    try {
      for (let i = 0; i < 10 && jobsNow() < 3_000; i++) {
        const before = jobsNow();
        const result = await runCli(dataDir, () => {
          const n = jobsNow();
          return n > before && n < 3_000;
        });
        if (result.code === null) kills++;
      }
    } finally {
      watcher.close();
    }
    expect(kills).toBeGreaterThanOrEqual(2);
    const final = await runCli(dataDir, null);
    expect(final.code, final.stdout + final.stderr).toBe(0);

    const check = createBackend({ dataDir, secrets: new OsKeychain() });
    try {
      const client = check.ctx.db.$client;
      expect(client.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(client.prepare(`SELECT count(*) AS jobs, count(DISTINCT lead_id) AS leads FROM sync_jobs WHERE state = 'queued'`).get()).toEqual({ jobs: 3_000, leads: 3_000 });
      expect(client.prepare('SELECT count(*) AS n FROM queued_without_jobs').get()).toEqual({ n: 0 });
      // The waiting counts, trigger-kept through every kill, are those of the jobs.
      const counted = client.prepare(`SELECT zone, state, sum(n) AS n FROM waiting_job_counts WHERE company_id = ? GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2`).all(companyId);
      const actual = client
        .prepare(`SELECT coalesce(send_zone, '') AS zone, coalesce(send_state, '') AS state, count(*) AS n FROM sync_jobs WHERE company_id = ? GROUP BY 1, 2 ORDER BY 1, 2`)
        .all(companyId);
      expect(counted).toEqual(actual);
      expect(leadStatusCounts(client)).toEqual({ queued: 3_000 });
    } finally {
      await check.close();
    }
    expect(sim.contacts(LOCATIONS[0].id)).toHaveLength(0);
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
