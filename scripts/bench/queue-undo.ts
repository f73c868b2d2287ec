/**
 * The longest main-thread stall while a big held-back batch is queued ("Send N to GHL") and then
 * undone, the way the desktop app does both: the import service in this (main) thread, the writes in
 * their bulk-write thread (core/jobs/bulk-write-thread.ts), the office saving a lead every 0.25 s
 * meanwhile (a save waits for the write lock), and the search index thread indexing the seeded leads
 * meanwhile. Target: < 100 ms; before the JobQueue's chunks each was one transaction on the main
 * thread (about 5 s and 7 s for 1M leads); chunked on the main thread, a commit or checkpoint on a slow
 * disk still stalled it 170–300 ms now and then. The longest stalls are printed with what overlapped them.
 * Called at the end of bench:import; alone: npx tsx scripts/bench/queue-undo.ts [leads] [--no-index]
 * (--no-index: the index thread paused throughout, to tell its share from the machine's load and queue/undo's own).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBackend, type Backend } from '../../electron/app/backend';
import { OsKeychain } from '../../electron/core/secrets/secret-store';
import { StallTracer } from './stall-tracer';

interface Stalls {
  seconds: number;
  maxBlockMs: number;
  p99BlockMs: number;
  saves: number;
  longestSaveMs: number;
  /** The longest stalls over 50 ms, each with what overlapped it. */
  traced: string[];
}

/** Runs `work` while sampling this thread's event-loop delay and saving a lead every 0.25 s. */
async function measured<T>(backend: Backend, companyId: number, savedSoFar: { n: number }, work: () => Promise<T>): Promise<{ value: T } & Stalls> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const saveTimes: number[] = [];
  const tracer = new StallTracer();
  tracer.traceConnection(backend.ctx.db.$client);
  tracer.start();
  delay.enable();
  const started = performance.now();
  const typing = setInterval(() => {
    const at = performance.now();
    const phone = `(720) 555-${String(1000 + savedSoFar.n++).padStart(4, '0')}`;
    void backend.call('leads:create', { companyId, firstName: 'Typed', phone }).then((saved) => {
      if (!saved.ok) throw new Error(`saving a lead meanwhile failed: ${saved.error.message}`);
      saveTimes.push(performance.now() - at);
      tracer.record('saving a lead (waits for the write lock)', at);
    });
  }, 250);
  try {
    const value = await work();
    return {
      value,
      seconds: (performance.now() - started) / 1000,
      maxBlockMs: delay.max / 1e6,
      p99BlockMs: delay.percentile(99) / 1e6,
      saves: saveTimes.length,
      longestSaveMs: Math.max(0, ...saveTimes),
      traced: tracer.longest(),
    };
  } finally {
    clearInterval(typing);
    tracer.stop();
    delay.disable();
  }
}

export async function queueUndoBench(leads: number, { isIndexing = true } = {}): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rlm-bench-queue-'));
  const backend = createBackend({ dataDir, secrets: new OsKeychain('rlm-bench') });
  try {
    const company = await backend.call('companies:create', { name: 'Bench', ghlLocationId: 'locBench1' });
    if (!company.ok) throw new Error(company.error.message);
    const companyId = company.value.id;
    const client = backend.ctx.db.$client;
    // A finished import with "Queue now" off. Its leads are made by SQLite itself (the same rows the
    // import's writer makes, triggers and all): a million drafts built here left ~1 GB of garbage whose
    // collection (a 107 ms GC pause) showed up as a stall of the queueing measured after it.
    const batchId = Number(
      client.prepare(`INSERT INTO import_batches (company_id, file_name, state, queue_sync, created_at) VALUES (?, 'bench.csv', 'completed', 0, ?)`).run(companyId, Date.now())
        .lastInsertRowid,
    );
    const seedStart = performance.now();
    const seed = client.prepare<{ companyId: number; batchId: number; from: number; to: number; now: number }>(
      `WITH RECURSIVE n(i) AS (SELECT @from UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @to)
       INSERT INTO leads (company_id, batch_id, first_name, last_name, phone, email, email_key, city, state, postal_code, country, source,
         do_not_contact, status, created_at, updated_at)
       SELECT @companyId, @batchId, 'First' || i, 'Last' || i, '+1' || (3000000000 + i), 'lead' || i || '@example.com', 'lead' || i || '@example.com',
         'Austin', 'TX', '78701', 'US', 'bench', 0, 'new', @now, @now FROM n`,
    );
    for (let from = 0; from < leads; from += 100_000) {
      client.transaction(() => seed.run({ companyId, batchId, from, to: Math.min(from + 100_000, leads), now: Date.now() })).immediate();
    }
    console.log(`\n${leads.toLocaleString()}-lead held-back batch (seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);
    const saved = { n: 0 };
    const threeSeconds = () => new Promise((resolve) => setTimeout(resolve, 3_000));
    // The same measure with nothing to do but the saves (the index thread paused): what this machine's load alone costs.
    const idle = await measured(backend, companyId, saved, () => backend.ctx.searchIndex.pausedWhile(threeSeconds));
    // The saves while the index thread catches up on the seeded leads (it goes on through queue and undo).
    if (isIndexing) void backend.ctx.searchIndex.caughtUp().catch(() => {});
    else void backend.ctx.searchIndex.pausedWhile(() => new Promise<void>(() => {}));
    const indexing = await measured(backend, companyId, saved, threeSeconds);
    const row = (what: string, r: Stalls, extra: string) =>
      console.log(
        `  ${what.padEnd(6)} ${r.seconds.toFixed(2)} s ${extra}; main thread longest stall ${r.maxBlockMs.toFixed(0)} ms (p99 ${r.p99BlockMs.toFixed(1)} ms, target < 100 ms); ` +
          `${r.saves} leads saved meanwhile, longest save ${r.longestSaveMs.toFixed(0)} ms` +
          r.traced.map((line) => `\n           stall ${line}`).join(''),
      );
    const queued = await measured(backend, companyId, saved, () => backend.call('imports:queue', { batchId }));
    if (!queued.value.ok) throw new Error(queued.value.error.message);
    row('idle:', idle, '(only the saves, for comparison)');
    row('index:', indexing, isIndexing ? '(the saves while the search index thread indexes)' : '(--no-index: the saves alone again)');
    row('queue:', queued, `(${queued.value.value.queued.toLocaleString()} leads and jobs)`);
    const undone = await measured(backend, companyId, saved, () => backend.call('imports:undo', { batchId }));
    if (!undone.value.ok) throw new Error(undone.value.error.message);
    row('undo:', undone, `(${undone.value.value.removedLeads.toLocaleString()} leads, ${undone.value.value.removedJobs.toLocaleString()} jobs removed)`);
  } finally {
    const wasIndexing = isIndexing && backend.ctx.searchIndex.isRunning;
    await backend.close();
    rmSync(dataDir, { recursive: true, force: true });
    const index = backend.ctx.searchIndex.lastStats;
    console.log(
      !wasIndexing || !index
        ? `  search index thread: ${isIndexing ? 'not running (see the log)' : 'paused (--no-index)'}; the figures above leave indexing out`
        : `  search index thread (meanwhile, off the main thread): ${index.indexed.toLocaleString()} leads indexed in ${index.chunks.toLocaleString()} write transactions; ` +
            `longest held the write lock ${index.longestHold.heldMs.toFixed(0)} ms (FTS5 merge step ${index.longestHold.mergeMs.toFixed(0)} ms, commit ${index.longestHold.commitMs.toFixed(0)} ms); ` +
            `longest wait for the lock ${index.longestWaitMs.toFixed(0)} ms; longest checkpoint after a chunk (lock released) ${index.longestCheckpointMs.toFixed(0)} ms`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The search index thread runs the Node build (out/node/): build it from this source first.
  const { buildNodeBundles } = await import('../build-node');
  await buildNodeBundles();
  await queueUndoBench(Number(process.argv[2]) || 1_000_000, { isIndexing: !process.argv.includes('--no-index') });
}
