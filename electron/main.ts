import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, clipboard, ipcMain, protocol, session } from 'electron';
import { qrPictureReaderIn } from './core/bundle/qr/readQrPictureInWorker.js';
import { openLedgerDevice } from './core/ledger/devices.js';
import { openStore } from './core/store/openStore.js';
import { createMainHandlers } from './app/channelHandlers.js';
import { createIpcGate } from './app/ipcGate.js';
import { CHANNELS } from './ipc/channels.js';
import {
  isOwnPage,
  RENDERER_SCHEME,
  RENDERER_URL,
  rendererFilePath,
  rendererResponseHeaders,
} from './window/rendererProtocol.js';
import { allowPermission, CONTENT_SECURITY_POLICY, mainWindowOptions } from './window/windowSecurity.js';

// Electron wiring only: every decision lives in modules the tests run without Electron.
const rendererDir = join(__dirname, '..', 'renderer');

app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url, RENDERER_URL)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnPage(url, RENDERER_URL)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

void app.whenReady().then(() => {
  const dataDir = process.env['GUARDIAN_DATA_DIR'] ?? app.getPath('userData');
  const store = openStore({ dataDir });
  const main = createMainHandlers({
    store,
    clipboard,
    version: app.getVersion(),
    dataDir,
    openLedger: () => openLedgerDevice(),
    // Built beside this bundle by scripts/build.mjs.
    readQrPicture: qrPictureReaderIn(new URL('./qrPictureWorker.cjs', import.meta.url)),
    log: (message, error) => console.error(message, error),
  });
  const invoke = createIpcGate(main.handlers, RENDERER_URL, (message, error) => console.error(message, error));

  const { defaultSession } = session;
  defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(allowPermission(permission)),
  );
  defaultSession.setPermissionCheckHandler((_contents, permission) => allowPermission(permission));
  defaultSession.setDevicePermissionHandler(() => false);
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const path = rendererFilePath(request.url, rendererDir);
    if (!path) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(path), { headers: rendererResponseHeaders(path) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      invoke(
        event.senderFrame ? { url: event.senderFrame.url, isMainFrame: event.senderFrame.parent === null } : null,
        channel,
        payload,
      ),
    );
  }

  const window = new BrowserWindow(mainWindowOptions(join(__dirname, 'preload.cjs')));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(RENDERER_URL);
  app.on('window-all-closed', () => {
    main.devices.stop();
    // A drill still running writes its report and audit entry, and stops its anvil, before the store closes.
    void main.drill.settled().finally(() => {
      store.close();
      app.quit();
    });
  });
});
