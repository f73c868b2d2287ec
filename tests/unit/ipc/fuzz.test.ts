import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelNames } from '../../../shared/ipc/contract';
import { useBackends } from '../../helpers/backend';

const FILE_CHANNELS = new Set(['app:backup', 'app:restore', 'imports:inspect', 'imports:preview', 'imports:start']);

const huge = 'x'.repeat(10 * 1024 * 1024);
const hostile: unknown[] = [
  null,
  42,
  'text',
  [],
  true,
  { id: 'not-a-number' },
  { id: -5, path: 12, companyId: {} },
  { id: huge, name: huge, path: huge, apiKey: huge, filters: { search: huge } },
  JSON.parse('{"__proto__": {"polluted": true}, "id": 1}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  { id: Number.NaN },
  { id: Infinity },
  // Paths a renderer might try for the channels that read or write files.
  { path: '/etc/passwd', companyId: 1 },
  { path: '../../x', companyId: 1 },
  { path: 'fh_AAAAAAAAAAAAAAAAAAAAAAAA', companyId: 1 },
];

describe('IPC fuzzing', () => {
  const { open } = useBackends();

  it('every channel answers hostile payloads with a validation error (or a valid answer), and main keeps serving', async () => {
    // What the transports serve: the renderer's dispatcher.
    const { rendererDispatch: dispatch } = open();
    const passwd = readFileSync('/etc/passwd');
    // '../../x' is a hostile path below; whatever is there already (a clone in /tmp/…) must stay as it was.
    const strayPath = resolve('../../x');
    const wasThere = existsSync(strayPath);
    for (const name of channelNames) {
      for (const payload of hostile) {
        const result = await dispatch(name, payload);
        // Never an exception, never an internal error: bad input is always the caller's `validation` problem.
        if (!result.ok) expect([name, result.error.code]).toEqual([name, expect.stringMatching(/^(validation|not-found|conflict|bad-file)$/)]);
        // A channel that reads or writes a user file never takes a path from the renderer.
        if (FILE_CHANNELS.has(name) && typeof (payload as { path?: unknown } | null)?.path === 'string') expect([name, payload, result.ok]).toEqual([name, payload, false]);
        expect(JSON.stringify(result).length).toBeLessThan(1_000_000);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(readFileSync('/etc/passwd')).toEqual(passwd);
    expect(existsSync(strayPath)).toBe(wasThere);
    await expect(dispatch('companies:list', undefined)).resolves.toMatchObject({ ok: true });
    await expect(dispatch('companies:create', { name: 'Still Serving', ghlLocationId: 'locStill1' })).resolves.toMatchObject({ ok: true });
  });
});
