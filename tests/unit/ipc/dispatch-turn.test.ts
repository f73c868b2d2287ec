import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/app/ipc-handlers';
import { createDispatcher, type Handlers } from '../../../electron/core/ipc/dispatch';
import { useBackends } from '../../helpers/backend';

describe('the IPC dispatcher and the write turn', () => {
  const { open } = useBackends();

  it("takes the turn before a handler runs and ends it after the handler's synchronous part, before its answer", async () => {
    const { ctx } = open();
    const events: string[] = [];
    const handlers: Handlers = {
      ...createHandlers(ctx),
      'companies:list': async () => {
        events.push('handler: synchronous part (its write)');
        await new Promise((resolve) => setTimeout(resolve, 10));
        events.push('handler: answer');
        return [];
      },
    };
    const takeTurn = async () => {
      events.push('turn taken');
      return () => void events.push('turn released');
    };
    const { inProcess } = createDispatcher(handlers, () => {}, () => null, takeTurn);
    await expect(inProcess('companies:list', undefined)).resolves.toEqual({ ok: true, value: [] });
    expect(events).toEqual(['turn taken', 'handler: synchronous part (its write)', 'turn released', 'handler: answer']);
  });

  it('releases the turn when a handler throws at once', async () => {
    const { ctx } = open();
    let released = 0;
    const handlers: Handlers = {
      ...createHandlers(ctx),
      'companies:list': () => {
        throw new Error('broken');
      },
    };
    const { inProcess } = createDispatcher(handlers, () => {}, () => null, async () => () => void released++);
    await expect(inProcess('companies:list', undefined)).resolves.toMatchObject({ ok: false });
    expect(released).toBe(1);
  });
});
