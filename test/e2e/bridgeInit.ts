// Bundled alone into the test page as an init script: window.guardian built by the same function, from the
// same channel list, as electron/preload.ts, with a page binding standing in for ipcRenderer.invoke.
import { CHANNELS } from '../../electron/ipc/channels.js';
import { buildGuardianApi } from '../../electron/ipc/guardianApi.js';

const send = (window as unknown as { __guardianInvoke: (channel: string, payload: unknown) => Promise<unknown> })
  .__guardianInvoke;
Object.defineProperty(window, 'guardian', {
  value: buildGuardianApi(CHANNELS, (channel, payload) => send(channel, payload)),
  enumerable: true,
});
// As under contextIsolation, the page keeps no handle on the raw transport.
try {
  delete (window as unknown as { __guardianInvoke?: unknown }).__guardianInvoke;
} catch {
  // A binding the browser will not let go of stays; window.guardian is still the only thing the app uses.
}
