// Runs sandboxed (CommonJS): exposes named functions generated from the contract, never ipcRenderer.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildApi, channelNames } from '../shared/ipc/contract';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, IPC_SAVE_COPY_CHANNEL } from './security';

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
    pathFor: async (file) => webUtils.getPathForFile(file),
    saveCopy: async (path, suggestedName) => {
      await ipcRenderer.invoke(IPC_SAVE_COPY_CHANNEL, path, suggestedName);
    },
  },
);

contextBridge.exposeInMainWorld('api', api);
