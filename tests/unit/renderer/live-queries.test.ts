import { InfiniteQueryObserver, QueryObserver, type QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import { buildApi, channelNames, type Api } from '../../../shared/ipc/contract';
import { connectLiveQueries } from '../../../renderer/src/lib/live-queries';
import { createQueryClient } from '../../../renderer/src/lib/query-client';
import { useBackends } from '../../helpers/backend';

/**
 * The renderer's query layer against a real backend: the same `buildApi` the preloads use, over the
 * real IPC dispatcher and the real event bus, on a real SQLite file. Counts every channel call.
 */
function renderer(backend: Backend) {
  const calls: Array<{ channel: string; input: unknown }> = [];
  const api: Api = buildApi(
    channelNames,
    (channel, input) => {
      calls.push({ channel, input });
      return backend.dispatch(channel, input);
    },
    (event, listener) => backend.ctx.events.onAny((name, payload) => name === event && listener(payload)),
    { handleFor: () => Promise.reject(new Error('no files in this test')), choose: () => Promise.resolve(null), saveCopy: () => Promise.resolve('saved' as const) },
  );
  const client = createQueryClient();
  // A wide window: the machine running the tests is shared and slow; what matters is that a burst is one reload.
  const stop = connectLiveQueries(client, api.on, 400);
  cleanups.push(() => {
    stop();
    client.clear();
  });
  const count = (channel: string) => calls.filter((call) => call.channel === channel).length;
  return { api, client, calls, count };
}

/** queries.ts reads `window.api` when it loads, as in the renderer. */
async function loadQueries(api: Api) {
  vi.stubGlobal('window', { api });
  vi.resetModules();
  return import('../../../renderer/src/lib/queries');
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.unstubAllGlobals();
});

/** Subscribes like a mounted component does: the query is active, so invalidation refetches it. */
function mounted<T extends { subscribe(listener: () => void): () => void }>(observer: T): T {
  cleanups.push(observer.subscribe(() => {}));
  return observer;
}

const idle = (client: QueryClient) => vi.waitFor(() => expect(client.isFetching()).toBe(0), { timeout: 10_000 });

function seedLeads(backend: Backend, companyId: number, count: number) {
  const insert = backend.ctx.db.$client.prepare(
    `INSERT INTO leads (company_id, first_name, phone, status, created_at, updated_at) VALUES (?, ?, ?, 'new', ?, ?)`,
  );
  backend.ctx.db.$client.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(companyId, `Seeded${i}`, `+1512555${String(i).padStart(4, '0')}`, 1_700_000_000_000 + i, 1_700_000_000_000 + i);
  })();
}

describe('renderer queries kept fresh by main events', () => {
  const { open } = useBackends();

  async function setup() {
    const backend = open();
    const company = await backend.call('companies:create', { name: 'Summit Roofing', ghlLocationId: 'locSUMMIT1' });
    if (!company.ok) throw new Error(company.error.message);
    const view = renderer(backend);
    return { backend, companyId: company.value.id, ...view, queries: await loadQueries(view.api) };
  }

  it('a burst of lead changes reloads the dashboard once, from one key, and leaves the company list alone', async () => {
    const { backend, client, count, companyId, queries } = await setup();
    const overview = mounted(new QueryObserver(client, queries.dashboardOverviewQuery(null)));
    mounted(new QueryObserver(client, queries.companiesQuery()));
    await idle(client);
    expect(count('dashboard:overview')).toBe(1);
    expect(count('companies:list')).toBe(1);

    for (const phone of ['(512) 555-0101', '(512) 555-0102', '(512) 555-0103']) {
      const lead = await backend.call('leads:create', { companyId, firstName: 'Ann', phone });
      if (!lead.ok) throw new Error(lead.error.message);
    }
    await vi.waitFor(() => expect(Object.values(overview.getCurrentResult().data?.totals ?? {}).reduce((a, b) => a + b, 0)).toBe(3), { timeout: 10_000 });
    await idle(client);
    const { totals, waiting, companies } = overview.getCurrentResult().data!;
    // The cards, "Sending to GHL" and the companies table count the same leads: one read in main.
    expect(waiting).toBe(totals.queued + totals.syncing);
    expect(companies[0]!.counts).toEqual(totals);
    expect(count('dashboard:overview')).toBe(2);
    expect(count('companies:list')).toBe(1);
  });

  it('a lead list scrolled through three pages reloads in one request for as many rows, then pages on from there', async () => {
    const { backend, client, calls, count, companyId, queries } = await setup();
    seedLeads(backend, companyId, 350);
    const list = mounted(new InfiniteQueryObserver(client, queries.leadPagesQuery({}, 'newest')));
    await idle(client);
    await list.fetchNextPage();
    await list.fetchNextPage();
    expect(list.getCurrentResult().data?.pages.flatMap((page) => page.rows)).toHaveLength(300);
    expect(count('leads:page')).toBe(3);

    const added = await backend.call('leads:create', { companyId, firstName: 'Newest', phone: '(512) 555-0999' });
    if (!added.ok) throw new Error(added.error.message);
    await vi.waitFor(() => expect(list.getCurrentResult().data?.pages[0]?.rows[0]?.id).toBe(added.value.id), { timeout: 10_000 });
    await idle(client);
    expect(count('leads:page')).toBe(4);
    expect(calls.at(-1)?.input).toMatchObject({ cursor: null, limit: 300 });
    const reloaded = list.getCurrentResult().data!;
    expect(reloaded.pages).toHaveLength(1);
    expect(reloaded.pages[0]!.rows).toHaveLength(300);

    await list.fetchNextPage();
    const lastShown = reloaded.pages[0]!.rows.at(-1)!;
    expect(calls.at(-1)?.input).toMatchObject({ cursor: { createdAt: lastShown.createdAt, id: lastShown.id }, limit: 100 });
    const rows = list.getCurrentResult().data!.pages.flatMap((page) => page.rows);
    expect(rows).toHaveLength(351);
    expect(new Set(rows.map((row) => row.id)).size).toBe(351);
    expect(list.getCurrentResult().hasNextPage).toBe(false);
  });

  it('connectivity events carry the state; a finished import and a runner changing state refresh what shows them', async () => {
    const { backend, client, count, queries } = await setup();
    const connectivity = mounted(new QueryObserver(client, queries.connectivityQuery()));
    mounted(new QueryObserver(client, queries.dashboardOverviewQuery(null)));
    await idle(client);
    expect(connectivity.getCurrentResult().data?.state).toBe('unknown');
    const overviewReads = count('dashboard:overview');

    backend.ctx.events.emit('connectivity', { state: 'offline', lastSuccessAt: 1_700_000_000_000 });
    expect(connectivity.getCurrentResult().data).toEqual({ state: 'offline', lastSuccessAt: 1_700_000_000_000 });

    const progress = { synced: 0, failed: 0, pending: 0, leadsPerMinute: 0, companies: [], storageTrouble: null };
    backend.ctx.events.emit('sync:progress', { ...progress, state: 'running' });
    backend.ctx.events.emit('sync:progress', { ...progress, state: 'running' });
    backend.ctx.events.emit('sync:progress', { ...progress, state: 'idle' });
    // In the same burst: a sync change marks the dashboard stale too, and it is still one read, not a second cancelling the first.
    backend.ctx.events.emit('data:changed', { domain: 'sync', companyId: null });
    await vi.waitFor(() => expect(count('dashboard:overview')).toBe(overviewReads + 1), { timeout: 10_000 });
    await idle(client);
    // Connectivity is not read again: the event is newer than any read.
    expect(connectivity.getCurrentResult().data?.state).toBe('offline');
    expect(count('dashboard:overview')).toBe(overviewReads + 1);
    expect(count('sync:connectivity')).toBe(1);

    const batchReads = () => count('imports:get');
    mounted(new QueryObserver(client, { ...queries.importQuery(1), retry: false }));
    await idle(client);
    const before = batchReads();
    backend.ctx.events.emit('import:progress', { batchId: 1, processedRows: 5, totalBytes: 10, processedBytes: 5, rowsPerSecond: 1, etaSeconds: 5, state: 'running' });
    backend.ctx.events.emit('import:progress', { batchId: 1, processedRows: 9, totalBytes: 10, processedBytes: 10, rowsPerSecond: 1, etaSeconds: 0, state: 'completed' });
    await vi.waitFor(() => expect(batchReads()).toBe(before + 1), { timeout: 10_000 });

    // Sending starting to fail its writes (a full disk) changes no state and no count: the card must say it all the same.
    const overviewBefore = count('dashboard:overview');
    backend.ctx.events.emit('sync:progress', { ...progress, state: 'idle', storageTrouble: 'disk-full' });
    await vi.waitFor(() => expect(count('dashboard:overview')).toBe(overviewBefore + 1), { timeout: 10_000 });
  });

  // Import history counts each file's leads still waiting; its Stop sending offers to hold them back.
  it('a sync change reloads an open import history (its waiting counts move as leads go)', async () => {
    const { backend, client, count, queries } = await setup();
    mounted(new QueryObserver(client, queries.importsListQuery()));
    await idle(client);
    const before = count('imports:list');
    backend.ctx.events.emit('data:changed', { domain: 'sync', companyId: null });
    await vi.waitFor(() => expect(count('imports:list')).toBe(before + 1), { timeout: 10_000 });
  });

  // The banner is on every page: sync:status would count every lead and job for it (~107 ms of the
  // main thread at a million of each, and seconds from a cold disk at start-up).
  it('the connectivity banner reads connectivity alone, not the sync status and its counts', async () => {
    const { backend, client, count, queries } = await setup();
    const connectivity = mounted(new QueryObserver(client, queries.connectivityQuery()));
    await idle(client);
    expect(connectivity.getCurrentResult().data).toEqual(backend.ctx.sync.status().connectivity);
    expect(count('sync:connectivity')).toBe(1);
    expect(count('sync:status')).toBe(0);
  });

  it('main’s errors-as-data become query errors with their code and wording', async () => {
    const { client, queries } = await setup();
    const lead = mounted(new QueryObserver(client, queries.leadQuery(987_654)));
    await idle(client);
    const { error } = lead.getCurrentResult();
    expect(error?.code).toBe('not-found');
    expect(error?.message).toMatch(/lead/i);
  });
});
