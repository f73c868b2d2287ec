/**
 * npm run bench:sync — queue overhead beside plainjob, and pacing against the GHL simulator.
 *   1. 100k no-op jobs claimed (100 per statement) and completed, jobs/s; plainjob's own worker loop on the same machine.
 *   2. 1,000 leads, default limit (100 / 10 s), 150 ms latency: requests/s vs the limit, 429s, leads/s (tag mode).
 *   3. Two companies at once: each one's requests/s vs its own limit.
 *   4. The scheduler's claim: choosing the next batch among 1M scheduled leads (50 companies, 4 zones) vs a
 *      plain SELECT … LIMIT (scheduler-claim.ts).
 * Pass --quick for 300 leads per pacing run and 100k scheduled leads; --scheduler for part 4 alone.
 * Parts 1–3 run at a weekday afternoon of the leads' zone (an injected clock), so the sending schedule,
 * held to the legal 08:00–21:00, never stops them whatever the hour the bench runs at.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { better, defineQueue, defineWorker } from 'plainjob';
import { openDatabase } from '../../db/open';
import { resolveSyncConfig } from '../../electron/sync/config';
import { createGhlTransportFactory } from '../../electron/sync/ghl-transport';
import { JobQueue } from '../../electron/core/jobs/job-queue';
import { SyncStore } from '../../electron/sync/sync-store';
import { CreateLedger } from '../../electron/sync/create-once';
import { SyncRunner } from '../../electron/sync/runner';
import { startGhlSimulator } from '../../electron/ghl-sandbox/server';
import { schedulerClaimBench } from './scheduler-claim';

const isQuick = process.argv.includes('--quick');
const isSchedulerOnly = process.argv.includes('--scheduler');

/** A Wednesday 15:00 UTC at least a day ahead: inside every window of the schedule below, after every job's next_run_at. */
const AFTERNOON = (() => {
  const day = new Date(Date.now() + 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((3 - day.getUTCDay() + 7) % 7));
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 15);
})();
const clockOffset = AFTERNOON - Date.now();
const benchNow = () => Date.now() + clockOffset;
const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlm-bench-'));
  dirs.push(dir);
  return join(dir, 'leads.sqlite');
};

function seed(db: Database.Database, companies: Array<{ location: string; url: string }>, leadsEach: number): number[] {
  const now = Date.now();
  const ids: number[] = [];
  db.transaction(() => {
    for (const [i, c] of companies.entries()) {
      const id = Number(
        db
          // Cap and days that hold nothing back, in UTC (the leads are placed in the company's zone below).
          .prepare(
            `INSERT INTO companies (name, ghl_location_id, ghl_base_url, enrol_mode, enrol_tag, daily_cap, send_days, send_window_start, send_window_end, time_zone, time_zone_source, created_at, updated_at)
             VALUES (?, ?, ?, 'tag', 'bench', 100000, 'mon,tue,wed,thu,fri,sat,sun', '08:00', '21:00', 'UTC', 'user', ?, ?)`,
          )
          .run(`Bench ${i}`, c.location, c.url, now, now).lastInsertRowid,
      );
      ids.push(id);
      const lead = db.prepare(
        `INSERT INTO leads (company_id, phone, email, email_key, first_name, status, time_zone_source, created_at, updated_at) VALUES (?, ?, ?, ?, 'Bench', 'queued', 'company', ?, ?)`,
      );
      const jobs = new JobQueue(db);
      for (let n = 0; n < leadsEach; n++) {
        const email = `b${n}-${id}@example.com`;
        const leadId = Number(lead.run(id, `+1512${String(2_000_000 + n)}`, email, email, now, now).lastInsertRowid);
        jobs.enqueue(id, leadId, now);
      }
    }
  })();
  return ids;
}

async function queueOverhead(): Promise<{ ours: number; plainjob: number }> {
  const total = 100_000;
  const db = openDatabase(tempDb()).$client;
  seed(db, [{ location: 'bench-loc', url: 'http://127.0.0.1:1' }], total);
  const jobs = new JobQueue(db);
  const started = performance.now();
  let done = 0;
  for (;;) {
    const claimed = jobs.claim(1, 'bench-owner', 100, benchNow(), 60_000);
    if (claimed.length === 0) break;
    jobs.completeSynced(claimed, benchNow());
    done += claimed.length;
  }
  const ours = done / ((performance.now() - started) / 1000);
  db.close();

  const pj = new Database(tempDb());
  pj.pragma('journal_mode = WAL');
  pj.pragma('synchronous = NORMAL');
  const queue = defineQueue({ connection: better(pj), logger: { error() {}, warn() {}, info() {}, debug() {} } });
  queue.addMany('noop', Array.from({ length: total }, (_, i) => ({ i })));
  let pjDone = 0;
  const pjStarted = performance.now();
  await new Promise<void>((resolve) => {
    const worker = defineWorker('noop', () => {}, {
      queue,
      pollIntervall: 1,
      logger: { error() {}, warn() {}, info() {}, debug() {} },
      onCompleted: () => {
        if (++pjDone === total) void worker.stop().then(resolve);
      },
    });
    void worker.start();
  });
  const plainjob = total / ((performance.now() - pjStarted) / 1000);
  queue.close();
  pj.close();
  return { ours, plainjob };
}

interface PacingResult {
  location: string;
  requestsPerSecond: number;
  limitPerSecond: number;
  leadsPerSecond: number;
  tooMany: number;
  leads: number;
}

async function pacing(companyCount: number, leadsEach: number): Promise<PacingResult[]> {
  const locations = Array.from({ length: companyCount }, (_, i) => ({ id: `benchLoc${i}AAAAAAAAAAAA`, name: `Bench ${i}`, token: `pit-bench-${i}-token` }));
  const sim = await startGhlSimulator({ locations: locations.map((l) => ({ ...l, allowDuplicateContact: false })), latencyMs: 150, seed: 3 });
  const db = openDatabase(tempDb()).$client;
  const companyIds = seed(db, locations.map((l) => ({ location: l.id, url: sim.url })), leadsEach);
  const store = new SyncStore(db);
  const config = resolveSyncConfig({ pollMs: 20, progressMs: 250 });
  const finishedAt = new Map<number, number>();
  let resolveIdle: () => void = () => {};
  const idle = new Promise<void>((r) => (resolveIdle = r));
  const runner = new SyncRunner({
    jobs: new JobQueue(db),
    store,
    ledger: new CreateLedger(db),
    config,
    owner: 'bench',
    companyIds: null,
    now: benchNow,
    createTransport: createGhlTransportFactory({ config, recordAttempts: (rows) => store.recordAttempts(rows) }),
    host: {
      getToken: async (id) => locations[companyIds.indexOf(id)]?.token ?? null,
      onProgress: (p) => {
        for (const c of p.companies) if (c.pending === 0 && !finishedAt.has(c.companyId)) finishedAt.set(c.companyId, Date.now());
      },
      onConnectivity: () => {},
      onIdle: () => resolveIdle(),
      onWarning: (m) => console.error('warning:', m),
    },
  });
  runner.start();
  await idle;
  await runner.stop();
  const results = locations.map((loc, i): PacingResult => {
    const reqs = sim.requests().filter((r) => r.locationId === loc.id);
    const accepted = reqs.filter((r) => r.status !== 429);
    const first = reqs[0]?.at ?? 0;
    const last = reqs.at(-1)?.at ?? first;
    const end = finishedAt.get(companyIds[i] ?? -1) ?? last;
    return {
      location: loc.id,
      // n requests span n-1 gaps.
      requestsPerSecond: (accepted.length - 1) / ((last - first) / 1000),
      limitPerSecond: 10,
      leadsPerSecond: leadsEach / ((end - first) / 1000),
      tooMany: reqs.length - accepted.length,
      leads: sim.contacts(loc.id).length,
    };
  });
  await sim.close();
  db.close();
  return results;
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
try {
  if (isSchedulerOnly) await schedulerPart();
  else await allParts();
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

async function schedulerPart(): Promise<void> {
  const r = schedulerClaimBench(tempDb(), isQuick ? 100_000 : 1_000_000);
  const ms = (n: number) => `${n.toFixed(3)} ms`;
  console.log(
    `scheduler: next batch of 50 among ${r.leads.toLocaleString('en-US')} scheduled leads (50 companies, 4 zones, only the newest zone open): ` +
      `${ms(r.pickMs.median)} median, ${ms(r.pickMs.p95)} p95 (target < 5 ms) vs a plain SELECT … LIMIT 50 ${ms(r.plainMs.median)} median, ${ms(r.plainMs.p95)} p95 → ${(r.pickMs.median / r.plainMs.median).toFixed(1)}×; ` +
      `the same gate as a join on leads over sync_jobs_claim_idx ${ms(r.joinMs)} → ${(r.joinMs / r.pickMs.median).toFixed(0)}× slower than the gate; ` +
      `${r.picked} picked, ${r.allEastern ? 'all in the open zone' : 'NOT all in the open zone'} (seeded in ${r.seedSeconds.toFixed(1)} s)`,
  );
}

async function allParts(): Promise<void> {
  const q = await queueOverhead();
  console.log(`queue: ${Math.round(q.ours).toLocaleString('en-US')} jobs/s claimed+completed (100 per claim) vs plainjob ${Math.round(q.plainjob).toLocaleString('en-US')} jobs/s → ${(q.ours / q.plainjob).toFixed(1)}×`);
  const leads = isQuick ? 300 : 1_000;
  for (const [label, count] of [['one company', 1], ['two companies at once', 2]] as const) {
    for (const r of await pacing(count, leads)) {
      console.log(
        `pacing (${label}) ${r.location}: ${r.requestsPerSecond.toFixed(2)} req/s = ${pct(r.requestsPerSecond / r.limitPerSecond)} of the limit, ` +
          `${r.leadsPerSecond.toFixed(2)} leads/s = ${pct(r.leadsPerSecond / r.limitPerSecond)}, ${r.tooMany} × 429, ${r.leads} contacts`,
      );
    }
  }
  await schedulerPart();
}
