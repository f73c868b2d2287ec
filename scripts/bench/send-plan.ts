// `npx tsx scripts/bench/send-plan.ts [LEADS]`: the cost of one `sendPlan` (the dashboard reads one per company
// per refresh) at LEADS leads in one company, a third queued and never enrolled, in four zones; and its two SQL reads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/open';
import { sendPlan } from '../../electron/core/schedule/send-plan';

const LEADS = Number(process.argv[2] ?? 300_000);
const dir = mkdtempSync(join(tmpdir(), 'rlm-bench-plan-'));
const db = openDatabase(join(dir, 'leads.sqlite'));
const client = db.$client;
const now = Date.now();
client.prepare(`INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at, time_zone) VALUES ('A', 'locAAAAA', 'https://x', ?, ?, 'America/Chicago')`).run(now, now);
const zones = ['America/Chicago', 'America/New_York', 'America/Denver', 'America/Los_Angeles'];
const insertLead = client.prepare(`INSERT INTO leads (company_id, first_name, phone, status, created_at, updated_at, time_zone, time_zone_source, enrolled_at) VALUES (1, 'x', ?, ?, ?, ?, ?, 'phone', ?)`);
// With the job row's copy of its lead's placement, as the JobQueue writes it (send_gate/send_zone).
const insertJob = client.prepare(
  `INSERT INTO sync_jobs (company_id, lead_id, action, idempotency_key, state, next_run_at, created_at, updated_at, send_gate, send_zone) VALUES (1, ?, 'upsert', ?, 'queued', ?, ?, ?, 'paced', ?)`,
);
client.transaction(() => {
  for (let i = 0; i < LEADS; i++) {
    const isQueued = i % 3 === 0;
    const id = Number(insertLead.run(`+1${2_000_000_000 + i}`, isQueued ? 'queued' : 'synced', now, now, zones[i % 4], isQueued ? null : now - (i % 5) * 86_400_000).lastInsertRowid);
    if (isQueued) insertJob.run(id, `k${i}`, now, now, now, zones[i % 4]);
  }
})();
const row = db.query.companies.findFirst().sync()!;
const times: number[] = [];
for (let r = 0; r < 7; r++) {
  const t = performance.now();
  const plan = sendPlan(client, row as never, now);
  times.push(performance.now() - t);
  if (r === 0) console.log(`scheduled ${plan.scheduled}, sentToday ${plan.sentToday}, finish ${plan.finishEstimate}`);
}
times.sort((a, b) => a - b);
const timeIt = (label: string, sql: string, ...args: unknown[]) => {
  const stmt = client.prepare(sql);
  const t = performance.now();
  for (let r = 0; r < 3; r++) stmt.all(...args);
  console.log(`${label}: ${((performance.now() - t) / 3).toFixed(1)} ms`);
};
timeIt('sentToday count', `SELECT count(*) AS n FROM leads WHERE company_id = ? AND enrolled_at >= ?`, 1, now - 3_600_000);
timeIt('scheduled groups, the trigger-kept counts (what sendPlan reads)', `SELECT CASE zone WHEN '' THEN ? ELSE zone END AS timeZone, nullif(state, '') AS state, sum(n) AS n FROM waiting_job_counts WHERE company_id = ? GROUP BY zone, state HAVING sum(n) > 0`, 'America/Chicago', 1);
timeIt('scheduled groups, counted from the job rows (before the counts)', `SELECT coalesce(send_zone, ?) AS timeZone, send_state AS state, count(*) AS n FROM sync_jobs WHERE company_id = ? AND state IN ('queued', 'running') AND send_gate IN ('paced', 'unplaced') GROUP BY 1, 2`, 'America/Chicago', 1);
timeIt('scheduled groups, joined on leads (before the job row carried the placement)', `SELECT coalesce(l.time_zone, ?) AS timeZone, l.rule_state AS state, count(*) AS n FROM sync_jobs j JOIN leads l ON l.id = j.lead_id WHERE j.company_id = ? AND j.state IN ('queued', 'running') AND l.enrolled_at IS NULL GROUP BY 1, 2`, 'America/Chicago', 1);
console.log(`${LEADS} leads: sendPlan median ${times[3]!.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times[6]!.toFixed(1)})`);
db.$client.close();
rmSync(dir, { recursive: true, force: true });
