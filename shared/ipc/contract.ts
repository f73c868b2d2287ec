import type * as z from 'zod';
import { appChannels } from './app';
import { audiencesChannels } from './audiences';
import { companiesChannels } from './companies';
import { dashboardChannels } from './dashboard';
import type { ChannelDef } from './define';
import type { EventName, EventPayload } from './events';
import { importsChannels } from './imports';
import { leadsChannels } from './leads';
import { optOutsChannels } from './optouts';
import type { Result } from './result';
import { syncChannels } from './sync';

/**
 * The whole IPC contract: every `domain:verb` channel with its zod input and output.
 * Adding a channel = one entry in a domain file + its handler in main.
 */
export const contract = {
  ...appChannels,
  ...companiesChannels,
  ...dashboardChannels,
  ...syncChannels,
  ...leadsChannels,
  ...importsChannels,
  ...audiencesChannels,
  ...optOutsChannels,
} satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Contract[K]['output']>;

export const channelNames = Object.keys(contract) as ChannelName[];

type DomainOf<K> = K extends `${infer D}:${string}` ? D : never;
type Call<K extends ChannelName> = [ChannelInput<K>] extends [void | undefined]
  ? () => Promise<Result<ChannelOutput<K>>>
  : (input: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>;

/** What `window.api` looks like in the renderer: `api.companies.list()` for channel `companies:list`. */
export type Api = {
  [D in DomainOf<ChannelName>]: {
    [K in ChannelName as K extends `${D}:${infer V}` ? V : never]: Call<K>;
  };
} & {
  /** File access differs per transport (Electron asks main for a handle or an OS dialog, the browser harness uploads). */
  files: FileBridge;
  /** Subscribe to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** A file the user chose, as the renderer knows it: an opaque handle main granted, and the file's name. */
export interface ChosenFile {
  /** Goes in a channel's `path` field; single-purpose, expiring, meaningless anywhere else. */
  handle: string;
  name: string;
}

/** Files main may read or write for the renderer: only ones the user chose; the renderer never names a path. */
export interface FileBridge {
  /** A handle to read a file the user dropped on, or picked in, the page (an import). */
  handleFor(file: File): Promise<ChosenFile>;
  /**
   * Asks the user for a file in a file dialog (Electron: the OS dialog, opened by main): a file to
   * import, a backup to restore, or (Electron only) where to write a backup. Null when cancelled. In
   * the browser a backup is written to the app's backups folder and downloaded with `saveCopy`.
   */
  choose(purpose: 'import-source' | 'restore-source' | 'backup-target'): Promise<ChosenFile | null>;
  /**
   * Lets the user keep a copy of a file main wrote in the app's own folders (rejected rows, exports, backups):
   * 'cancelled' when they closed the dialog (Electron), 'saved' when it was written or handed to the browser's
   * download. Rejects with a message to show when it could not be written.
   */
  saveCopy(path: string, suggestedName: string): Promise<SaveCopyOutcome>;
}

export type SaveCopyOutcome = 'saved' | 'cancelled';

/** Builds the nested api object from a transport: shared by the Electron preload and the web preload. */
export function buildApi(
  names: readonly string[],
  invoke: (channel: string, input: unknown) => Promise<unknown>,
  subscribe: (event: string, listener: (payload: unknown) => void) => () => void,
  files: FileBridge,
): Api {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const name of names) {
    const [domain, verb] = name.split(':') as [string, string];
    (api[domain] ??= {})[verb] = (input?: unknown) => invoke(name, input);
  }
  return Object.assign(api, { on: subscribe, files }) as unknown as Api;
}
