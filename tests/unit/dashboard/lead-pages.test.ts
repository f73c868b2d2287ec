/**
 * The lead list's pages at size: newest first, by company, status, both, batch or none of them, each
 * page read through an index in that order and stopped after the page — never every match sorted (that
 * was 300–750 ms on the main thread at a million leads). Same rows, in the same order, as the sort.
 */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { BrowseFilters } from '../../../shared/ipc/dashboard';
import { createCompanies, useBackends } from '../../helpers/backend';
import { median } from '../../../scripts/bench/median';

const LEADS = 60_000;

/**
 * What a page must hold, read the long way: every match sorted by (created_at, id), no index in the way.
 * The app pages by id, the same order: leads get their id and their created_at as they are added.
 */
function sortedPage(db: Database.Database, where: string, params: Record<string, unknown>, limit: number): number[] {
  return db.prepare(`SELECT l.id FROM leads l NOT INDEXED WHERE ${where} ORDER BY l.created_at DESC, l.id DESC LIMIT ?`).pluck().all({ ...params }, limit) as number[];
}

describe('lead list pages', () => {
  const { open } = useBackends();

  it('hold the sorted matches and cost a small part of sorting them, for every filter the pages link to', async () => {
    const backend = open();
    const db = backend.ctx.db.$client;
    const [alpha, bravo] = await createCompanies(backend, ['Alpha', 'Bravo']);
    const batch = Number(db.prepare(`INSERT INTO import_batches (company_id, file_name, state, created_at) VALUES (?, 'old.csv', 'completed', 1)`).run(alpha).lastInsertRowid);
    // An old import of most leads (a few failed), then newer leads of both companies typed in over time.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
       INSERT INTO leads (company_id, batch_id, first_name, phone, country, status, created_at, updated_at)
       SELECT ?, ?, 'Lead', '+1' || (15120000000 + i), 'US', CASE WHEN i % 5000 = 0 THEN 'failed' ELSE 'queued' END, 1000 + i / 100, 1 FROM n`,
    ).run(LEADS, alpha, batch);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 300)
       INSERT INTO leads (company_id, first_name, phone, country, status, created_at, updated_at)
       SELECT CASE WHEN i % 2 = 0 THEN ? ELSE ? END, 'New', '+1' || (17200000000 + i), 'US', 'new', 2000 + i, 1 FROM n`,
    ).run(alpha, bravo);

    const cases: Array<{ filters: BrowseFilters; where: string; params: Record<string, unknown> }> = [
      { filters: {}, where: 'true', params: {} },
      { filters: { status: 'failed' }, where: `l.status = 'failed'`, params: {} },
      { filters: { companyId: alpha, status: 'failed' }, where: `l.company_id = @c AND l.status = 'failed'`, params: { c: alpha } },
      { filters: { companyId: bravo }, where: `l.company_id = @c`, params: { c: bravo } },
      { filters: { batchId: batch }, where: `l.batch_id = @b`, params: { b: batch } },
    ];
    for (const { filters, where, params } of cases) {
      const page = () => backend.ctx.leadBrowser.page(filters, 'newest', null, 100);
      const first = page();
      expect(first.rows.map((r) => r.id), JSON.stringify(filters)).toEqual(sortedPage(db, where, params, 100));
      // The next page continues exactly where the first stopped.
      if (first.nextCursor) {
        const second = backend.ctx.leadBrowser.page(filters, 'newest', first.nextCursor, 100);
        expect([...first.rows, ...second.rows].map((r) => r.id), JSON.stringify(filters)).toEqual(sortedPage(db, where, params, 200));
      }
      const sorting = median(() => sortedPage(db, where, params, 101), 5);
      const paging = median(page, 5);
      expect(paging, `${JSON.stringify(filters)}: page ${paging.toFixed(2)} ms, sort ${sorting.toFixed(2)} ms`).toBeLessThan(sorting / 5);
    }
  });
});
