import { describe, expect, it } from 'vitest';
import { resumeSandboxIfUsed, SANDBOX_LOCATION_ID } from '../../../electron/app/sandbox';
import type { Backend } from '../../../electron/app/backend';
import { useBackends } from '../../helpers/backend';
import { syncUntilIdle } from '../../integration/sync/world';

describe('Try with a sandbox', () => {
  const { open, tempDir } = useBackends();

  it('starts a local GHL sandbox with a demo company whose key is in the keychain; a second call reuses it', async () => {
    const dataDir = tempDir();
    const backend = open(dataDir);
    const started = await backend.call('app:startSandbox', undefined);
    if (!started.ok) throw new Error(started.error.message);
    expect(started.value.company).toMatchObject({ ghlLocationId: SANDBOX_LOCATION_ID, hasApiKey: true, ghlBaseUrl: started.value.url });
    // A generous schedule, so the demo moves whenever the law allows: 500 a day, every day 08:00–21:00.
    expect(started.value.company.scheduleShort).toBe('500 a day, every day 08:00–21:00');
    await expect(backend.call('companies:testConnection', { id: started.value.company.id })).resolves.toMatchObject({ ok: true, value: { ok: true } });
    const again = await backend.call('app:startSandbox', undefined);
    expect(again).toMatchObject({ ok: true, value: { url: started.value.url } });
    await backend.close();

    // Next start: the same demo company, pointed at the new sandbox port.
    const reopened = open(dataDir);
    const restarted = await reopened.call('app:startSandbox', undefined);
    if (!restarted.ok) throw new Error(restarted.error.message);
    expect(restarted.value.company.id).toBe(started.value.company.id);
    await expect(reopened.call('companies:testConnection', { id: restarted.value.company.id })).resolves.toMatchObject({ ok: true, value: { ok: true } });
    const list = await reopened.call('companies:list', undefined);
    expect(list.ok && list.value).toHaveLength(1);
  });

  // Trying the app, a user pastes a wrong key into the demo company (or deletes it): pressed again, "Sandbox ready"
  // left it refused, sending nothing (a review).
  it('sets the demo company up again when pressed again: its key back, or the company itself', async () => {
    const backend = open(tempDir());
    const started = await backend.call('app:startSandbox', undefined);
    if (!started.ok) throw new Error(started.error.message);
    const id = started.value.company.id;
    await backend.call('companies:setKey', { id, apiKey: 'pit-not-the-sandbox-key-123456' });
    // As the key's check after saving it does in the app: GHL refuses it, and the company waits for a new one.
    await expect(backend.call('companies:testConnection', { id })).resolves.toMatchObject({ ok: true, value: { ok: false } });
    await expect(backend.call('companies:get', { id })).resolves.toMatchObject({ ok: true, value: { syncPausedReason: 'auth' } });
    const again = await backend.call('app:startSandbox', undefined);
    expect(again).toMatchObject({ ok: true, value: { url: started.value.url, company: { id, hasApiKey: true, syncPausedReason: null } } });
    await expect(backend.call('companies:testConnection', { id })).resolves.toMatchObject({ ok: true, value: { ok: true } });

    await backend.call('companies:remove', { id, force: true });
    const recreated = await backend.call('app:startSandbox', undefined);
    expect(recreated).toMatchObject({ ok: true, value: { url: started.value.url, company: { ghlLocationId: SANDBOX_LOCATION_ID, hasApiKey: true } } });
    await expect(backend.call('companies:testConnection', { id: recreated.ok ? recreated.value.company.id : 0 })).resolves.toMatchObject({ ok: true, value: { ok: true } });
  });

  // A review: the app started again read the demo company as offline until the button was pressed again; pressed, the
  // new sandbox handed out the last one's contact ids, and different customers were merged onto one contact.
  it('starts again with the app when a demo company uses it, handing out contact ids of its own', async () => {
    const dataDir = tempDir();
    const first = open(dataDir);
    const started = await first.call('app:startSandbox', undefined);
    if (!started.ok) throw new Error(started.error.message);
    const companyId = started.value.company.id;
    const sent = async (backend: Backend, phone: string) => {
      const lead = await backend.call('leads:create', { companyId, firstName: 'Ann', phone });
      if (!lead.ok) throw new Error(lead.error.message);
      await syncUntilIdle(backend);
      return backend.ctx.db.$client.prepare('SELECT ghl_contact_id FROM leads WHERE id = ?').pluck().get((lead.value as { id: number }).id) as string | null;
    };
    const firstContact = await sent(first, '(512) 555-0170');
    expect(firstContact).not.toBeNull();
    await first.close();

    const again = open(dataDir);
    await resumeSandboxIfUsed(again.ctx);
    const company = await again.call('companies:get', { id: companyId });
    expect(company.ok && company.value.ghlBaseUrl).not.toBe(started.value.url);
    await expect(again.call('companies:testConnection', { id: companyId })).resolves.toMatchObject({ ok: true, value: { ok: true } });
    const secondContact = await sent(again, '(512) 555-0171');
    expect(secondContact).not.toBeNull();
    expect(secondContact).not.toBe(firstContact);
  });

  it('a data folder without a demo company starts no sandbox', async () => {
    const backend = open(tempDir());
    await resumeSandboxIfUsed(backend.ctx);
    await expect(backend.call('companies:list', undefined)).resolves.toMatchObject({ ok: true, value: [] });
  });
});
