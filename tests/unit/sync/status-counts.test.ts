/**
 * `rlm status` / `sync:status` counts leads from the trigger-kept lead_status_counts instead of scanning
 * every lead: after inserts, status changes and deletes in two companies they must equal the scan.
 */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCompanies, useBackends } from '../../helpers/backend';

const scanned = (db: Database.Database, companyId: number) =>
  Object.fromEntries(
    db.prepare<[number], { status: string; n: number }>(`SELECT status, count(*) AS n FROM leads WHERE company_id = ? GROUP BY status`).all(companyId).map((r) => [r.status, r.n]),
  );
const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

describe('sync status lead counts', () => {
  const { open } = useBackends();

  it('equal a scan of the leads per company and in total after inserts, status changes and deletes', async () => {
    const backend = open();
    const db = backend.ctx.db.$client;
    const companies = await createCompanies(backend, ['Alpha', 'Bravo']);
    const insert = db.prepare(`INSERT INTO leads (company_id, first_name, phone, country, status, created_at, updated_at) VALUES (?, 'A', ?, 'US', ?, 1, 1)`);
    const statuses = ['new', 'queued', 'synced', 'failed', 'dnd', 'do-not-contact'] as const;
    for (let i = 0; i < 40; i++) insert.run(companies[i % 2], `+1512555${String(1000 + i)}`, statuses[i % statuses.length]);
    db.prepare(`UPDATE leads SET status = 'synced' WHERE id % 3 = 0 AND status = 'queued'`).run();
    db.prepare(`DELETE FROM leads WHERE id % 7 = 0`).run();

    const status = backend.ctx.sync.status();
    for (const companyId of companies) {
      expect(nonZero(status.companies.find((c) => c.companyId === companyId)!.leads)).toEqual(scanned(db, companyId));
    }
    const total = Object.fromEntries(db.prepare<[], { status: string; n: number }>(`SELECT status, count(*) AS n FROM leads GROUP BY status`).all().map((r) => [r.status, r.n]));
    expect(nonZero(status.total.leads)).toEqual(total);
    expect(nonZero(backend.ctx.sync.status(companies[1]).total.leads)).toEqual(scanned(db, companies[1]!));
  });
});
