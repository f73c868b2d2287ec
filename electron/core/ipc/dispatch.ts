import { z } from 'zod';
import { contract, type ChannelInput, type ChannelName, type ChannelOutput } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { AppError } from '../errors';

export type Handlers = {
  [K in ChannelName]: (input: z.output<(typeof contract)[K]['input']>) => Promise<ChannelOutput<K>> | ChannelOutput<K>;
};

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

const isKnownChannel = (name: string): name is ChannelName => Object.hasOwn(contract, name);

function describeZodError(error: z.ZodError): { message: string; details: { path: string; message: string }[] } {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = issues[0];
  return {
    message: first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'Invalid input',
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
): Dispatch {
  return async (channel, payload) => {
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
      const handler = handlers[channel] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
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
}

export type TypedInvoke = <K extends ChannelName>(channel: K, input: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>;
