import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leadStatuses } from '../../../shared/lead';
import type { LeadRow } from '../../../shared/ipc/dashboard';
import type { Result } from '../../../shared/ipc/result';
import { useBackends } from '../../helpers/backend';

/** Seeds leads with plain SQL (so the aggregates are exercised by the triggers, not by app code). */
function seed(client: import('better-sqlite3').Database, companyId: number, count: number, seedValue: number) {
  let x = seedValue;
  const random = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const insert = client.prepare(
    `INSERT INTO leads (company_id, first_name, last_name, phone, email, email_key, status, tag, last_error, created_at, updated_at, synced_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  client.transaction(() => {
    for (let i = 0; i < count; i++) {
      const status = leadStatuses[Math.floor(random() * leadStatuses.length)]!;
      const created = 1_700_000_000_000 + Math.floor(random() * 1000) * 1000;
      const email = `p${companyId}-${i}@example.com`;
      insert.run(companyId, `First${i}`, i % 7 === 0 ? 'Muñoz' : `Last${i}`, `+1512555${String(companyId * 1000 + i).padStart(4, '0')}`, email, email,
        status, i % 2 ? 'reactivation-2026-11' : 'spring', status === 'failed' ? (i % 3 ? 'Invalid phone' : 'GHL refused: bad email') : null, created, created, null);
    }
  })();
}

describe('dashboard aggregates and lead browser', () => {
  const { open } = useBackends();

  async function setup() {
    const backend = open();
    const a = (await backend.call('companies:create', { name: 'A Roofing', ghlLocationId: 'locAAAA1' })) as { value: { id: number } };
    const b = (await backend.call('companies:create', { name: 'B Roofing', ghlLocationId: 'locBBBB1' })) as { value: { id: number } };
    seed(backend.ctx.db.$client, a.value.id, 600, 7);
    seed(backend.ctx.db.$client, b.value.id, 400, 11);
    return { backend, a: a.value.id, b: b.value.id };
  }

  const independentCounts = (client: import('better-sqlite3').Database, companyId?: number) => {
    const rows = client
      .prepare('SELECT status, count(*) AS n FROM leads WHERE (? IS NULL OR company_id = ?) GROUP BY status')
      .all(companyId ?? null, companyId ?? null) as Array<{ status: string; n: number }>;
    return Object.fromEntries(leadStatuses.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0]));
  };

  it('status counts equal counts computed from the rows, through inserts, updates and deletes', async () => {
    const { backend, a } = await setup();
    const client = backend.ctx.db.$client;
    client.prepare("UPDATE leads SET status = 'synced', synced_at = ? WHERE id % 5 = 0").run(Date.now());
    // Leads that reached GHL today stay in the chart even if deleted locally afterwards.
    const syncedToday = (client.prepare("SELECT count(*) AS n FROM leads WHERE status = 'synced'").get() as { n: number }).n;
    client.prepare('DELETE FROM leads WHERE id % 11 = 0').run();
    client.prepare("UPDATE leads SET status = 'queued' WHERE id % 13 = 0 AND status = 'failed'").run();
    const summary = await backend.call('dashboard:summary', undefined);
    if (!summary.ok) throw new Error(summary.error.message);
    expect(summary.value.totals).toEqual(independentCounts(client));
    expect(summary.value.companies.find((c) => c.companyId === a)!.counts).toEqual(independentCounts(client, a));
    expect(summary.value.syncedToday).toBe(syncedToday);
    const failed = (client.prepare("SELECT count(*) AS n FROM leads WHERE status = 'failed'").get() as { n: number }).n;
    expect(summary.value.failedReasons.reduce((sum, r) => sum + r.count, 0)).toBe(failed);
  });

  it('pages with a keyset cursor through exactly the filtered rows, newest first', async () => {
    const { backend, a } = await setup();
    const client = backend.ctx.db.$client;
    // Newest first is last added first: the id order (the app sets created_at as it adds a lead; this
    // seed scatters it, so the order cannot come from it by accident).
    const expected = (client.prepare("SELECT id FROM leads WHERE company_id = ? AND status = 'queued' ORDER BY id DESC").all(a) as Array<{ id: number }>).map((r) => r.id);
    const seen: number[] = [];
    let cursor: { createdAt: number; id: number } | null = null;
    do {
      const page: Result<{ rows: LeadRow[]; nextCursor: { createdAt: number; id: number } | null }> = await backend.call('leads:page', { filters: { companyId: a, status: 'queued' }, sort: 'newest', cursor, limit: 17 });
      if (!page.ok) throw new Error(page.error.message);
      seen.push(...page.value.rows.map((r: LeadRow) => r.id));
      cursor = page.value.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(expected.length).toBeGreaterThan(17);
  });

  it('searches by phone in any format, email prefix and name', async () => {
    const { backend, a } = await setup();
    const search = async (text: string) => {
      const page = await backend.call('leads:page', { filters: { search: text }, limit: 500 });
      if (!page.ok) throw new Error(page.error.message);
      return page.value.rows;
    };
    const phone = `+1512555${String(a * 1000 + 42).padStart(4, '0')}`;
    expect((await search(`(512) 555-${phone.slice(-4)}`)).map((r) => r.phone)).toEqual([phone]);
    expect((await search(`p${a}-42@`)).map((r) => r.email)).toEqual([`p${a}-42@example.com`]);
    const munoz = await search('muñoz');
    expect(munoz.length).toBe((backend.ctx.db.$client.prepare("SELECT count(*) AS n FROM leads WHERE last_name = 'Muñoz'").get() as { n: number }).n);
  });

  it('exports the filtered view as a formula-safe CSV', async () => {
    const { backend, a } = await setup();
    backend.ctx.db.$client.prepare("UPDATE leads SET first_name = '=HYPERLINK(\"x\")' WHERE id = (SELECT min(id) FROM leads WHERE company_id = ? AND status = 'failed')").run(a);
    const result = await backend.call('leads:export', { filters: { companyId: a, status: 'failed' } });
    if (!result.ok) throw new Error(result.error.message);
    const text = readFileSync(result.value.path, 'utf8');
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(result.value.rows + 1);
    expect(result.value.rows).toBe(independentCounts(backend.ctx.db.$client, a).failed);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('exports a view larger than one batch completely, while the connection keeps answering', async () => {
    const backend = open();
    const company = (await backend.call('companies:create', { name: 'Big Roofing', ghlLocationId: 'locBig01' })) as { value: { id: number } };
    seed(backend.ctx.db.$client, company.value.id, 12_000, 3);
    const exporting = backend.call('leads:export', { filters: { companyId: company.value.id } });
    // Other calls are served while the export streams (no statement held open across awaits).
    await expect(backend.call('dashboard:summary', undefined)).resolves.toMatchObject({ ok: true });
    const result = await exporting;
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.rows).toBe(12_000);
    const lines = readFileSync(result.value.path, 'utf8').trim().split('\r\n');
    expect(new Set(lines.slice(1)).size).toBe(12_000);
  });
});
