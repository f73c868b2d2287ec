import { fieldLabel } from '../../../shared/field-label';
import * as z from 'zod';
import { contract, type ChannelInput, type ChannelName, type ChannelOutput } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { AppError } from '../errors';
import type { Caller } from '../file-grants';

export type Handlers = {
  [K in ChannelName]: (input: z.output<(typeof contract)[K]['input']>, caller: Caller) => Promise<ChannelOutput<K>> | ChannelOutput<K>;
};

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

/**
 * The dispatcher a transport (Electron IPC, the browser harness) serves: every call is the
 * renderer's, so file paths are refused unless they are handles main granted. A distinct type, so
 * handing a transport the in-process `Dispatch` is a compile error.
 */
export type RendererDispatch = Dispatch & { readonly isForRenderer: true };

export interface Dispatchers {
  /** For the CLI and tests: the user's own process, which may name any file. */
  inProcess: Dispatch;
  /** For the transports. */
  renderer: RendererDispatch;
}

const isKnownChannel = (name: string): name is ChannelName => Object.hasOwn(contract, name);

function describeZodError(error: z.ZodError): { message: string; details: { path: string; message: string }[] } {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = error.issues[0];
  const label = first ? fieldLabel(first.path) : '';
  return {
    message: first ? (label ? `${label}: ${first.message}` : first.message) : 'Invalid input',
    details: issues,
  };
}

/**
 * The one entry point for every IPC transport (Electron, browser harness, tests). Validates
 * input with the contract, runs the handler and returns errors as data; it never throws,
 * so a malformed or hostile payload cannot crash the main process.
 */
export function createDispatcher(
  handlers: Handlers,
  onInternalError: (error: unknown, channel: string) => void,
  /** Turns known failures (a full disk, a read-only folder, a busy database) into errors that name them. */
  describeError: (error: unknown) => AppError | null = () => null,
  /**
   * Waits (in the event loop) for the write lock's turn before a handler runs; the returned release
   * ends it once the handler's synchronous part, where its write transaction runs, is over (core/write-turn.ts).
   */
  takeTurn: () => Promise<() => void> = async () => () => {},
): Dispatchers {
  const dispatch = async (channel: string, payload: unknown, caller: Caller): Promise<Result<unknown>> => {
    if (typeof channel !== 'string' || !isKnownChannel(channel)) {
      return { ok: false, error: { code: 'validation', message: `Unknown channel: ${String(channel).slice(0, 80)}` } };
    }
    const def = contract[channel];
    const parsed = def.input.safeParse(payload ?? undefined);
    if (!parsed.success) {
      const { message, details } = describeZodError(parsed.error);
      return { ok: false, error: { code: 'validation', message, details } };
    }
    try {
      const handler = handlers[channel] as (input: unknown, caller: Caller) => unknown;
      const release = await takeTurn();
      let pending: unknown;
      try {
        pending = handler(parsed.data, caller);
      } finally {
        release();
      }
      const value = await pending;
      // Outputs are checked too: a handler that leaks an unexpected field (say, a key) fails loudly.
      const checked = def.output.safeParse(value);
      if (!checked.success) {
        onInternalError(checked.error, channel);
        return { ok: false, error: { code: 'internal', message: 'The app produced an invalid answer. See the log for details.' } };
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toData() };
      const described = describeError(error);
      if (described) return { ok: false, error: described.toData() };
      onInternalError(error, channel);
      return { ok: false, error: { code: 'internal', message: 'Something went wrong in the app. See the log for details.' } };
    }
  };
  const renderer = Object.assign((channel: string, payload: unknown) => dispatch(channel, payload, 'renderer'), { isForRenderer: true as const });
  return { inProcess: (channel, payload) => dispatch(channel, payload, 'in-process'), renderer };
}

export type TypedInvoke = <K extends ChannelName>(channel: K, input: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>;
