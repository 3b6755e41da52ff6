import { contextBridge, ipcRenderer } from 'electron';
import { isChannel, type IpcResult } from './ipc/channels.js';

// The renderer gets exactly one object, and through it only the allow-listed channels.
contextBridge.exposeInMainWorld('guardian', {
  invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>> {
    if (!isChannel(channel)) return Promise.resolve({ ok: false, error: { code: 'INVALID_INPUT', message: `Unknown channel "${channel}".` } });
    return ipcRenderer.invoke(channel, payload) as Promise<IpcResult<unknown>>;
  },
});
