// Runs sandboxed (CommonJS): exposes named functions generated from the contract, never ipcRenderer,
// and nothing that takes a file path: files reach main as a dialog choice or as bytes.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, channelNames, type ChosenFile, type SaveCopyOutcome } from '../shared/ipc/contract';
import type { Result } from '../shared/ipc/result';
import { IPC_CHOOSE_FILE_CHANNEL, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, IPC_SAVE_COPY_CHANNEL, IPC_UPLOAD_CHANNEL } from './security';

const CHUNK_BYTES = 8 * 1024 * 1024;

async function uploadStep<T>(...args: unknown[]): Promise<T> {
  const result = (await ipcRenderer.invoke(IPC_UPLOAD_CHANNEL, ...args)) as Result<T>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A dropped file's bytes go to main, which keeps a copy and answers a handle (as the browser harness' upload does). */
async function copyToMain(file: File): Promise<ChosenFile> {
  const id = await uploadStep<string>('begin', file.name, 'import-source');
  for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
    await uploadStep('append', id, new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer()));
  }
  return uploadStep<ChosenFile>('end', id);
}

const api = buildApi(
  channelNames,
  (channel, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, input),
  (event, listener) => {
    const handler = (_e: unknown, message: { event: string; payload: unknown }) => {
      if (message.event === event) listener(message.payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
  },
  {
    handleFor: copyToMain,
    choose: async (purpose) => (await ipcRenderer.invoke(IPC_CHOOSE_FILE_CHANNEL, purpose)) as ChosenFile | null,
    saveCopy: async (path, suggestedName) => {
      const result = (await ipcRenderer.invoke(IPC_SAVE_COPY_CHANNEL, path, suggestedName)) as Result<SaveCopyOutcome>;
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    },
  },
);

contextBridge.exposeInMainWorld('api', api);
