import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { openStore } from './core/store/openStore.js';
import { createHandlers, invokeChannel } from './app/ipcHandlers.js';
import { CHANNELS } from './ipc/channels.js';
import { CONTENT_SECURITY_POLICY, isOwnPage, secureWebPreferences } from './window/windowSecurity.js';

// Electron wiring only: every decision lives in modules the tests run without Electron.
const rendererUrl = pathToFileURL(join(__dirname, '..', 'renderer', 'index.html')).toString();

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

void app.whenReady().then(() => {
  const dataDir = process.env['GUARDIAN_DATA_DIR'] ?? app.getPath('userData');
  const store = openStore({ dataDir });
  const handlers = createHandlers({ store, version: app.getVersion(), dataDir });

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      // Only our own page may call in; a frame that navigated elsewhere gets nothing.
      if (!event.senderFrame || !isOwnPage(event.senderFrame.url, rendererUrl)) {
        return { ok: false, error: { code: 'INVALID_INPUT', message: 'Caller is not the Guardian Console page.' } };
      }
      return invokeChannel(handlers, channel, payload);
    });
  }

  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    title: 'Guardian Console',
    backgroundColor: '#f7f7f5',
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  void window.loadURL(rendererUrl);
  app.on('window-all-closed', () => {
    store.close();
    app.quit();
  });
});
