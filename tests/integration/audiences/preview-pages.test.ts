/**
 * An audience's counts on a big company: read in pages with the event loop free between them (one
 * query over a million leads held the main thread ~400 ms at every change of the filters), and the
 * same numbers as one count over the company.
 */
import { describe, expect, it } from 'vitest';
import { useBackends } from '../../helpers/backend';

const LEADS = 50_000;

describe('audience preview on a big company', () => {
  const { open } = useBackends();

  it('counts like one query over the company, in pages with the event loop turning between them', async () => {
    const backend = open();
    const db = backend.ctx.db.$client;
    const created = await backend.call('companies:create', { name: 'Summit Roofing', ghlLocationId: 'locSummit1' });
    if (!created.ok) throw new Error(created.error.message);
    const companyId = created.value.id;
    const statuses = `CASE i % 6 WHEN 0 THEN 'new' WHEN 1 THEN 'queued' WHEN 2 THEN 'synced' WHEN 3 THEN 'failed' WHEN 4 THEN 'dnd' ELSE 'new' END`;
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
       INSERT INTO leads (company_id, first_name, phone, country, status, do_not_contact, crm_status, created_at, updated_at)
       SELECT ?, 'Lead', '+1' || (15120000000 + i), 'US', ${statuses}, i % 17 = 0, CASE WHEN i % 3 = 0 THEN 'Lost Estimate' ELSE 'Closed Won' END, 1, 1 FROM n`,
    ).run(LEADS, companyId);
    const oneQuery = (where: string) =>
      db
        .prepare(
          `SELECT count(*) AS matched, coalesce(sum(status = 'new' AND do_not_contact = 0), 0) AS queued,
                  coalesce(sum(status IN ('queued', 'syncing') AND do_not_contact = 0), 0) AS alreadyQueued,
                  coalesce(sum(status = 'failed' AND do_not_contact = 0), 0) AS failed,
                  coalesce(sum(status = 'synced'), 0) AS alreadySent, coalesce(sum(do_not_contact = 1 OR status IN ('do-not-contact', 'dnd')), 0) AS optedOut
           FROM leads WHERE company_id = ? AND ${where}`,
        )
        .get(companyId);

    let turns = 0;
    let isCounting = true;
    const spin = () => {
      if (!isCounting) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const everyone = await backend.ctx.audiences.preview({ companyId });
    isCounting = false;
    expect(everyone).toEqual(oneQuery('true'));
    expect(everyone.matched).toBe(LEADS);
    // 50k leads in pages of 20k: the loop turned between them (one query: it could not turn at all).
    expect(turns).toBeGreaterThanOrEqual(2);

    const lost = await backend.ctx.audiences.preview({ companyId, status: 'Lost Estimate' });
    expect(lost).toEqual(oneQuery(`crm_status = 'Lost Estimate'`));
  });
});
