import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from './ipc/channels.js';
import { buildGuardianApi } from './ipc/guardianApi.js';

// The renderer gets exactly one object, with one method per allow-listed channel, and nothing of Node or ipcRenderer.
contextBridge.exposeInMainWorld(
  'guardian',
  buildGuardianApi(CHANNELS, (channel, payload) => ipcRenderer.invoke(channel, payload)),
);
