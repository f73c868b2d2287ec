import { afterEach, describe, expect, it } from 'vitest';
import { startGhlSimulator } from '../../../electron/ghl-sandbox/server';
import { useBackends } from '../../helpers/backend';

const LOC = 'locSummitAAAAAAAAAAA';
const TOKEN = 'pit-summit-token-1234567890';
const OTHER_TOKEN = 'pit-other-token-0987654321';

describe('Test connection', () => {
  const { open } = useBackends();
  const sims: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const sim of sims.splice(0)) await sim.close();
  });

  async function setup() {
    const sim = await startGhlSimulator({
      locations: [
        { id: LOC, name: 'Summit Roofing HQ', token: TOKEN, allowDuplicateContact: false },
        { id: 'locOtherBBBBBBBBBBBB', name: 'Other', token: OTHER_TOKEN, allowDuplicateContact: true },
        { id: 'locNoScopeCCCCCCCCCC', name: 'No scope', token: 'pit-noscope-token-555555', allowDuplicateContact: true, scopes: ['contacts.write'] },
      ],
      seed: 1,
    });
    sims.push(sim);
    const backend = open();
    const created = await backend.dispatch('companies:create', { name: 'Summit', ghlLocationId: LOC, ghlBaseUrl: sim.url });
    const id = (created as { value: { id: number } }).value.id;
    return { sim, backend, id };
  }

  it('reports each outcome in plain language', async () => {
    const { sim, backend, id } = await setup();
    const test = () => backend.dispatch('companies:testConnection', { id });

    await expect(test()).resolves.toMatchObject({ ok: true, value: { ok: false, errorKind: 'no-key', message: /No API key/ } });

    await backend.dispatch('companies:setKey', { id, apiKey: TOKEN });
    await expect(test()).resolves.toMatchObject({
      ok: true,
      value: { ok: true, locationName: 'Summit Roofing HQ', allowDuplicateContact: false, message: /Connected to "Summit Roofing HQ"/ },
    });

    await backend.dispatch('companies:setKey', { id, apiKey: 'pit-wrong-key-000000000' });
    await expect(test()).resolves.toMatchObject({ ok: true, value: { ok: false, errorKind: 'wrong-key', message: /rejected/ } });

    await backend.dispatch('companies:setKey', { id, apiKey: OTHER_TOKEN });
    await expect(test()).resolves.toMatchObject({ ok: true, value: { ok: false, errorKind: 'other-location', message: /another GHL location/ } });

    await backend.dispatch('companies:setKey', { id, apiKey: TOKEN });
    await sim.setOffline(true);
    await expect(test()).resolves.toMatchObject({ ok: true, value: { ok: false, errorKind: 'offline', message: /internet connection/ } });
    await sim.setOffline(false);
    await expect(test()).resolves.toMatchObject({ ok: true, value: { ok: true } });
    // The key never appears in what the UI receives.
    expect(JSON.stringify(await test())).not.toContain(TOKEN);
  });

  // GHL's answer is recorded: a refused key blocks the company at once (it read "Key set" until the sync
  // found out), an accepted one lifts such a block (a refusal the sync met during a GHL hiccup), and "could
  // not ask" (offline) changes nothing.
  it('records GHL’s word on the key: refused blocks the company, accepted lifts the block, offline changes nothing', async () => {
    const { sim, backend, id } = await setup();
    const pausedReason = () => backend.ctx.db.$client.prepare('SELECT sync_paused_reason FROM companies WHERE id = ?').pluck().get(id);
    const test = () => backend.dispatch('companies:testConnection', { id });

    await backend.dispatch('companies:setKey', { id, apiKey: 'pit-wrong-key-000000000' });
    await test();
    expect(pausedReason()).toBe('auth');

    await backend.dispatch('companies:setKey', { id, apiKey: TOKEN });
    expect(pausedReason()).toBeNull();
    backend.ctx.db.$client.prepare(`UPDATE companies SET sync_paused_reason = 'auth' WHERE id = ?`).run(id);
    await sim.setOffline(true);
    await test();
    expect(pausedReason()).toBe('auth');
    await sim.setOffline(false);
    await test();
    expect(pausedReason()).toBeNull();
  });

  // A review: "Connected to …" beside the dashboard's "Last successful call to GHL: never".
  it('a test GHL answers is the last successful call to GHL; one it does not answer is not', async () => {
    const { sim, backend, id } = await setup();
    const lastSuccessAt = async () => ((await backend.dispatch('sync:connectivity', undefined)) as { value: { lastSuccessAt: number | null } }).value.lastSuccessAt;
    await backend.dispatch('companies:setKey', { id, apiKey: TOKEN });
    await sim.setOffline(true);
    await backend.dispatch('companies:testConnection', { id });
    expect(await lastSuccessAt()).toBeNull();
    await sim.setOffline(false);
    const before = Date.now();
    await expect(backend.dispatch('companies:testConnection', { id })).resolves.toMatchObject({ ok: true, value: { ok: true } });
    expect(await lastSuccessAt()).toBeGreaterThanOrEqual(before);
  });

  it('says when the key lacks a scope', async () => {
    const { backend, sim } = await setup();
    const created = await backend.dispatch('companies:create', { name: 'NoScope', ghlLocationId: 'locNoScopeCCCCCCCCCC', ghlBaseUrl: sim.url });
    const id = (created as { value: { id: number } }).value.id;
    await backend.dispatch('companies:setKey', { id, apiKey: 'pit-noscope-token-555555' });
    await expect(backend.dispatch('companies:testConnection', { id })).resolves.toMatchObject({ ok: true, value: { ok: false, errorKind: 'missing-scope', message: /scope/ } });
  });
});
