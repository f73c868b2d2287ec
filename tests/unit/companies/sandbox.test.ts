import { describe, expect, it } from 'vitest';
import { SANDBOX_LOCATION_ID } from '../../../electron/app/sandbox';
import { useBackends } from '../../helpers/backend';

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
});
