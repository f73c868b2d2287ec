// The Leads page's audience choices (`audiences:options`) at 1M leads with an old CRM record: the
// loose index scans over the partial (company_id, column) indexes of migration 0014, against a
// GROUP BY with counts over the same indexes, and that GROUP BY with the indexes dropped (a scan of
// the company's rows). Median of repeated runs.
// `npx tsx scripts/bench/audience-options.ts [LEADS]`
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './median';
import { openDatabase } from '../../db/open';
import { audienceOptions } from '../../electron/core/audiences/audience-options';

const LEADS = Number(process.argv[2] ?? 1_000_000);
const statuses = ['Lost Estimate', 'Closed Won', 'lost estimate', 'Inspection', 'No Answer', 'Estimate Sent', 'Cancelled'];
const jobTypes = ['Roof replacement', 'Repair', 'Gutters', 'Siding', 'Insurance claim'];
const tags = ['storm', 'VIP', 'hail 2019', 'referral', 'door knock', 'insurance'];

const dir = mkdtempSync(join(tmpdir(), 'rlm-bench-audience-'));
try {
  const db = openDatabase(join(dir, 'leads.sqlite'));
  const client = db.$client;
  const now = Date.now();
  client.prepare('INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run('Company', 'locAAAA', 'https://x', now, now);
  console.log(`seeding ${LEADS.toLocaleString()} leads…`);
  const insert = client.prepare(
    'INSERT INTO leads (company_id, first_name, phone, crm_status, job_type, crm_tags, status, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (let start = 0; start < LEADS; start += 50_000) {
    client.transaction(() => {
      for (let i = start; i < Math.min(start + 50_000, LEADS); i++) {
        const leadTags = i % 4 === 0 ? null : [tags[i % 6], tags[(i * 5) % 6]].filter((t, k, all) => all.indexOf(t) === k).join('; ');
        insert.run('Lead', `+1${String(2_000_000_000 + i)}`, statuses[i % 7], i % 10 === 0 ? null : jobTypes[i % 5], leadTags, 'new', now, now);
      }
    })();
  }
  client.exec('ANALYZE');
  const options = audienceOptions(client, 1);
  console.log(`choices: ${options.statuses.length} statuses, ${options.jobTypes.length} job types, ${options.tags.length} tags`);
  const indexed = median(() => audienceOptions(client, 1), 7);
  console.log(`audiences:options (loose index scans): ${indexed.toFixed(2)} ms`);
  const groupBy = () =>
    client.transaction(() => {
      for (const column of ['crm_status', 'job_type', 'crm_tags'])
        client.prepare(`SELECT ${column} AS value, count(*) AS n FROM leads WHERE company_id = 1 AND ${column} IS NOT NULL GROUP BY ${column}`).all();
    }).deferred();
  const grouped = median(groupBy, 7);
  console.log(`with counts (GROUP BY over the indexes): ${grouped.toFixed(1)} ms`);
  // Without them: the same reads, INDEXED BY replaced by a plain scan of the company's rows.
  for (const column of ['crm_status', 'job_type', 'crm_tags']) client.exec(`DROP INDEX leads_company_${column}_idx`);
  const scanned = median(groupBy, 7);
  console.log(`with counts, indexes dropped (table scan): ${scanned.toFixed(1)} ms`);
  db.$client.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
