import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../electron/app/backend';
import { OsKeychain } from '../../electron/core/secrets/secret-store';
import { searchDocument } from '../../electron/core/leads/lead-search';

const N = Number(process.argv[2]) || 300_000;
const dataDir = mkdtempSync(join(tmpdir(), 'rlm-diag-'));
const backend = createBackend({ dataDir, secrets: new OsKeychain('rlm-bench') });
await backend.ctx.searchIndex.stop();
const company = await backend.call('companies:create', { name: 'Bench', ghlLocationId: 'locBench1' });
if (!company.ok) throw new Error('x');
const client = backend.ctx.db.$client;
const insert = client.prepare(`INSERT INTO leads (company_id, first_name, last_name, email, city, phone, country, status, do_not_contact, created_at, updated_at) VALUES (?, ?, ?, ?, 'Austin', ?, 'US', 'new', 0, ?, ?)`);
client.transaction(() => { for (let i = 0; i < N; i++) insert.run(company.value.id, `First${i}`, `Last${i}`, `lead${i}@example.com`, `+1${3_000_000_000 + i}`, i, i); })();
console.log('seeded');
const rows = client.prepare(`SELECT id, first_name AS firstName, last_name AS lastName, email, address1, city, phone FROM leads WHERE id > ? ORDER BY id LIMIT ?`);
const ins = client.prepare('INSERT INTO lead_search (rowid, doc) VALUES (?, ?)');
const merge = client.prepare(`INSERT INTO lead_search (lead_search, rank) VALUES ('merge', 8)`);
const begin = client.prepare('BEGIN IMMEDIATE'), commit = client.prepare('COMMIT');
let wm = 0;
const worst = { insert: [] as number[], merge: [] as number[], commit: [] as number[], total: [] as number[] };
const CH = Number(process.argv[3]) || 170;
while (wm < N) {
  const t0 = performance.now();
  begin.run();
  const rs = rows.all(wm, CH) as any[];
  for (const r of rs) { ins.run(r.id, searchDocument(r)); wm = r.id; }
  const t1 = performance.now();
  merge.run();
  const t2 = performance.now();
  commit.run();
  const t3 = performance.now();
  worst.insert.push(t1 - t0); worst.merge.push(t2 - t1); worst.commit.push(t3 - t2); worst.total.push(t3 - t0);
}
const q = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return `p50 ${s[Math.floor(s.length/2)]!.toFixed(1)} p99 ${s[Math.floor(s.length*0.99)]!.toFixed(1)} max ${s.at(-1)!.toFixed(1)} (>50ms: ${s.filter(x=>x>50).length})`; };
for (const [k, v] of Object.entries(worst)) console.log(k, q(v));
const segs = client.prepare(`SELECT count(*) n FROM lead_search_data`).get();
console.log('chunks', worst.total.length, 'data rows', segs);
await backend.close();
rmSync(dataDir, { recursive: true, force: true });
