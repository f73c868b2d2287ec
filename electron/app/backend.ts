import { createDispatcher, type Dispatch, type TypedInvoke } from '../core/ipc/dispatch';
import { storageError } from '../core/storage-errors';
import { createHandlers } from './ipc-handlers';
import { openAppContext, type AppContext, type AppContextOptions } from './app-context';

export interface Backend {
  ctx: AppContext;
  dispatch: Dispatch;
  /** The dispatcher with the contract's types, for in-process callers (CLI, tests). */
  call: TypedInvoke;
  close(): Promise<void>;
}

/**
 * The main-process backend without Electron: one data dir's context plus the IPC dispatcher.
 * electron/main.ts and the browser harness both serve exactly this.
 */
export function createBackend(options: AppContextOptions = {}): Backend {
  const ctx = openAppContext(options);
  const dispatch = createDispatcher(
    createHandlers(ctx),
    (error, channel) => ctx.log.error(`IPC ${channel} failed`, error),
    (error) => storageError(error, { dataDir: ctx.dataDir }),
  );
  const call = ((channel: string, input: unknown) => dispatch(channel, input)) as TypedInvoke;
  return { ctx, dispatch, call, close: () => ctx.close() };
}
