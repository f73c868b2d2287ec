import { describe, expect, it } from 'vitest';
import { channelNames } from '../../../shared/ipc/contract';
import { useBackends } from '../../helpers/backend';

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
];

describe('IPC fuzzing', () => {
  const { open } = useBackends();

  it('every channel answers hostile payloads with a validation error (or a valid answer), and main keeps serving', async () => {
    const { dispatch } = open();
    for (const name of channelNames) {
      for (const payload of hostile) {
        const result = await dispatch(name, payload);
        // Never an exception, never an internal error: bad input is always the caller's `validation` problem.
        if (!result.ok) expect([name, result.error.code]).toEqual([name, expect.stringMatching(/^(validation|not-found|conflict|bad-file)$/)]);
        expect(JSON.stringify(result).length).toBeLessThan(1_000_000);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expect(dispatch('companies:list', undefined)).resolves.toMatchObject({ ok: true });
    await expect(dispatch('companies:create', { name: 'Still Serving', ghlLocationId: 'locStill1' })).resolves.toMatchObject({ ok: true });
  });
});
