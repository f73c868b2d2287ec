// `npm run bench:search`: lead search at 1M leads (issue: "under 50 ms for a page at 1M leads").
// Realistic names (accents included), emails, streets and cities; medians of repeated runs for one
// page of results, fully indexed and with the last 10k leads not indexed yet (right after an
// import), beside the simplest way: a LIKE '%term%' scan over the columns.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './median';
import { openDatabase } from '../../db/open';
import { LeadBrowser } from '../../electron/core/dashboard/lead-browser';
import { LeadSearchIndexer } from '../../electron/core/leads/lead-search';

const LEADS = Number(process.argv[2] ?? 1_000_000);
const first = ['José', 'John', 'Mary', 'Ann', 'Robert', 'Linda', 'Michael', 'Patricia', 'David', 'Jennifer', 'Chloé', 'Zoë'];
const last = ['Peña', 'Smith', 'Johnson', 'Lee', 'Brown', 'García', 'Miller', 'Davis', 'Martínez', 'Wilson', 'Anderson', 'Taylor'];
const streets = ['Oak St', 'Elm Ave', 'Pine Rd', 'Maple Dr', 'Cedar Ln', 'Main St', 'Hill Ct', 'Lake Blvd'];
const cities = ['Austin', 'Round Rock', 'Cedar Park', 'Georgetown', 'Pflugerville', 'Leander', 'Kyle', 'Buda'];


const dir = mkdtempSync(join(tmpdir(), 'rlm-bench-search-'));
try {
  const db = openDatabase(join(dir, 'leads.sqlite'));
  const client = db.$client;
  const now = Date.now();
  client.prepare('INSERT INTO companies (name, ghl_location_id, ghl_base_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run('Company', 'locAAAA', 'https://x', now, now);
  console.log(`seeding ${LEADS.toLocaleString()} leads…`);
  const insert = client.prepare(
    'INSERT INTO leads (company_id, first_name, last_name, phone, email, email_key, address1, city, status, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (let start = 0; start < LEADS; start += 50_000) {
    client.transaction(() => {
      for (let i = start; i < Math.min(start + 50_000, LEADS); i++) {
        const email = `${first[i % 12]!.toLowerCase()}.${i}@${i % 3 === 0 ? 'gmail.com' : 'example.com'}`;
        const created = now - (LEADS - i) * 1_000;
        insert.run(first[i % 12], last[(i * 7) % 12], `+1${String(2_000_000_000 + i)}`, email, email, `${(i % 9_000) + 100} ${streets[i % 8]}`, cities[(i * 3) % 8], 'synced', created, created);
      }
    })();
  }
  const indexer = new LeadSearchIndexer(client);
  const indexStart = performance.now();
  // Index all but the newest 10k: the state right after an import, before the index caught up.
  for (let done = 0; done < LEADS - 10_000; ) done += indexer.indexChunk(Math.min(5_000, LEADS - 10_000 - done));
  const indexMs = performance.now() - indexStart;
  console.log(`indexing: ${Math.round(((LEADS - 10_000) / indexMs) * 1000).toLocaleString()} leads/s (${(indexMs / (LEADS - 10_000) * 1000).toFixed(1)} µs a lead)`);

  const browser = new LeadBrowser(client, dir);
  const queries = ['pena', 'smith john', 'gmail', 'oak st austin', '5550142', 'zzzz-nobody', `${2_000_000_000 + LEADS - 5}`];
  const run = (label: string) => {
    for (const search of queries) {
      let rows = 0;
      const ms = median(() => (rows = browser.page({ search }, 'newest', null, 100).rows.length));
      console.log(`  ${label.padEnd(22)} "${search}": ${ms.toFixed(1)} ms (${rows} rows on the page)`);
    }
  };
  console.log('search, one page of 100 (target < 50 ms):');
  run('newest 10k unindexed');
  while (indexer.indexChunk(5_000) > 0);
  run('fully indexed');

  console.log('baseline, LIKE scan over the columns (the simplest way):');
  for (const term of ['pena', 'zzzz-nobody']) {
    const like = client.prepare(
      `SELECT id FROM leads WHERE first_name LIKE @t OR last_name LIKE @t OR email LIKE @t OR address1 LIKE @t OR city LIKE @t OR phone LIKE @t ORDER BY created_at DESC LIMIT 100`,
    );
    const ms = median(() => like.all({ t: `%${term}%` }));
    console.log(`  LIKE "%${term}%": ${ms.toFixed(1)} ms (accents not folded: "pena" misses "Peña")`);
  }
  db.$client.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
