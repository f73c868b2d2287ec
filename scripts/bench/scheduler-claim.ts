/**
 * The scheduler's claim at scale (issue #13 item 4): `leads` scheduled leads across 50 companies and 4
 * zones, each company's imported zone by zone (Pacific first, Eastern last), and the clock at 08:30
 * Eastern: only the Eastern leads may go, and they sit behind three quarters of the company's queue.
 * Prints the time to choose the next batch of 50 (ClaimGate.pick: the cap count, the zones, the
 * open-zone range scans) beside a plain `SELECT … LIMIT 50` over sync_jobs_claim_idx that ignores the
 * schedule, and beside the same gate written as a join on leads over that index (the design the job
 * row's send_zone replaced).
 */
import type Database from 'better-sqlite3';
import { openDatabase } from '../../db/open';
import { JobQueue } from '../../electron/core/jobs/job-queue';

const ZONES = ['America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York'] as const;
const COMPANIES = 50;
const BATCH = 50;
/** Wednesday 2026-12-02 08:30 in New York (13:30 UTC): 07:30 Chicago, 06:30 Denver, 05:30 Los Angeles. */
const EASTERN_0830 = Date.UTC(2026, 11, 2, 13, 30);

export interface SchedulerClaimResult {
  leads: number;
  seedSeconds: number;
  pickMs: { median: number; p95: number };
  plainMs: { median: number; p95: number };
  joinMs: number;
  picked: number;
  allEastern: boolean;
}

function seed(db: Database.Database, leads: number): number[] {
  const created = EASTERN_0830 - 86_400_000;
  const company = db.prepare(
    `INSERT INTO companies (name, ghl_location_id, ghl_base_url, enrol_mode, enrol_tag, daily_cap, send_days, send_window_start, send_window_end, time_zone, time_zone_source, created_at, updated_at)
     VALUES (?, ?, 'http://127.0.0.1:1', 'tag', 'bench', 100, 'mon,tue,wed,thu,fri,sat', '08:00', '20:00', 'America/Chicago', 'user', ?, ?)`,
  );
  const lead = db.prepare(
    `INSERT INTO leads (company_id, phone, first_name, status, time_zone, time_zone_source, created_at, updated_at) VALUES (?, ?, 'Bench', 'queued', ?, 'zip', ?, ?)`,
  );
  const jobs = new JobQueue(db);
  const ids: number[] = [];
  const perCompany = Math.floor(leads / COMPANIES);
  db.transaction(() => {
    for (let c = 0; c < COMPANIES; c++) {
      const id = Number(company.run(`Bench ${c}`, `benchSched${c}`, created, created).lastInsertRowid);
      ids.push(id);
      for (let n = 0; n < perCompany; n++) {
        // Zone by zone, in import order: the Eastern quarter is the newest.
        const zone = ZONES[Math.floor((n * ZONES.length) / perCompany)]!;
        const leadId = Number(lead.run(id, `+1${String(2_000_000_000 + c * perCompany + n)}`, zone, created, created).lastInsertRowid);
        jobs.enqueue(id, leadId, created + n);
      }
    }
  })();
  db.pragma('optimize');
  return ids;
}

const middle = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0;

function timeEach(companyIds: number[], rounds: number, run: (companyId: number) => void): number[] {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const id of companyIds) {
      const started = performance.now();
      run(id);
      samples.push(performance.now() - started);
    }
  }
  return samples;
}

export function schedulerClaimBench(file: string, leads: number): SchedulerClaimResult {
  const db = openDatabase(file).$client;
  const seeded = performance.now();
  const companyIds = seed(db, leads);
  const seedSeconds = (performance.now() - seeded) / 1000;
  const jobs = new JobQueue(db);

  const plain = db.prepare<[number, number], { id: number }>(
    `SELECT id FROM sync_jobs INDEXED BY sync_jobs_claim_idx WHERE company_id = ? AND state = 'queued' AND next_run_at <= ? ORDER BY next_run_at, id LIMIT ${BATCH}`,
  );
  const join = db.prepare<[number, number, string], { id: number }>(
    `SELECT j.id FROM sync_jobs j INDEXED BY sync_jobs_claim_idx JOIN leads l ON l.id = j.lead_id
     WHERE j.company_id = ? AND j.state = 'queued' AND j.next_run_at <= ? AND l.time_zone_source IS NOT NULL AND l.enrolled_at IS NULL
       AND coalesce(l.time_zone, 'America/Chicago') = ?
     ORDER BY j.next_run_at, j.id LIMIT ${BATCH}`,
  );
  // Warm the page cache and the per-minute wall-clock cache alike for all three.
  for (const id of companyIds) {
    jobs.gate.pick(id, BATCH, EASTERN_0830);
    plain.all(id, EASTERN_0830);
  }
  const pickSamples = timeEach(companyIds, 5, (id) => jobs.gate.pick(id, BATCH, EASTERN_0830));
  const plainSamples = timeEach(companyIds, 5, (id) => plain.all(id, EASTERN_0830));
  const joinSamples = timeEach(companyIds.slice(0, 5), 1, (id) => join.all(id, EASTERN_0830, 'America/New_York'));

  const picked = jobs.gate.pick(companyIds[0]!, BATCH, EASTERN_0830);
  const zoneOf = db.prepare<[string], { zone: string | null }>(`SELECT DISTINCT send_zone AS zone FROM sync_jobs WHERE id IN (SELECT value FROM json_each(?))`);
  const zones = zoneOf.all(JSON.stringify(picked)).map((r) => r.zone);
  db.close();
  const p95 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length * 0.95)] ?? 0;
  return {
    leads: Math.floor(leads / COMPANIES) * COMPANIES,
    seedSeconds,
    pickMs: { median: middle(pickSamples), p95: p95(pickSamples) },
    plainMs: { median: middle(plainSamples), p95: p95(plainSamples) },
    joinMs: middle(joinSamples),
    picked: picked.length,
    allEastern: zones.length === 1 && zones[0] === 'America/New_York',
  };
}
