import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import { foldForSearch, LeadSearchIndexer, searchTerms } from '../../../electron/core/leads/lead-search';
import { useBackends } from '../../helpers/backend';

/** The index's own answer (not the scan of leads not indexed yet): the lead ids it holds for a word. */
const indexHits = (client: Database.Database, word: string) =>
  client.prepare<[string], { id: number }>('SELECT rowid AS id FROM lead_search WHERE lead_search MATCH ? ORDER BY rowid').all(`"${word}"`).map((r) => r.id);
const watermark = (client: Database.Database) => Number(client.prepare<[], { value: string }>(`SELECT value FROM app_meta WHERE key = 'lead-search.indexed-through'`).get()?.value);

const people = [
  { firstName: 'José', lastName: 'Peña', phone: '(512) 555-0142', email: 'jose.pena@gmail.com', address1: '100 Oak Street', city: 'Austin' },
  { firstName: 'John', lastName: 'Smith', phone: '(512) 555-0199', email: 'jsmith@roofmail.com', address1: '7 Elm Ave', city: 'Round Rock' },
  { firstName: 'Mary', lastName: 'Johnson', phone: '(737) 555-0101', email: 'mary@example.com', address1: '12 Pine Rd', city: 'Austin' },
];

describe('lead search', () => {
  const { open, tempDir } = useBackends();

  it('folds accents and case, and reads numbers by their digits', () => {
    expect(foldForSearch('Peña ÉLAN')).toBe('pena elan');
    expect(searchTerms('  Smith  (512) 555-0142 jo ')).toEqual({ indexed: ['smith', '512', '5550142'], short: ['jo'] });
  });

  /** Three people typed in; with `isIndexStopped` the index thread is stopped first, so none of them is indexed. */
  async function world({ isIndexStopped = false } = {}) {
    const backend = open();
    if (isIndexStopped) await backend.ctx.searchIndex.stop();
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
    const { backend, names } = await world({ isIndexStopped: true });
    const client = backend.ctx.db.$client;
    expect(watermark(client)).toBe(0);
    for (const [search, expected] of cases) expect(await names(search), `not indexed: ${search}`).toEqual(expected);
    // Indexed here, on this connection: the thread is stopped (the next test covers the thread).
    const indexer = new LeadSearchIndexer(client);
    while (indexer.indexChunk(5_000) > 0);
    expect(indexHits(client, 'pena')).toHaveLength(1);
    for (const [search, expected] of cases) expect(await names(search), `indexed: ${search}`).toEqual(expected);
  });

  it('pages through many matches in order, across the indexed part and the part not indexed yet', async () => {
    const backend = open();
    const company = await backend.call('companies:create', { name: 'Many Roofing', ghlLocationId: 'locMany1' });
    if (!company.ok) throw new Error(company.error.message);
    await backend.ctx.searchIndex.stop();
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

  it('indexes a lead typed in, in the index thread: the index itself finds it, not the scan', async () => {
    const { backend, names } = await world();
    const client = backend.ctx.db.$client;
    const stats = await backend.ctx.searchIndex.caughtUp();
    const pena = client.prepare<[], { id: number }>(`SELECT id FROM leads WHERE last_name = 'Peña'`).get()!.id;
    expect(watermark(client)).toBeGreaterThanOrEqual(pena);
    expect(indexHits(client, 'pena')).toEqual([pena]);
    expect(stats.indexed).toBeGreaterThanOrEqual(3);
    expect(await names('pena')).toEqual(['Peña']);
    // One more typed in while the thread runs: woken by the save, no restart.
    const created = await backend.call('leads:create', { companyId: client.prepare<[], { id: number }>('SELECT id FROM companies').get()!.id, firstName: 'Zoë', lastName: 'Quigley', phone: '(512) 555-0177' });
    if (!created.ok) throw new Error(created.error.message);
    await backend.ctx.searchIndex.caughtUp();
    expect(indexHits(client, 'quigley')).toEqual([created.value.id]);
  });

  it('follows edits and deletes of indexed leads', async () => {
    const { backend, names } = await world();
    const client = backend.ctx.db.$client;
    await backend.ctx.searchIndex.caughtUp();
    client.prepare(`UPDATE leads SET last_name = 'Pennington', email = 'jp@example.com' WHERE last_name = 'Peña'`).run();
    expect(await names('pena')).toEqual([]);
    expect(await names('pennington')).toEqual(['Pennington']);
    await backend.ctx.searchIndex.caughtUp();
    expect(indexHits(client, 'pennington')).toHaveLength(1);
    expect(indexHits(client, 'pena')).toEqual([]);
    expect(await names('pena')).toEqual([]);
    expect(await names('pennington')).toEqual(['Pennington']);
    client.prepare(`DELETE FROM leads WHERE last_name = 'Smith'`).run();
    await backend.ctx.searchIndex.caughtUp();
    expect(await names('smith')).toEqual([]);
    expect(client.prepare('SELECT count(*) AS n FROM lead_search_dirty').get()).toEqual({ n: 0 });
  });

  it('closing the backend ends the index thread and its connection; a stop mid-catch-up loses nothing', async () => {
    const dataDir = tempDir();
    const first = open(dataDir);
    const company = await first.call('companies:create', { name: 'Stop Roofing', ghlLocationId: 'locStop1' });
    if (!company.ok) throw new Error(company.error.message);
    const client = first.ctx.db.$client;
    const insert = client.prepare(`INSERT INTO leads (company_id, first_name, last_name, phone, country, status, do_not_contact, created_at, updated_at) VALUES (?, 'Ann', ?, ?, 'US', 'new', 0, ?, ?)`);
    client.transaction(() => {
      for (let i = 0; i < 20_000; i++) insert.run(company.value.id, `Family${i}`, `+1737555${String(i).padStart(4, '0')}`, i, i);
    })();
    const last = Number(client.prepare('SELECT max(id) AS id FROM leads').pluck().get());
    // Started, and stopped while it is still far from done (20,000 leads take many 5 ms chunks).
    void first.ctx.searchIndex.caughtUp().catch(() => {});
    expect(first.ctx.searchIndex.isRunning).toBe(true);
    while (watermark(client) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await first.close();
    expect(first.ctx.searchIndex.isRunning).toBe(false);
    // The WAL file goes when the last connection to the database closes: the thread's is closed too.
    expect(existsSync(`${first.ctx.databasePath}-wal`)).toBe(false);
    const closed = new Database(first.ctx.databasePath);
    expect(watermark(closed)).toBeLessThan(last);
    closed.close();

    const second: Backend = open(dataDir);
    await second.ctx.searchIndex.caughtUp();
    expect(watermark(second.ctx.db.$client)).toBe(last);
    expect(indexHits(second.ctx.db.$client, 'family19999')).toEqual([last]);
  });

  it('writes nothing while paused (an online backup restarts at every write of another connection), and goes on after', async () => {
    const backend = open();
    const company = await backend.call('companies:create', { name: 'Pause Roofing', ghlLocationId: 'locPause1' });
    if (!company.ok) throw new Error(company.error.message);
    const client = backend.ctx.db.$client;
    const insert = client.prepare(`INSERT INTO leads (company_id, first_name, last_name, phone, country, status, do_not_contact, created_at, updated_at) VALUES (?, 'Ann', ?, ?, 'US', 'new', 0, ?, ?)`);
    client.transaction(() => {
      for (let i = 0; i < 20_000; i++) insert.run(company.value.id, `Family${i}`, `+1737555${String(i).padStart(4, '0')}`, i, i);
    })();
    const caughtUp = backend.ctx.searchIndex.caughtUp();
    while (watermark(client) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const [atPause, afterPause] = await backend.ctx.searchIndex.pausedWhile(async () => {
      await sleep(100); // the chunk under way when the pause arrived commits
      const before = watermark(client);
      await sleep(500); // ~30 chunks' time when not paused
      return [before, watermark(client)];
    });
    expect(afterPause).toBe(atPause);
    expect(atPause).toBeLessThan(20_000);
    await caughtUp;
    expect(watermark(client)).toBe(Number(client.prepare('SELECT max(id) FROM leads').pluck().get()));
  });

  /** The index thread running, idle, and 100 leads written that it has not been woken for. */
  async function idleIndexAndNewLeads() {
    const backend = open();
    const company = await backend.call('companies:create', { name: 'Turn Roofing', ghlLocationId: 'locTurn1' });
    if (!company.ok) throw new Error(company.error.message);
    const { ctx } = backend;
    const client = ctx.db.$client;
    await ctx.searchIndex.caughtUp();
    const insert = client.prepare(`INSERT INTO leads (company_id, first_name, last_name, phone, country, status, do_not_contact, created_at, updated_at) VALUES (?, 'Ann', ?, ?, 'US', 'new', 0, ?, ?)`);
    client.transaction(() => {
      for (let i = 0; i < 100; i++) insert.run(company.value.id, `Turner${i}`, `+1737556${String(i).padStart(4, '0')}`, i, i);
    })();
    return { ctx, client };
  }

  it("defers its chunks while a main-thread write waits for its turn (at most 250 ms), so a save never sleeps in SQLite behind an index commit", async () => {
    const { ctx, client } = await idleIndexAndNewLeads();
    const before = watermark(client);

    const release = await ctx.writeTurn.take(); // as the IPC dispatcher does before a handler's write
    const caughtUp = ctx.searchIndex.caughtUp(); // wakes the thread: its next chunk waits for the release
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(watermark(client), 'no chunk while the turn is held').toBe(before);
    release();
    await caughtUp;
    expect(watermark(client)).toBe(Number(client.prepare('SELECT max(id) FROM leads').pluck().get()));
  });

  it('waits for a lock another connection holds outside its turn: a save is not held back by the index waiting', async () => {
    const { ctx, client } = await idleIndexAndNewLeads();
    const holder = new Database(ctx.databasePath); // another process' writer, say an `rlm import`
    holder.exec('BEGIN IMMEDIATE');
    try {
      const caughtUp = ctx.searchIndex.caughtUp(); // the thread wants the lock the holder has
      await new Promise((resolve) => setTimeout(resolve, 50));
      const askedAt = performance.now();
      const release = await ctx.writeTurn.take();
      const waitedMs = performance.now() - askedAt;
      release();
      // Asleep in SQLite's busy handler inside its chunk, the index thread held the turn until the
      // holder let go (here the turn's 250 ms bound).
      expect(waitedMs).toBeLessThan(100);
      holder.exec('ROLLBACK');
      await caughtUp;
      expect(watermark(client)).toBe(Number(client.prepare('SELECT max(id) FROM leads').pluck().get()));
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    }
  });
});
