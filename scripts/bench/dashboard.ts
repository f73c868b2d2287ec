// `npm run bench:dashboard`: 1M leads across 3 companies and 2M attempt records in a real database
// file; medians of repeated runs for the dashboard totals and one filtered page of leads, beside
// the same questions answered without the maintained aggregates and without the chosen indexes.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './median';
import { openDatabase } from '../../db/open';
import { DashboardService } from '../../electron/core/dashboard/dashboard-service';
import { LeadBrowser } from '../../electron/core/dashboard/lead-browser';

const LEADS = Number(process.argv[2] ?? 1_000_000);
const ATTEMPTS = LEADS * 2;
// A realistic mix: most leads synced, ~2% failed (failures are grouped by reason on the fly).
const statuses = ['new', 'queued', 'synced', 'synced', 'synced', 'synced', 'dnd', 'do-not-contact'];


const dir = mkdtempSync(join(tmpdir(), 'rlm-bench-dash-'));
try {
  const db = openDatabase(join(dir, 'leads.sqlite'));
  const client = db.$client;
  const now = Date.now();
  for (let c = 1; c <= 3; c++) client.prepare('INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(`Company ${c}`, `loc${c}AAAA`, 'https://x', now, now);
  console.log(`seeding ${LEADS.toLocaleString()} leads and ${ATTEMPTS.toLocaleString()} attempts…`);
  const seedStart = performance.now();
  const insertLead = client.prepare(
    'INSERT INTO leads (company_id, first_name, last_name, phone, email, email_key, status, last_error, created_at, updated_at, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAttempt = client.prepare('INSERT INTO sync_attempts (job_id, lead_id, company_id, operation, http_status, duration_ms, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let start = 0; start < LEADS; start += 50_000) {
    client.transaction(() => {
      for (let i = start; i < Math.min(start + 50_000, LEADS); i++) {
        const company = 1 + (i % 3);
        const status = random() < 0.02 ? 'failed' : statuses[Math.floor(random() * statuses.length)]!;
        const created = now - Math.floor(random() * 90 * 86_400_000);
        insertLead.run(company, `First${i}`, `Last${i}`, `+1${String(2_000_000_000 + i)}`, `lead${i}@example.com`, `lead${i}@example.com`, status, status === 'failed' ? 'GHL refused: invalid email' : null, created, created, status === 'synced' ? created : null);
        insertAttempt.run(i + 1, i + 1, company, 'upsert', 200, 150, created);
        insertAttempt.run(i + 1, i + 1, company, 'tags', 201, 140, created);
      }
    })();
  }
  console.log(`seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  client.pragma('optimize');

  const dashboard = new DashboardService(client);
  const browser = new LeadBrowser(client, dir);
  const totals = median(() => dashboard.summary());
  const totalsOne = median(() => dashboard.summary(2));
  const page = median(() => browser.page({ companyId: 2, status: 'failed' }, 'newest', null, 100));
  const deepCursor = browser.page({ companyId: 2 }, 'newest', null, 500).nextCursor;
  const pageDeep = median(() => browser.page({ companyId: 2 }, 'newest', deepCursor, 100));

  // The same questions without the aggregates (GROUP BY over the leads) and without the indexes.
  const plainTotals = median(() => client.prepare('SELECT company_id, status, count(*) FROM leads GROUP BY company_id, status').all(), 5);
  const noIndex = new Database(join(dir, 'leads.sqlite'));
  noIndex.exec('DROP INDEX leads_company_status_idx; DROP INDEX leads_company_created_idx;');
  const plainTotalsNoIndex = median(() => noIndex.prepare('SELECT company_id, status, count(*) FROM leads GROUP BY company_id, status').all(), 3);
  const pageNoIndex = median(
    () => noIndex.prepare("SELECT * FROM leads WHERE company_id = 2 AND status = 'failed' ORDER BY created_at DESC, id DESC LIMIT 101").all(),
    3,
  );
  noIndex.close();

  const row = (name: string, ms: number, base?: number) => console.log(`${name.padEnd(58)} ${ms.toFixed(2).padStart(9)} ms${base ? `   (${(base / ms).toFixed(0)}× faster than the plain query)` : ''}`);
  console.log(`\n${LEADS.toLocaleString()} leads, ${ATTEMPTS.toLocaleString()} attempts, 3 companies — medians`);
  row('dashboard totals, all companies (aggregates)', totals, plainTotalsNoIndex);
  row('dashboard totals, one company (aggregates)', totalsOne);
  row('filtered page: company + failed, newest 100 (indexes)', page, pageNoIndex);
  row('page 6 by keyset cursor (indexes)', pageDeep);
  row('baseline: GROUP BY count with the status index', plainTotals);
  row('baseline: GROUP BY count without indexes', plainTotalsNoIndex);
  row('baseline: filtered page without indexes', pageNoIndex);
  console.log(`target < 50 ms: totals ${totals < 50 ? 'met' : 'MISSED'}, page ${page < 50 ? 'met' : 'MISSED'}`);
  client.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
