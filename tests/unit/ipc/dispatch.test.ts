import { describe, expect, it } from 'vitest';
import { channelNames } from '../../../shared/ipc/contract';
import { createDispatcher, type Handlers } from '../../../electron/core/ipc/dispatch';
import { createHandlers } from '../../../electron/app/ipc-handlers';
import { AppError } from '../../../electron/core/errors';
import type { HarnessOptions } from '../../../electron/harness/server';
import { useBackends } from '../../helpers/backend';

describe('IPC dispatcher', () => {
  const { open } = useBackends();

  it('rejects unknown channels and malformed payloads as validation errors, without throwing', async () => {
    const { dispatch } = open();
    await expect(dispatch('nope:nothing', {})).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
    await expect(dispatch('__proto__', {})).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
    await expect(dispatch('companies:create', { name: 42 })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
    await expect(dispatch('companies:get', { id: -1 })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
    await expect(dispatch('companies:get', 'not an object')).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('reports field paths for validation errors', async () => {
    const { dispatch } = open();
    const result = await dispatch('companies:create', { name: '', ghlLocationId: 'loc1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', details: [{ path: 'name' }] } });
  });

  // The message is shown to the office as it is: the field in the form's words, not the program's ("apiKey: …").
  it("names the field in the form's words in the message", async () => {
    const { dispatch } = open();
    const created = await dispatch('companies:create', { name: 'Acme', ghlLocationId: 'locAcme1' });
    const id = (created as { value: { id: number } }).value.id;
    const badKey = await dispatch('companies:setKey', { id, apiKey: 'abc' });
    expect(badKey).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/^API key: /), details: [{ path: 'apiKey' }] } });
    const badCap = await dispatch('companies:update', { id, patch: { schedule: { dailyCap: -1 } } });
    expect(badCap).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Daily cap: /), details: [{ path: 'patch.schedule.dailyCap' }] } });
  });

  it('turns AppErrors into error data and unexpected errors into internal ones', async () => {
    const { ctx } = open();
    const logged: string[] = [];
    const handlers: Handlers = {
      ...createHandlers(ctx),
      'companies:list': () => {
        throw new AppError('keychain-unavailable', 'unlock it');
      },
      'companies:get': () => {
        throw new Error('boom with detail');
      },
    };
    const dispatch = createDispatcher(handlers, (_e, channel) => logged.push(channel)).inProcess;
    await expect(dispatch('companies:list', undefined)).resolves.toEqual({ ok: false, error: { code: 'keychain-unavailable', message: 'unlock it' } });
    const internal = await dispatch('companies:get', { id: 1 });
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('boom with detail');
    expect(logged).toEqual(['companies:get']);
  });

  it('validates outputs so a handler cannot leak fields the contract does not declare', async () => {
    const { ctx } = open();
    const handlers: Handlers = {
      ...createHandlers(ctx),
      'companies:setKey': () => ({ hasApiKey: 'yes' }) as never,
    };
    const dispatch = createDispatcher(handlers, () => {}).renderer;
    const result = await dispatch('companies:setKey', { id: 1, apiKey: 'pit-1234567890' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('the transports can only be given the renderer dispatcher (the in-process one, which takes paths, is a type error)', () => {
    const backend = open();
    const forHarness: HarnessOptions = { ctx: backend.ctx, dispatch: backend.rendererDispatch };
    // @ts-expect-error the in-process dispatcher lets a caller name any file: never for a transport
    const wrong: HarnessOptions = { ctx: backend.ctx, dispatch: backend.dispatch };
    expect(forHarness.dispatch.isForRenderer).toBe(true);
    expect(wrong.dispatch.isForRenderer).toBeUndefined();
  });

  it('has a handler for every contract channel', () => {
    const { ctx } = open();
    const handlers = createHandlers(ctx);
    for (const name of channelNames) expect(typeof handlers[name], name).toBe('function');
  });
});
