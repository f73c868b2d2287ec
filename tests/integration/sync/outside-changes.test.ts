/**
 * The open pages hear of what other connections commit (electron/app/outside-changes.ts). Before, only this
 * process's own writes were announced: leads the sync worker had claimed went back to "waiting" on a pause
 * without a word (the dashboard and the lead list kept "Sending: 3" beside "Paused"), and what another
 * process did (`rlm company set`, `rlm optout add`, `rlm sync`) reached no open page until it was reloaded.
 * Found by a review of stale screens; each test fails on the code before the watcher.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import type { GhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';
import { projectRoot } from '../../helpers/node-process';
import { rlm } from '../../helpers/rlm';
import { addCompany, fastConfig, queueLeads, startSim, SYNC_CLOCK, waitFor } from './world';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a page that refetches on each `data:changed` last read: the lead statuses, the companies, the opt-out list. */
function pageView(backend: Backend) {
  const db = backend.ctx.db.$client;
  const read = () =>
    JSON.stringify({
      leads: db.prepare('SELECT status, count(*) AS n FROM leads GROUP BY status ORDER BY status').all(),
      companies: db.prepare('SELECT name, daily_cap FROM companies ORDER BY id').all(),
      optOuts: db.prepare('SELECT value FROM opt_outs WHERE removed_at IS NULL ORDER BY value').all(),
    });
  const view = { shown: read(), connectivityEvents: 0 };
  // A refetch a moment after the event, as the renderer's coalescing does.
  backend.ctx.events.on('data:changed', () => void sleep(50).then(() => (view.shown = read())));
  backend.ctx.events.on('connectivity', () => view.connectivityEvents++);
  return { view, read };
}

describe('changes made outside this process’s own writes', () => {
  const backends = useBackends();
  let sim: GhlSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('leads a paused sync gives back read "waiting" on the open pages, not "sending"', async () => {
    // Slow answers: requests are in flight when the pause comes, and their leads go back after it.
    sim = await startSim({ latencyMs: 1_500 });
    const backend = backends.open(undefined, SYNC_CLOCK);
    backend.ctx.watchOutsideChanges();
    const companyId = await addCompany(backend, sim, 0);
    const { view, read } = pageView(backend);
    queueLeads(backend.ctx.db.$client, companyId, 9);
    backend.ctx.sync.start({ config: { ...fastConfig, requestTimeoutMs: 10_000 } });
    await waitFor(() => read().includes('syncing'), 5_000);
    await sleep(300);
    backend.ctx.sync.pause();
    await waitFor(() => !read().includes('syncing'), 10_000);
    await waitFor(() => view.shown === read(), 3_000).catch(() => undefined);
    expect(view.shown).toBe(read());
    await backend.ctx.sync.stop();
  }, 40_000);

  it('what another process writes reaches the open pages: a company changed, a number opted out, a sender started', async () => {
    const backend = backends.open();
    backend.ctx.watchOutsideChanges();
    const { view, read } = pageView(backend);
    const dataDir = backend.ctx.dataDir;

    expect((await rlm(dataDir, ['company', 'add', '--name', 'Ridge Roofing', '--location-id', 'locRidgeAAAAAAAAAAAA'])).code).toBe(0);
    await waitFor(() => view.shown === read(), 3_000).catch(() => undefined);
    expect(view.shown).toContain('Ridge Roofing');

    expect((await rlm(dataDir, ['company', 'set', '--company', 'Ridge Roofing', '--daily-cap', '40'])).code).toBe(0);
    await waitFor(() => view.shown === read(), 3_000).catch(() => undefined);
    expect(view.shown).toContain('"daily_cap":40');

    // A key saved by `rlm` lives in the keychain: the Companies page and the dashboard's blocks read it again only when
    // told (they said "no GHL API key is saved" after one was).
    let companiesChanged = 0;
    backend.ctx.events.on('data:changed', (change) => void (change.domain === 'companies' && companiesChanged++));
    expect((await rlm(dataDir, ['company', 'set-key', '--company', 'Ridge Roofing'], 'pit-ridge-token-0000\n')).code).not.toBe(2);
    await waitFor(() => companiesChanged > 0, 3_000).catch(() => undefined);
    expect(companiesChanged).toBeGreaterThan(0);

    expect((await rlm(dataDir, ['optout', 'add', '--phone', '(512) 555-0142'])).code).toBe(0);
    await waitFor(() => view.shown === read(), 3_000).catch(() => undefined);
    expect(view.shown).toContain('+15125550142');

    // `rlm sync` takes the sending over: who sends, and with what connection, is told too.
    const before = view.connectivityEvents;
    const sending = spawn(process.execPath, [join(projectRoot, 'scripts/rlm.cjs'), '--data-dir', dataDir, 'sync'], { cwd: projectRoot, stdio: 'ignore' });
    try {
      await waitFor(() => view.connectivityEvents > before, 10_000).catch(() => undefined);
      expect(view.connectivityEvents).toBeGreaterThan(before);
    } finally {
      const exited = once(sending, 'exit');
      sending.kill('SIGTERM');
      await exited;
    }
  }, 40_000);
});
