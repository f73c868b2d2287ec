/**
 * npm run bench:import — not a test. Generates seeded, realistic CSVs (mixed phone formats, ~3%
 * invalid phones, ~5% duplicates, ~5% quoted multi-line notes), imports each through the real CLI
 * (`rlm import --json`, worker thread and all) in a child process while sampling its peak RSS, and
 * compares it with two baselines on the same file:
 *   - in this process: papaparse streaming parse + one raw better-sqlite3 prepared insert into the
 *     app's own leads table (its triggers and indexes included), one transaction;
 *   - stricter, as a whole process like the CLI (start-up included): papaparse streaming + one
 *     prepared INSERT OR IGNORE into a plain table with a UNIQUE phone column, one transaction
 *     (strict-baseline.ts). Target: the CLI's whole process within 2.5× of it (issue #11).
 * It also runs the import the way the desktop app does (the import service
 * in this process, the work in its worker thread) and reports the longest stall of this process'
 * event loop meanwhile, while a lead is saved from this thread every 0.25 s (as the office keeps typing
 * during an import; a save waits for the import's write lock): the UI's target is no block over 100 ms.
 * Usage: npm run bench:import [-- 100000 1000000] [--no-baseline] [--no-app] */
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../../db/open';
import { createBackend } from '../../electron/app/backend';
import { OsKeychain } from '../../electron/core/secrets/secret-store';
import { timeProcess } from './process-time';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'scripts/rlm.cjs');
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const skipBaseline = process.argv.includes('--no-baseline');
const skipApp = process.argv.includes('--no-app');
const STRICT_TARGET = 2.5;
const rowCounts = sizes.length > 0 ? sizes : [100_000, 1_000_000];
const workDir = mkdtempSync(join(tmpdir(), 'rlm-bench-'));

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AREAS = ['212', '312', '415', '512', '617', '713', '737', '206', '305', '404'];
const FIRST = ['José', 'Ann', 'Bob', 'Zoë', 'Mike', 'Linda', 'Raj', 'Mary', 'Chen', 'Sam'];
const LAST = ['Peña', 'Smith', "O'Brien", 'Nguyen', 'Garcia', 'Brown', 'Miller', 'Davis', 'Lee', 'Wilson'];
const CITIES = [['Austin', 'TX', '78701'], ['Dallas', 'Texas', '75201'], ['Miami', 'FL', '33101'], ['Boston', 'MA', '2134']];

function phoneFor(i: number, format: number): string {
  const area = AREAS[i % AREAS.length]!;
  const exchange = String(200 + (Math.floor(i / AREAS.length) % 700));
  const line = String(Math.floor(i / (AREAS.length * 700)) % 10000).padStart(4, '0');
  switch (format) {
    case 0: return `(${area}) ${exchange}-${line}`;
    case 1: return `${area}.${exchange}.${line}`;
    case 2: return `+1 ${area} ${exchange} ${line}`;
    case 3: return `${area}${exchange}${line}`;
    default: return `${area}-${exchange}-${line} x${format}`;
  }
}

async function generate(path: string, rows: number, seed = 42): Promise<void> {
  const random = mulberry32(seed);
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('First Name,Last Name,Phone,Email,Address,City,State,Zip,Notes\r\n');
  for (let i = 0; i < rows; i++) {
    const r = random();
    const source = r < 0.05 && i > 10 ? Math.floor(random() * i) : i; // ~5% duplicates of an earlier lead
    let phone = phoneFor(source, Math.floor(random() * 6));
    if (random() < 0.03) phone = random() < 0.5 ? `555-${String(i % 10000).padStart(4, '0')}` : '123'; // ~3% invalid
    const email = random() < 0.4 ? `user${source}@example.com` : '';
    const [city, state, zip] = CITIES[i % CITIES.length]!;
    const notes = random() < 0.05 ? `"Roof replaced ${2010 + (i % 14)}.\r\nCustomer said ""call after 5""."` : random() < 0.3 ? 'Gutter cleaning' : '';
    await write(`${FIRST[i % 10]},${LAST[(i >> 3) % 10]},${phone},${email},${100 + (i % 900)} Main St,${city},${state},${zip},${notes}\r\n`);
  }
  out.end();
  await once(out, 'finish');
}

interface CliRun {
  wallSeconds: number;
  /** `rlm status` on the same data folder, whole process: start-up, opening the database, exit. */
  fixedSeconds: number;
  importSeconds: number;
  peakRssMb: number;
  result: { rows: number; imported: number; updated: number; duplicates: number; rejected: number };
}

async function cliImport(file: string): Promise<CliRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rlm-bench-data-'));
  spawnSync(process.execPath, [bin, '--data-dir', dataDir, 'company', 'add', '--name', 'Bench', '--location-id', 'locBench1', '--json'], { cwd: root });
  const run = await timeProcess([bin, '--data-dir', dataDir, 'import', file, '--company', 'Bench', '--json'], root);
  const fixed = await timeProcess([bin, '--data-dir', dataDir, 'status', '--json'], root);
  const db = new Database(join(dataDir, 'leads.sqlite'), { readonly: true });
  const batch = db.prepare('SELECT created_at AS createdAt, finished_at AS finishedAt FROM import_batches').get() as { createdAt: number; finishedAt: number };
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { wallSeconds: run.seconds, fixedSeconds: fixed.seconds, importSeconds: (batch.finishedAt - batch.createdAt) / 1000, peakRssMb: run.peakRssMb, result: JSON.parse(run.stdout) };
}

/** strict-baseline.ts as plain JavaScript (bundled once per run): its process pays no compiler either. */
async function buildStrictBaseline(): Promise<string> {
  // Inside the project, so that require('better-sqlite3') finds node_modules at run time.
  const outfile = join(root, 'node_modules/.cache/rlm-bench/strict-baseline.cjs');
  await build({
    entryPoints: [join(root, 'scripts/bench/strict-baseline.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
  return outfile;
}

/** The stricter baseline as a whole process, timed from spawn to exit like the CLI. */
async function strictBaseline(script: string, file: string): Promise<{ seconds: number; rows: number; inserted: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rlm-bench-strict-'));
  try {
    const run = await timeProcess([script, file, join(dir, 'plain.sqlite')], root);
    const { rows, inserted } = JSON.parse(run.stdout) as { rows: number; inserted: number };
    return { seconds: run.seconds, rows, inserted };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Papaparse streaming parse + one prepared insert per row, one transaction: the floor for "parse and store". */
async function baseline(file: string): Promise<{ seconds: number; rows: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rlm-bench-base-'));
  const db = openDatabase(join(dir, 'leads.sqlite'));
  const client = db.$client;
  const now = Date.now();
  client.prepare("INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES ('B', 'locB1', 'https://x', ?, ?)").run(now, now);
  const insert = client.prepare(
    'INSERT OR IGNORE INTO leads (company_id, first_name, last_name, phone, email, address1, city, state, postal_code, notes, status, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, \'new\', ?, ?)',
  );
  const started = performance.now();
  let rows = 0;
  client.exec('BEGIN');
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(createReadStream(file, { encoding: 'utf8' }), {
      skipEmptyLines: true,
      step: (result) => {
        rows++;
        if (rows === 1) return; // header
        const c = result.data;
        insert.run(c[0], c[1], c[2], c[3] || null, c[4], c[5], c[6], c[7], c[8] || null, now, now);
      },
      complete: () => resolve(),
      error: reject,
    });
  });
  client.exec('COMMIT');
  const seconds = (performance.now() - started) / 1000;
  client.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds, rows: rows - 1 };
}

/** The app's path: ImportService in this (main) process, the work in its worker; max event-loop delay here. */
async function inAppImport(file: string): Promise<{ seconds: number; maxBlockMs: number; p99BlockMs: number; saves: number; longestSaveMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rlm-bench-app-'));
  const backend = createBackend({ dataDir, secrets: new OsKeychain('rlm-bench') });
  try {
    const company = await backend.call('companies:create', { name: 'Bench', ghlLocationId: 'locBench1' });
    if (!company.ok) throw new Error(company.error.message);
    const inspected = await backend.call('imports:inspect', { path: file, companyId: company.value.id });
    if (!inspected.ok) throw new Error(inspected.error.message);
    const { encoding, delimiter, hasHeader, mapping } = inspected.value;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const batch = await backend.call('imports:start', { path: file, companyId: company.value.id, options: { encoding, delimiter, hasHeader }, mapping, queueSync: true });
    if (!batch.ok) throw new Error(batch.error.message);
    // Meanwhile the office keeps typing in leads: a save waits for the import's write lock, in this thread.
    const saveTimes: number[] = [];
    const typing = setInterval(() => {
      const at = performance.now();
      const phone = `(720) 555-${String(1000 + saveTimes.length).padStart(4, '0')}`;
      void backend.call('leads:create', { companyId: company.value.id, firstName: 'Typed', phone }).then((saved) => {
        if (!saved.ok) throw new Error(`saving a lead during the import failed: ${saved.error.message}`);
        saveTimes.push(performance.now() - at);
      });
    }, 250);
    await backend.ctx.imports.finished(batch.value.batchId);
    clearInterval(typing);
    const seconds = (performance.now() - started) / 1000;
    delay.disable();
    return { seconds, maxBlockMs: delay.max / 1e6, p99BlockMs: delay.percentile(99) / 1e6, saves: saveTimes.length, longestSaveMs: Math.max(0, ...saveTimes) };
  } finally {
    await backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

try {
  const strictScript = await buildStrictBaseline();
  for (const rows of rowCounts) {
    const file = join(workDir, `leads-${rows}.csv`);
    await generate(file, rows);
    const mb = statSync(file).size / 1_048_576;
    const base = skipBaseline ? { seconds: NaN, rows: rows } : await baseline(file);
    // The whole-process figures are a few seconds at 100k rows: one run is at the mercy of the machine's
    // other load, so small files run baseline and CLI one after the other five times. The ratio is the median of
    // each pair's own: this machine's speed drifted by up to ~50% within minutes (the strict baseline alone took
    // 0.52–0.98 s), and medians taken apart printed 2.9× before and after a change that made every pair ~9% faster.
    const runs = rows <= 200_000 ? 5 : 1;
    const stricts: Array<Awaited<ReturnType<typeof strictBaseline>>> = [];
    const clis: CliRun[] = [];
    for (let run = 0; run < runs; run++) {
      stricts.push(await strictBaseline(strictScript, file));
      clis.push(await cliImport(file));
    }
    const pairRatios = clis.map((run, i) => run.wallSeconds / stricts[i]!.seconds).sort((a, b) => a - b);
    const strictSeconds = stricts.map((run) => run.seconds).sort((a, b) => a - b);
    const strict = stricts.sort((a, b) => a.seconds - b.seconds)[Math.floor(runs / 2)]!;
    const cli = clis.sort((a, b) => a.wallSeconds - b.wallSeconds)[Math.floor(runs / 2)]!;
    const { result } = cli;
    const cliRate = rows / cli.importSeconds;
    const baseRate = base.rows / base.seconds;
    const strictRatio = pairRatios[Math.floor(runs / 2)]!;
    console.log(`\n${rows.toLocaleString()} rows (${mb.toFixed(1)} MB)${runs > 1 ? `; whole-process figures: the median of ${runs} runs each, alternating` : ''}`);
    console.log(`  rlm import:  ${cli.importSeconds.toFixed(2)} s import (${Math.round(cliRate).toLocaleString()} rows/s), ${cli.wallSeconds.toFixed(2)} s whole process (bin started directly), peak RSS ${cli.peakRssMb.toFixed(0)} MB`);
    console.log(`               imported ${result.imported}, duplicates ${result.duplicates}, rejected ${result.rejected}, updated ${result.updated}; rows add up: ${result.rows === result.imported + result.updated + result.duplicates + result.rejected}`);
    const rest = cli.wallSeconds - cli.importSeconds - cli.fixedSeconds;
    console.log(`  where:       ${cli.importSeconds.toFixed(2)} s import (batch created → finished, in the worker); ${cli.fixedSeconds.toFixed(2)} s start-up + opening the database + exit (an \`rlm status\` process); ${rest.toFixed(2)} s inspecting the file, starting the worker, the rest`);
    console.log(`  baseline:    ${base.seconds.toFixed(2)} s (${Math.round(baseRate).toLocaleString()} rows/s) papaparse stream + one prepared insert into the app's leads table, one transaction, in this process`);
    console.log(`  ratio:       ${((100 * cliRate) / baseRate).toFixed(0)}% of baseline`);
    console.log(`  strict:      ${strict.seconds.toFixed(2)} s whole process: papaparse stream + one prepared INSERT OR IGNORE into a plain table (UNIQUE phone), one transaction (${strict.inserted} rows kept)`);
    const spread = runs > 1 ? `, the median of ${runs} pairs each run back to back (pairs ${pairRatios[0]!.toFixed(2)}–${pairRatios[runs - 1]!.toFixed(2)}×; the strict baseline alone ${strictSeconds[0]!.toFixed(2)}–${strictSeconds[runs - 1]!.toFixed(2)} s)` : '';
    console.log(`  CLI/strict:  ${strictRatio.toFixed(2)}× whole process vs whole process${spread} (target ≤ ${STRICT_TARGET}×: ${strictRatio <= STRICT_TARGET ? 'met' : 'NOT met'})`);
    if (skipApp) continue;
    const app = await inAppImport(file);
    console.log(
      `  in the app:  ${app.seconds.toFixed(2)} s while a lead was saved every 0.25 s (${app.saves} saves, longest ${app.longestSaveMs.toFixed(0)} ms); ` +
        `main thread longest stall ${app.maxBlockMs.toFixed(0)} ms (p99 ${app.p99BlockMs.toFixed(1)} ms, target < 100 ms)`,
    );
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
await (await import('./import-xlsx')).benchXlsx(); // the same figures for a 100k-row and a ~10 MB .xlsx
// The longest main-thread stall while a 1M-lead batch is queued and undone, in a process of its own: in
// this one, the garbage the baselines and workbooks above left (hundreds of MB) was collected during the
// queueing, and its 240–390 ms of incremental marking read as the app's stall. Alone it measures 16–40 ms.
spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'queue-undo.ts'), '1000000'], { cwd: root, stdio: 'inherit' });
