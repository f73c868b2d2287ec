import { describe, expect, it } from 'vitest';
import { foldForSearch, LeadSearchIndexer, searchTerms } from '../../../electron/core/leads/lead-search';
import { useBackends } from '../../helpers/backend';

const people = [
  { firstName: 'José', lastName: 'Peña', phone: '(512) 555-0142', email: 'jose.pena@gmail.com', address1: '100 Oak Street', city: 'Austin' },
  { firstName: 'John', lastName: 'Smith', phone: '(512) 555-0199', email: 'jsmith@roofmail.com', address1: '7 Elm Ave', city: 'Round Rock' },
  { firstName: 'Mary', lastName: 'Johnson', phone: '(737) 555-0101', email: 'mary@example.com', address1: '12 Pine Rd', city: 'Austin' },
];

describe('lead search', () => {
  const { open } = useBackends();

  it('folds accents and case, and reads numbers by their digits', () => {
    expect(foldForSearch('Peña ÉLAN')).toBe('pena elan');
    expect(searchTerms('  Smith  (512) 555-0142 jo ')).toEqual({ indexed: ['smith', '512', '5550142'], short: ['jo'] });
  });

  async function world() {
    const backend = open();
    const company = await backend.call('companies:create', { name: 'Search Roofing', ghlLocationId: 'locSearch1' });
    if (!company.ok) throw new Error(company.error.message);
    for (const p of people) {
      const created = await backend.call('leads:create', { companyId: company.value.id, ...p, doNotContact: true });
      if (!created.ok) throw new Error(created.error.message);
    }
    const names = async (search: string) => {
      const page = await backend.call('leads:page', { filters: { search }, sort: 'newest', limit: 50 });
      if (!page.ok) throw new Error(page.error.message);
      return page.value.rows.map((r) => r.lastName).sort();
    };
    return { backend, names };
  }

  const cases: Array<[string, string[]]> = [
    ['jose', ['Peña']],
    ['pena', ['Peña']],
    ['PEÑA', ['Peña']],
    ['smith john', ['Smith']],
    ['john', ['Johnson', 'Smith']],
    ['gmail', ['Peña']],
    ['roofmail', ['Smith']],
    ['555-0142', ['Peña']],
    ['5125550199', ['Smith']],
    ['austin', ['Johnson', 'Peña']],
    ['oak st', ['Peña']],
    ['round rock', ['Smith']],
    ['nobody-here', []],
  ];

  it('finds people by any part of name, email, phone, street or city, in any order, before and after indexing', async () => {
    const { backend, names } = await world();
    backend.ctx.searchIndex.stop();
    for (const [search, expected] of cases) expect(await names(search), `not indexed: ${search}`).toEqual(expected);
    backend.ctx.searchIndex.catchUp();
    for (const [search, expected] of cases) expect(await names(search), `indexed: ${search}`).toEqual(expected);
  });

  it('pages through many matches in order, across the indexed part and the part not indexed yet', async () => {
    const backend = open();
    const company = await backend.call('companies:create', { name: 'Many Roofing', ghlLocationId: 'locMany1' });
    if (!company.ok) throw new Error(company.error.message);
    backend.ctx.searchIndex.stop();
    const client = backend.ctx.db.$client;
    const insert = client.prepare(`INSERT INTO leads (company_id, first_name, last_name, phone, country, status, do_not_contact, created_at, updated_at) VALUES (?, ?, ?, ?, 'US', 'new', 0, ?, ?)`);
    client.transaction(() => {
      for (let i = 0; i < 1_300; i++) insert.run(company.value.id, i % 2 ? 'Zoë' : 'Ann', `Family${i}`, `+1512555${String(1000 + i).padStart(4, '0')}`, i, i);
    })();
    // Index the older half; the rest is "just imported".
    const indexer = new LeadSearchIndexer(client);
    for (let n = 0; n < 700; ) n += indexer.indexChunk(100);
    client.prepare(`UPDATE leads SET first_name = 'Ann' WHERE last_name = 'Family101'`).run();
    for (const sort of ['newest', 'oldest'] as const) {
      const seen: number[] = [];
      let cursor: { createdAt: number; id: number } | null = null;
      for (let guard = 0; guard < 50; guard++) {
        const page: Awaited<ReturnType<typeof backend.call<'leads:page'>>> = await backend.call('leads:page', { filters: { search: 'zoe' }, sort, cursor, limit: 100 });
        if (!page.ok) throw new Error(page.error.message);
        seen.push(...page.value.rows.map((r) => Number(r.lastName!.slice(6))));
        cursor = page.value.nextCursor;
        if (!cursor) break;
      }
      const expected = Array.from({ length: 1_300 }, (_, i) => i).filter((i) => i % 2 === 1 && i !== 101);
      expect(seen).toEqual(sort === 'newest' ? expected.reverse() : expected);
    }
  });

  it('follows edits and deletes of indexed leads', async () => {
    const { backend, names } = await world();
    backend.ctx.searchIndex.stop();
    backend.ctx.searchIndex.catchUp();
    backend.ctx.db.$client.prepare(`UPDATE leads SET last_name = 'Pennington', email = 'jp@example.com' WHERE last_name = 'Peña'`).run();
    expect(await names('pena')).toEqual([]);
    expect(await names('pennington')).toEqual(['Pennington']);
    backend.ctx.searchIndex.catchUp();
    expect(await names('pena')).toEqual([]);
    expect(await names('pennington')).toEqual(['Pennington']);
    backend.ctx.db.$client.prepare(`DELETE FROM leads WHERE last_name = 'Smith'`).run();
    backend.ctx.searchIndex.catchUp();
    expect(await names('smith')).toEqual([]);
    expect(backend.ctx.db.$client.prepare('SELECT count(*) AS n FROM lead_search_dirty').get()).toEqual({ n: 0 });
  });
});
