// `npm run bench:reads`: the app's pages on a big database, through the real IPC dispatcher, as the
// main thread answers them — every read there freezes the window while it runs (target < 100 ms, the
// stall target of bench:import). One company, 1M leads: 700k queued (a reactivation backlog that drips
// out over months) and 300k held back (imported with "Queue now" off). Each figure: the median of 5
// calls, beside the same number counted the simplest way (the job-by-job or lead-by-lead count).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../electron/app/backend';
import { JobQueue } from '../../electron/core/jobs/job-queue';
import type { SecretStore } from '../../electron/core/secrets/secret-store';

const LEADS = Number(process.argv[2] ?? 1_000_000);
const QUEUED = Math.round(LEADS * 0.7);
const TARGET_MS = 100;

/** No key is read or stored here: the keychain is not what this measures. */
const noKeys: SecretStore = { get: async () => null, set: async () => {}, delete: async () => false };

async function medianOf(run: () => Promise<unknown> | unknown, times = 5): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'rlm-bench-reads-'));
try {
  const backend = createBackend({ dataDir: dir, secrets: noKeys });
  const db: Database.Database = backend.ctx.db.$client;
  const created = await backend.call('companies:create', { name: 'Bench Roofing', ghlLocationId: 'locBenchReads1' });
  if (!created.ok) throw new Error(created.error.message);
  const companyId = created.value.id;
  console.log(`seeding ${LEADS.toLocaleString('en-US')} leads (${QUEUED.toLocaleString('en-US')} queued with their jobs, the rest held back)…`);
  const seedStart = performance.now();
  const batch = (queueSync: number) =>
    Number(db.prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, created_at) VALUES (?, ?, 'completed', ?, ?)`).run(companyId, queueSync ? 'backlog.csv' : 'later.csv', queueSync, Date.now()).lastInsertRowid);
  const seed = db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @count)
     INSERT INTO leads (company_id, batch_id, first_name, phone, country, status, crm_status, created_at, updated_at)
     SELECT @companyId, @batchId, 'Lead', '+1' || (@firstPhone + i), 'US', @status, CASE WHEN i % 3 = 0 THEN 'Lost Estimate' ELSE 'Closed Won' END, @now, @now FROM n`,
  );
  const backlog = batch(1);
  const later = batch(0);
  const now = Date.now();
  db.transaction(() => {
    seed.run({ count: QUEUED, companyId, batchId: backlog, firstPhone: 12000000000, status: 'queued', now });
    new JobQueue(db).enqueueInserted(companyId, 0, now);
    seed.run({ count: LEADS - QUEUED, companyId, batchId: later, firstPhone: 13000000000, status: 'new', now });
  }).immediate();
  console.log(`  seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const simplest = {
    queue: `SELECT count(*) FROM sync_jobs WHERE company_id = ${companyId} AND state IN ('queued', 'running')`,
    heldBack: `SELECT count(*) FROM leads WHERE company_id = ${companyId} AND status = 'new' AND do_not_contact = 0`,
    batchWaiting: `SELECT count(*) FROM leads l JOIN sync_jobs j ON j.lead_id = l.id WHERE l.batch_id = ${backlog} AND j.state IN ('queued', 'running') AND l.enrolled_at IS NULL`,
    sortedPage: `SELECT id FROM leads NOT INDEXED ORDER BY created_at DESC, id DESC LIMIT 100`,
  };
  const reads: Array<[string, string, unknown, keyof typeof simplest | null]> = [
    ['Dashboard', 'dashboard:overview', undefined, 'queue'],
    ['Dashboard, one company', 'dashboard:overview', { companyId }, 'heldBack'],
    ['Leads page, first view', 'leads:page', { filters: {}, limit: 100 }, 'sortedPage'],
    ['Leads page, one status', 'leads:page', { filters: { status: 'failed' }, limit: 100 }, null],
    ['Leads page, one import', 'leads:page', { filters: { batchId: later }, limit: 100 }, null],
    ['Import summary (batch)', 'imports:get', { batchId: later }, null],
    ['Import summary (plan)', 'imports:plan', { batchId: backlog }, 'batchWaiting'],
    ['Import history', 'imports:list', { limit: 200 }, null],
    ['Companies page plan', 'companies:plan', { id: companyId }, null],
    ['Connectivity banner', 'sync:connectivity', undefined, null],
  ];
  console.log(`\nmain-thread reads at ${LEADS.toLocaleString('en-US')} leads (median of 5; target < ${TARGET_MS} ms each):`);
  for (const [label, channel, input, baseline] of reads) {
    const ms = await medianOf(async () => {
      const result = (await backend.dispatch(channel, input)) as { ok: boolean; error?: { message: string } };
      if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
    });
    const simple = baseline ? await medianOf(() => db.prepare(simplest[baseline]).all()) : null;
    const beside = simple === null ? '' : `   (counted the simplest way: ${simple.toFixed(1)} ms; ${(ms / simple).toFixed(2)}×)`;
    console.log(`  ${label.padEnd(26)} ${channel.padEnd(20)} ${ms.toFixed(1).padStart(7)} ms ${ms < TARGET_MS ? 'ok' : 'OVER TARGET'}${beside}`);
  }
  // Audience counts and undo's plan read every lead of the company or the batch, in pages with the
  // event loop free between them: what matters is the longest page, the total is how long the dialog waits.
  for (const [label, channel, input] of [
    ['Audience preview (all)', 'audiences:preview', { companyId }],
    ['Undo plan (held back)', 'imports:undoPlan', { batchId: later }],
  ] as const) {
    let longest = 0;
    let last = performance.now();
    let isRunning = true;
    const watch = () => {
      const at = performance.now();
      longest = Math.max(longest, at - last);
      last = at;
      if (isRunning) setImmediate(watch);
    };
    setImmediate(watch);
    const start = performance.now();
    const result = (await backend.dispatch(channel, input)) as { ok: boolean };
    isRunning = false;
    if (!result.ok) throw new Error(channel);
    console.log(`  ${label.padEnd(26)} ${channel.padEnd(20)} ${(performance.now() - start).toFixed(0).padStart(7)} ms in all, longest main-thread block ${longest.toFixed(1)} ms ${longest < TARGET_MS ? 'ok' : 'OVER TARGET'}`);
  }
  await backend.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
