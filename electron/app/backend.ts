import { createDispatcher, type Dispatch, type RendererDispatch, type TypedInvoke } from '../core/ipc/dispatch';
import { storageError } from '../core/storage-errors';
import { createHandlers } from './ipc-handlers';
import { openAppContext, type AppContext, type AppContextOptions } from './app-context';

export interface Backend {
  ctx: AppContext;
  /** For in-process callers (CLI, tests): file fields may be any path. */
  dispatch: Dispatch;
  /** What the transports serve (Electron IPC, the browser harness): file fields must be handles main granted. */
  rendererDispatch: RendererDispatch;
  /** The in-process dispatcher with the contract's types (CLI, tests). */
  call: TypedInvoke;
  close(): Promise<void>;
}

/**
 * The main-process backend without Electron: one data dir's context plus the IPC dispatcher.
 * electron/main.ts and the browser harness both serve exactly this.
 */
export function createBackend(options: AppContextOptions = {}): Backend {
  const ctx = openAppContext(options);
  const dispatchers = createDispatcher(
    createHandlers(ctx),
    (error, channel) => ctx.log.error(`IPC ${channel} failed`, error),
    (error) => storageError(error, { dataDir: ctx.dataDir }),
    () => ctx.writeTurn.take(),
  );
  const dispatch = dispatchers.inProcess;
  const call = ((channel: string, input: unknown) => dispatch(channel, input)) as TypedInvoke;
  return { ctx, dispatch, rendererDispatch: dispatchers.renderer, call, close: () => ctx.close() };
}
