/**
 * The .xlsx figures of `npm run bench:import` (run from import.ts after the CSV ones, or alone:
 * `npx tsx scripts/bench/import-xlsx.ts [ROWS…]`). Generates workbooks as office staff have them —
 * shared strings, phones typed as numbers or text, ZIPs formatted 00000, dates as serials — with the
 * parser's own writer, imports each through the real CLI (`rlm import --json`, worker thread and all)
 * and reports rows/s and the process's peak RSS (VmHWM, sampled every 50 ms). The default sizes are
 * 100k rows and the row count that makes a ~10 MB workbook.
 */
import Database from 'better-sqlite3';
import { utils, write, type CellObject } from '@e965/xlsx';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'scripts/rlm.cjs');
const FIRST = ['José', 'Ann', 'Bob', 'Zoë', 'Mike', 'Linda', 'Raj', 'Mary', 'Chen', 'Sam'];
const LAST = ['Peña', 'Smith', "O'Brien", 'Nguyen', 'Garcia', 'Brown', 'Miller', 'Davis', 'Lee', 'Wilson'];
const AREAS = ['212', '312', '415', '512', '617', '713', '737', '206', '305', '404'];
const CITIES = [['Austin', 'TX', 78701], ['Dallas', 'Texas', 75201], ['Miami', 'FL', 33101], ['Boston', 'MA', 2134]] as const;

function workbook(path: string, rows: number): void {
  const sheet: unknown[][] = [['First Name', 'Last Name', 'Phone', 'Email', 'Address', 'City', 'State', 'Zip', 'Last Job', 'Notes']];
  for (let i = 0; i < rows; i++) {
    const area = AREAS[i % AREAS.length]!;
    const exchange = 200 + (Math.floor(i / AREAS.length) % 700);
    const line = String(Math.floor(i / (AREAS.length * 700)) % 10000).padStart(4, '0');
    // Half typed as a number (General format), half as text the way a CRM export has it.
    const phone = i % 2 === 0 ? Number(`${area}${exchange}${line}`) : `(${area}) ${exchange}-${line}`;
    const [city, state, zip] = CITIES[i % CITIES.length]!;
    const notes = i % 20 === 0 ? `Roof replaced ${2010 + (i % 14)}.\nCustomer said "call after 5".` : i % 3 === 0 ? 'Gutter cleaning' : '';
    sheet.push([FIRST[i % 10], LAST[(i >> 3) % 10], phone, i % 5 < 2 ? `user${i}@example.com` : '', `${100 + (i % 900)} Main St`, city, state,
      { t: 'n', v: zip, z: '00000' } satisfies CellObject, { t: 'n', v: 40000 + (i % 5000), z: 'm/d/yyyy' } satisfies CellObject, notes]);
  }
  const plain = sheet.map((row) => row.map((cell) => (cell !== null && typeof cell === 'object' ? (cell as CellObject).v : cell)));
  const ws = utils.aoa_to_sheet(plain);
  sheet.forEach((row, r) => row.forEach((cell, c) => {
    if (cell !== null && typeof cell === 'object') (ws[utils.encode_cell({ r, c })] as CellObject).z = (cell as CellObject).z;
  }));
  const book = utils.book_new();
  utils.book_append_sheet(book, ws, 'Customers');
  writeFileSync(path, write(book, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }) as Buffer);
}

async function cliImport(file: string): Promise<{ importSeconds: number; peakRssMb: number; result: Record<string, number> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rlm-bench-xlsx-data-'));
  spawnSync(process.execPath, [bin, '--data-dir', dataDir, 'company', 'add', '--name', 'Bench', '--location-id', 'locBench1', '--json'], { cwd: root });
  const child = spawn(process.execPath, [bin, '--data-dir', dataDir, 'import', file, '--company', 'Bench', '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let peakKb = 0;
  const timer = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // the process is gone
    }
  }, 50);
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  clearInterval(timer);
  if (code !== 0) throw new Error(`rlm import exited ${code}: ${stdout}`);
  const db = new Database(join(dataDir, 'leads.sqlite'), { readonly: true });
  const batch = db.prepare('SELECT created_at AS createdAt, finished_at AS finishedAt FROM import_batches').get() as { createdAt: number; finishedAt: number };
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { importSeconds: (batch.finishedAt - batch.createdAt) / 1000, peakRssMb: peakKb / 1024, result: JSON.parse(stdout) };
}

export async function benchXlsx(sizes: number[] = []): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rlm-bench-xlsx-'));
  try {
    const probe = join(dir, 'probe.xlsx');
    workbook(probe, 10_000);
    const tenMbRows = Math.round((10_000 * 10 * 1_048_576) / statSync(probe).size / 1000) * 1000;
    for (const rows of sizes.length > 0 ? sizes : [100_000, tenMbRows]) {
      const file = join(dir, `leads-${rows}.xlsx`);
      workbook(file, rows);
      const mb = statSync(file).size / 1_048_576;
      const cli = await cliImport(file);
      const { result } = cli;
      console.log(`\n${rows.toLocaleString()} rows, .xlsx (${mb.toFixed(1)} MB)`);
      console.log(`  rlm import:  ${cli.importSeconds.toFixed(2)} s import (${Math.round(rows / cli.importSeconds).toLocaleString()} rows/s), peak RSS ${cli.peakRssMb.toFixed(0)} MB (CLI process, import worker included)`);
      console.log(`               imported ${result.imported}, duplicates ${result.duplicates}, rejected ${result.rejected}; rows add up: ${result.rows === result.imported! + result.updated! + result.duplicates! + result.rejected!}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchXlsx(process.argv.slice(2).map(Number).filter((n) => n > 0));
