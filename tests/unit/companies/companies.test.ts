import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { keyAccount } from '../../../electron/core/companies/company-service';
import { JobQueue } from '../../../electron/core/jobs/job-queue';

const databaseId = (client: Database.Database) => client.prepare<[], { value: string }>("SELECT value FROM app_meta WHERE key = 'database-id'").get()!.value;
import { useBackends } from '../../helpers/backend';

const acme = { name: 'Acme Roofing', ghlLocationId: 'locAcme123', ownerName: 'Ann Acme', ownerEmail: 'Ann@Acme.example' };

describe('companies', () => {
  const { open, tempDir } = useBackends();

  it('creates, lists, edits and deletes a company', async () => {
    const { dispatch } = open();
    const created = await dispatch('companies:create', acme);
    expect(created).toMatchObject({
      ok: true,
      value: { name: 'Acme Roofing', ownerEmail: 'ann@acme.example', ghlBaseUrl: 'https://services.leadconnectorhq.com', hasApiKey: false, ownerPhone: null },
    });
    const id = (created as { value: { id: number } }).value.id;
    const updated = await dispatch('companies:update', { id, patch: { ownerPhone: '512-555-0100', name: 'Acme Roofing LLC' } });
    expect(updated).toMatchObject({ ok: true, value: { name: 'Acme Roofing LLC', ownerPhone: '512-555-0100', ownerName: 'Ann Acme' } });
    const list = await dispatch('companies:list', undefined);
    expect(list).toMatchObject({ ok: true, value: [{ id, name: 'Acme Roofing LLC' }] });
    await expect(dispatch('companies:remove', { id })).resolves.toEqual({ ok: true, value: { removed: true } });
    await expect(dispatch('companies:get', { id })).resolves.toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  // A workflow GHL lost was shown by its id alone ("wf-7c1d…"), which nobody in the office knows it by: its name is kept
  // as it was chosen. Another id without a name has none (the old name is not carried over to it).
  it('keeps the chosen workflow’s name with its id, and drops it with the id', async () => {
    const { dispatch } = open();
    const created = (await dispatch('companies:create', { ...acme, enrolMode: 'workflow', workflowId: 'wf-1', workflowName: 'Roof reactivation' })) as { value: { id: number } };
    expect(created).toMatchObject({ value: { workflowId: 'wf-1', workflowName: 'Roof reactivation' } });
    const id = created.value.id;
    const update = async (patch: Record<string, unknown>) => ((await dispatch('companies:update', { id, patch })) as { value: { workflowId: string | null; workflowName: string | null } }).value;
    expect(await update({ ownerPhone: '512-555-0100' })).toMatchObject({ workflowId: 'wf-1', workflowName: 'Roof reactivation' });
    expect(await update({ workflowId: 'wf-1' })).toMatchObject({ workflowName: 'Roof reactivation' });
    expect(await update({ workflowId: 'wf-2' })).toMatchObject({ workflowId: 'wf-2', workflowName: null });
    expect(await update({ workflowId: 'wf-3', workflowName: 'Spring' })).toMatchObject({ workflowId: 'wf-3', workflowName: 'Spring' });
    // GHL's name is a label here: a long one is cut, not refused (a review: the save failed on a field nobody sees).
    expect((await update({ workflowId: 'wf-4', workflowName: 'x'.repeat(250) })).workflowName).toBe('x'.repeat(200));
    expect(await update({ enrolMode: 'tag', enrolTag: 'reactivation', workflowId: null })).toMatchObject({ workflowId: null, workflowName: null });
  });

  it('refuses a second company with the same location id or name, naming the field', async () => {
    const { dispatch } = open();
    await dispatch('companies:create', acme);
    await expect(dispatch('companies:create', { ...acme, name: 'Other' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { field: 'ghlLocationId' } },
    });
    await expect(dispatch('companies:create', { ...acme, ghlLocationId: 'locOther1' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { field: 'name' } },
    });
  });

  it('rejects a non-https GHL address except loopback (the sandbox)', async () => {
    const { dispatch } = open();
    await expect(dispatch('companies:create', { ...acme, ghlBaseUrl: 'http://evil.example' })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
    await expect(dispatch('companies:create', { ...acme, ghlBaseUrl: 'http://127.0.0.1:4010/' })).resolves.toMatchObject({
      ok: true,
      value: { ghlBaseUrl: 'http://127.0.0.1:4010' },
    });
  });

  it('keeps the API key in the keychain only: set, replace, remove; never in SQLite or results', async () => {
    const dataDir = tempDir();
    const backend = open(dataDir);
    const { dispatch, ctx } = backend;
    const { value } = (await dispatch('companies:create', acme)) as { value: { id: number } };
    const key = 'pit-canary-0123456789abcdef';
    const set = await dispatch('companies:setKey', { id: value.id, apiKey: key });
    expect(set).toEqual({ ok: true, value: { hasApiKey: true } });
    const account = keyAccount(databaseId(ctx.db.$client), value.id);
    await expect(ctx.secrets.get(account)).resolves.toBe(key);
    const listed = await dispatch('companies:list', undefined);
    expect(listed).toMatchObject({ ok: true, value: [{ hasApiKey: true }] });
    expect(JSON.stringify(listed)).not.toContain(key);

    await dispatch('companies:setKey', { id: value.id, apiKey: 'pit-replaced-0123456789' });
    await expect(ctx.secrets.get(account)).resolves.toBe('pit-replaced-0123456789');

    const dump = ctx.db.$client.prepare('SELECT * FROM companies').all();
    expect(JSON.stringify(dump)).not.toContain('pit-');

    await expect(dispatch('companies:removeKey', { id: value.id })).resolves.toEqual({ ok: true, value: { hasApiKey: false } });
    await expect(ctx.secrets.get(account)).resolves.toBeNull();
  });

  it('keeps each data folder\'s keys apart: company #1 of a fresh folder does not find another folder\'s key', async () => {
    const first = open(tempDir());
    const second = open(tempDir());
    const a = (await first.dispatch('companies:create', acme)) as { value: { id: number } };
    const b = (await second.dispatch('companies:create', acme)) as { value: { id: number } };
    expect(a.value.id).toBe(b.value.id);
    await first.dispatch('companies:setKey', { id: a.value.id, apiKey: 'pit-first-folder-0123456789' });
    await expect(second.dispatch('companies:get', { id: b.value.id })).resolves.toMatchObject({ ok: true, value: { hasApiKey: false } });
    await expect(second.ctx.companies.apiKey(b.value.id)).resolves.toBeNull();
    await expect(first.ctx.companies.apiKey(a.value.id)).resolves.toBe('pit-first-folder-0123456789');
  });

  it("a new company never starts with a key: one left in the keychain under its id (a restore rolled the ids back) is removed, not used", async () => {
    const { dispatch, ctx } = open(tempDir());
    const first = (await dispatch('companies:create', acme)) as { value: { id: number } };
    // What a restore leaves behind: the keychain still holds the key of a company #2 the backup never had.
    const orphan = keyAccount(databaseId(ctx.db.$client), first.value.id + 1);
    await ctx.secrets.set(orphan, 'pit-bravo-0000000000');
    const second = (await dispatch('companies:create', { name: 'Charlie Roofing', ghlLocationId: 'locCharlie1' })) as { value: { id: number; hasApiKey: boolean } };
    expect(second.value).toMatchObject({ id: first.value.id + 1, hasApiKey: false });
    await expect(ctx.companies.apiKey(second.value.id)).resolves.toBeNull();
    await expect(ctx.secrets.get(orphan)).resolves.toBeNull();
  });

  it('a key is only ever sent where it was saved for: changing the GHL address removes it', async () => {
    const { dispatch, ctx } = open(tempDir());
    const { value } = (await dispatch('companies:create', { ...acme, ghlBaseUrl: 'http://127.0.0.1:4010' })) as { value: { id: number } };
    await dispatch('companies:setKey', { id: value.id, apiKey: 'pit-canary-0123456789abcdef' });
    // Saving the form with the address unchanged keeps it.
    await expect(dispatch('companies:update', { id: value.id, patch: { ghlBaseUrl: 'http://127.0.0.1:4010', ownerName: 'Ann' } })).resolves.toMatchObject({ ok: true, value: { hasApiKey: true } });
    await expect(dispatch('companies:update', { id: value.id, patch: { ghlBaseUrl: 'http://127.0.0.1:47999' } })).resolves.toMatchObject({
      ok: true,
      value: { ghlBaseUrl: 'http://127.0.0.1:47999', hasApiKey: false },
    });
    await expect(ctx.companies.apiKey(value.id)).resolves.toBeNull();
  });

  // "This key belongs to another GHL location … Check the location ID": correcting it left the company blocked for a
  // refused key, and every message asked for a new token, until the same key was saved again (a review).
  it('a key refused for another location: correcting the location ID lifts the block (the next call decides)', async () => {
    const { dispatch, ctx } = open(tempDir());
    const { value } = (await dispatch('companies:create', { ...acme, ghlBaseUrl: 'http://127.0.0.1:4010' })) as { value: { id: number } };
    await dispatch('companies:setKey', { id: value.id, apiKey: 'pit-canary-0123456789abcdef' });
    ctx.companies.markKeyRefused(value.id);
    expect(ctx.companies.row(value.id).syncPausedReason).toBe('auth');
    // Another field saved keeps the block: only the location was wrong.
    await dispatch('companies:update', { id: value.id, patch: { ownerName: 'Ann' } });
    expect(ctx.companies.row(value.id).syncPausedReason).toBe('auth');
    await dispatch('companies:update', { id: value.id, patch: { ghlLocationId: 'locAcme999' } });
    expect(ctx.companies.row(value.id)).toMatchObject({ syncPausedReason: null, ghlLocationId: 'locAcme999' });
    await expect(ctx.companies.apiKey(value.id)).resolves.toBe('pit-canary-0123456789abcdef');
  });

  it('moves a key stored under the old unscoped account to this database', async () => {
    const { dispatch, ctx } = open(tempDir());
    const { value } = (await dispatch('companies:create', acme)) as { value: { id: number } };
    await ctx.secrets.set(`company-${value.id}`, 'pit-legacy-0123456789');
    await expect(ctx.companies.apiKey(value.id)).resolves.toBe('pit-legacy-0123456789');
    await expect(ctx.secrets.get(`company-${value.id}`)).resolves.toBeNull();
    await expect(ctx.secrets.get(keyAccount(databaseId(ctx.db.$client), value.id))).resolves.toBe('pit-legacy-0123456789');
  });

  it('refuses to delete a company with leads waiting to sync unless forced', async () => {
    const { dispatch, ctx } = open();
    const { value } = (await dispatch('companies:create', acme)) as { value: { id: number } };
    const now = Date.now();
    const lead = ctx.db.$client
      .prepare("INSERT INTO leads (company_id, phone, country, status, created_at, updated_at) VALUES (?, '+15125550142', 'US', 'queued', ?, ?)")
      .run(value.id, now, now);
    new JobQueue(ctx.db.$client).enqueue(value.id, Number(lead.lastInsertRowid), now);
    await expect(dispatch('companies:remove', { id: value.id })).resolves.toMatchObject({ ok: false, error: { code: 'conflict', details: { pending: 1 } } });
    await expect(dispatch('companies:remove', { id: value.id, force: true })).resolves.toEqual({ ok: true, value: { removed: true } });
    expect(ctx.db.$client.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 0 });
  });

  it('asks first for a company with leads but nothing queued (a held-back import), naming how many', async () => {
    const { dispatch, ctx } = open();
    const { value } = (await dispatch('companies:create', acme)) as { value: { id: number } };
    const now = Date.now();
    ctx.db.$client
      .prepare("INSERT INTO leads (company_id, phone, country, status, created_at, updated_at) VALUES (?, '+15125550142', 'US', 'new', ?, ?)")
      .run(value.id, now, now);
    await expect(dispatch('companies:remove', { id: value.id })).resolves.toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('has 1 lead(s) in this app'), details: { pending: 0, leads: 1 } },
    });
    expect(ctx.db.$client.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 1 });
  });
});
