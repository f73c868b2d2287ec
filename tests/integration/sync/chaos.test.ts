/**
 * Issue #12's chaos test: workflow mode, 300 leads, 15% faults (5xx, resets, hangs, lost answers,
 * answers held past the timeout after the work), 5 SIGKILLs of the whole `rlm sync` process group
 * mid-sync, and edits while it runs. At the end: every contact enrolled exactly once — except the leads
 * listed for a person's check, which are enrolled at most once — and every lead in GHL with its
 * latest data.
 */
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/app/backend';
import { OsKeychain } from '../../../electron/core/secrets/secret-store';
import { useTempDirs } from '../../helpers/temp-dir';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { LOCATIONS, addCompany, fastConfig, queueLeads, startSim } from './world';

const LEADS = 300;
const KILLS = 5;
const tuning = JSON.stringify({ ...fastConfig, leaseMs: 3_000, concurrencyPerCompany: 4, maxAttempts: 30 });

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `rlm sync --until-idle` in its own process group; `killAfterMs` SIGKILLs the whole group. */
function runSync(dataDir: string, killAfterMs: number | null): Promise<Run> {
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
              // Already gone (it finished first).
            }
          }, killAfterMs);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

interface LeadRow {
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  status: string;
  contactId: string | null;
}

describe('chaos: faults, kills and edits in workflow mode', () => {
  const tempDir = useTempDirs();
  let sim: GhlSimulator | null = null;
  let backend: Backend | null = null;
  afterEach(async () => {
    await backend?.close();
    backend = null;
    await sim?.close();
    sim = null;
  });

  it('every contact is enrolled exactly once (or listed for a check) and has its lead’s latest data', async () => {
    sim = await startSim({
      latencyMs: 5,
      rateLimit: { max: 60, intervalMs: 1_000 },
      faults: { rate5xx: 0.03, rateReset: 0.03, rateHang: 0.03, rateLostResponse: 0.03, rateHangAfterWork: 0.03 },
    });
    const dataDir = tempDir();
    // The child CLI reads keys from the default keychain service (the test session's private keyring).
    backend = createBackend({ dataDir, secrets: new OsKeychain() });
    const workflowId = `wf-${LOCATIONS[0].id}-reactivation`;
    const companyId = await addCompany(backend, sim, 0, { enrolMode: 'workflow', workflowId });
    const leadIds = queueLeads(backend.ctx.db.$client, companyId, LEADS);

    // Edits while the runs go on and die: a lead edited before, during or after its sync.
    let edits = 0;
    let isSyncing = true;
    const editing = (async () => {
      while (isSyncing) {
        const id = leadIds[Math.floor(Math.random() * leadIds.length)]!;
        edits += 1;
        const result = await backend!.dispatch('leads:update', { id, patch: { firstName: `Edited${edits}`, city: `City${edits}` } });
        if (!result.ok) throw new Error(result.error.message);
        await new Promise((r) => setTimeout(r, 150));
      }
    })();

    let kills = 0;
    const runs: Run[] = [];
    for (let i = 0; i < KILLS + 3 && kills < KILLS; i++) {
      const run = await runSync(dataDir, 1_500 + Math.floor(Math.random() * 1_500));
      runs.push(run);
      if (run.signal === 'SIGKILL') kills++;
      else if (run.code === 0 || run.code === 5) break;
    }
    isSyncing = false;
    await editing;
    expect(kills, runs.map((r) => r.stderr.slice(-500)).join('\n---\n')).toBe(KILLS);
    expect(edits).toBeGreaterThan(20);

    // The last run, with no more edits, ends on its own: not "blocked" (3); 5 when it found leads GHL did not
    // confirm (they wait for a check), else 0.
    const final = await runSync(dataDir, null);
    const summary = JSON.parse(final.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
    expect(final.code, final.stderr.slice(-2_000)).toBe((summary.failedThisRun ?? 0) > 0 ? 5 : 0);
    expect(sim.duplicates()).toEqual([]);

    const db = backend.ctx.db.$client;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const waiting = new Set((await backend.ctx.sync.unconfirmed.list(companyId)).map((u) => u.leadId));
    expect(summary).toMatchObject({ pending: 0, dnd: 0, unconfirmed: waiting.size, failed: waiting.size, synced: LEADS - waiting.size });

    const leads = db
      .prepare<[], LeadRow>(`SELECT id, first_name AS firstName, last_name AS lastName, email, phone, city, status, ghl_contact_id AS contactId FROM leads ORDER BY id`)
      .all();
    // The same list on the command line, for the person who checks them.
    const listed = spawnSync(process.execPath, ['scripts/rlm.cjs', '--data-dir', dataDir, 'sync', 'unconfirmed', '--json'], { encoding: 'utf8' });
    expect(listed.status, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { leads: Array<{ leadId: number }> }).leads.map((l) => l.leadId).sort((a, b) => a - b)).toEqual([...waiting].sort((a, b) => a - b));
    const problems: string[] = [];
    expect(sim.contacts(LOCATIONS[0].id)).toHaveLength(LEADS);
    for (const lead of leads) {
      const record = lead.contactId ? sim.record(lead.contactId) : null;
      if (!record) {
        problems.push(`lead ${lead.id}: no contact in GHL`);
        continue;
      }
      const enrolled = record.enrolments.length;
      if (waiting.has(lead.id) ? enrolled > 1 : enrolled !== 1) problems.push(`lead ${lead.id} (${lead.status}${waiting.has(lead.id) ? ', listed' : ''}): enrolled ${enrolled} times`);
      if (!waiting.has(lead.id) && lead.status !== 'synced') problems.push(`lead ${lead.id}: ${lead.status}`);
      const { contact } = record;
      for (const field of ['firstName', 'lastName', 'email', 'phone', 'city'] as const) {
        if ((contact[field] ?? null) !== lead[field]) problems.push(`lead ${lead.id}: ${field} is ${String(contact[field])} in GHL, ${String(lead[field])} here`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    const faults = sim.requests().filter((r) => r.fault !== null).length;
    expect(faults).toBeGreaterThan(50);
    console.info(`chaos: ${kills} kills, ${edits} edits, ${faults} faults of ${sim.requests().length} requests, ${waiting.size} listed for a check`);
  }, 90_000);
});
