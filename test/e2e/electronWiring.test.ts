import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../electron/ipc/channels.js';
import { RENDERER_URL } from '../../electron/window/rendererProtocol.js';
import { CONTENT_SECURITY_POLICY, secureWebPreferences } from '../../electron/window/windowSecurity.js';

// Electron's binary cannot be downloaded here, so the BUILT main process and preload run in Node against a
// recording stand-in for the 'electron' module: what is proven is the wiring (which handlers are installed and
// what they answer), while every decision they delegate to is unit-tested on its own.
const distElectron = join(process.cwd(), 'dist', 'electron');
type Fn = (...args: any[]) => any;

function runBundle(file: string, electron: unknown, allowOthers: boolean): void {
  const path = join(distElectron, file);
  const realRequire = createRequire(path);
  const sandboxedRequire = (id: string) => {
    if (id === 'electron') return electron;
    if (!allowOthers) throw new Error(`a sandboxed preload cannot require "${id}"`);
    return realRequire(id);
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', '__filename', '__dirname', readFileSync(path, 'utf8'))(
    sandboxedRequire,
    module,
    module.exports,
    path,
    distElectron,
  );
}

function fakeElectron(dataDir: string) {
  const seen = {
    sandbox: false,
    schemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
    ipc: new Map<string, Fn>(),
    protocol: new Map<string, Fn>(),
    app: new Map<string, Fn>(),
    windows: [] as { options: any; url?: string }[],
    session: {} as Record<string, Fn>,
    clipboard: [] as string[],
  };
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  class BrowserWindow {
    url?: string;
    constructor(readonly options: unknown) {
      seen.windows.push(this);
    }
    once() {}
    show() {}
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      enableSandbox: () => void (seen.sandbox = true),
      on: (event: string, fn: Fn) => void seen.app.set(event, fn),
      whenReady: () => whenReady,
      getPath: () => dataDir,
      getVersion: () => '0.1.0-test',
      quit() {},
    },
    protocol: {
      registerSchemesAsPrivileged: (s: typeof seen.schemes) => void seen.schemes.push(...s),
      handle: (scheme: string, fn: Fn) => void seen.protocol.set(scheme, fn),
    },
    ipcMain: { handle: (channel: string, fn: Fn) => void seen.ipc.set(channel, fn) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => void (seen.session['request'] = fn),
        setPermissionCheckHandler: (fn: Fn) => void (seen.session['check'] = fn),
        setDevicePermissionHandler: (fn: Fn) => void (seen.session['device'] = fn),
        webRequest: { onHeadersReceived: (fn: Fn) => void (seen.session['headers'] = fn) },
      },
    },
    clipboard: { writeText: (text: string) => void seen.clipboard.push(text) },
    BrowserWindow,
  };
  return { electron, seen, ready };
}

let dataDir: string;
let main: ReturnType<typeof fakeElectron>;
const envBefore = process.env['GUARDIAN_DATA_DIR'];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-main-'));
  delete process.env['GUARDIAN_DATA_DIR'];
  main = fakeElectron(dataDir);
  runBundle('main.cjs', main.electron, true);
  main.ready();
  // The ready handler runs in a microtask; setImmediate comes after every queued one.
  await new Promise((resolve) => setImmediate(resolve));
});
afterAll(() => {
  main?.seen.app.get('window-all-closed')?.();
  if (envBefore !== undefined) process.env['GUARDIAN_DATA_DIR'] = envBefore;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const own = { senderFrame: { url: RENDERER_URL, parent: null } };

describe('the built Electron main process', () => {
  it('enables the sandbox, registers its scheme and opens one secured window on the renderer page', () => {
    const { seen } = main;
    expect(seen.sandbox).toBe(true);
    expect(seen.schemes).toEqual([
      { scheme: 'guardian', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(seen.windows).toHaveLength(1);
    expect(seen.windows[0]!.options.webPreferences).toEqual(secureWebPreferences(join(distElectron, 'preload.cjs')));
    expect(seen.windows[0]!.url).toBe(RENDERER_URL);
    // The core finds CJS-only libraries with createRequire(import.meta.url); a CJS bundle must not leave it empty.
    expect(readFileSync(join(distElectron, 'main.cjs'), 'utf8')).not.toMatch(/import_meta\s*=\s*\{\s*\}/);
  });

  it('registers exactly the allow-listed channels, answers our page from the store it opened and refuses other frames', async () => {
    const { seen } = main;
    expect([...seen.ipc.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(await seen.ipc.get('app.info')!(own, {})).toMatchObject({
      ok: true,
      value: { version: '0.1.0-test', dataDir },
    });
    expect(await seen.ipc.get('queue.list')!(own, {})).toEqual({ ok: true, value: [] });
    expect(
      await seen.ipc.get('queue.list')!({ senderFrame: { url: 'https://evil.example/', parent: null } }, {}),
    ).toMatchObject({ ok: false, error: { code: 'IPC_REFUSED' } });
    expect(await seen.ipc.get('queue.list')!({ senderFrame: { url: RENDERER_URL, parent: {} } }, {})).toMatchObject({
      ok: false,
      error: { code: 'IPC_REFUSED' },
    });
    expect(await seen.ipc.get('queue.list')!({ senderFrame: null }, {})).toMatchObject({
      ok: false,
      error: { code: 'IPC_REFUSED' },
    });
    expect(await seen.ipc.get('tx.hashes')!(own, { tx: {} })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it("reads an imported picture on the worker thread built beside the main bundle, with readQrPicture's answer", async () => {
    const blank = new PNG({ width: 200, height: 200 });
    blank.data.fill(255);
    // A worker file the bundle could not find would answer "the picture reader stopped", not the decoder's words.
    expect(
      await main.seen.ipc.get('queue.import')!(own, {
        name: 'blank.png',
        text: PNG.sync.write(blank).toString('base64'),
        encoding: 'base64',
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_FILE',
        message: 'blank.png shows no QR code that can be read: take the picture again, square on and in focus.',
      },
    });
  });

  it('serves the built renderer with the CSP header and nothing outside it', async () => {
    const serve = main.seen.protocol.get('guardian')!;
    const page: Response = await serve({ url: RENDERER_URL });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<div id="root">');
    for (const url of [
      'guardian://app/../../package.json',
      'guardian://app/assets/missing.js',
      'guardian://other/index.html',
    ]) {
      expect((await serve({ url })).status, url).toBe(404);
    }
  });

  it('blocks navigation away, new windows and webviews, and refuses every permission', () => {
    const listeners = new Map<string, Fn>();
    let openHandler: Fn = () => undefined;
    main.seen.app.get('web-contents-created')!(
      {},
      {
        on: (event: string, fn: Fn) => void listeners.set(event, fn),
        setWindowOpenHandler: (fn: Fn) => void (openHandler = fn),
      },
    );
    const navigate = (event: string, url: string) => {
      let prevented = false;
      listeners.get(event)!({ preventDefault: () => void (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('will-navigate', 'https://app.safe.global/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', `${RENDERER_URL}#hashes`)).toBe(false);
    expect(navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(navigate('will-attach-webview', RENDERER_URL)).toBe(true);
    expect(openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    let granted: boolean | undefined;
    main.seen.session['request']!({}, 'media', (allow: boolean) => (granted = allow));
    expect(granted).toBe(false);
    expect(main.seen.session['check']!({}, 'clipboard-sanitized-write')).toBe(false);
    expect(main.seen.session['device']!({ deviceType: 'hid' })).toBe(false);
    let headers: Record<string, string[]> = {};
    main.seen.session['headers']!(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders),
    );
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});

describe('the built preload', () => {
  it('requires only electron and exposes one object, window.guardian, with a method per channel over ipcRenderer.invoke', async () => {
    const exposed = new Map<string, any>();
    const invoked: unknown[][] = [];
    runBundle(
      'preload.cjs',
      {
        contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void exposed.set(key, value) },
        ipcRenderer: { invoke: async (...args: unknown[]) => void invoked.push(args) },
      },
      false,
    );
    expect([...exposed.keys()]).toEqual(['guardian']);
    const guardian = exposed.get('guardian');
    expect(
      Object.entries(guardian)
        .flatMap(([ns, methods]) => Object.keys(methods as object).map((m) => `${ns}.${m}`))
        .sort(),
    ).toEqual([...CHANNELS].sort());
    await guardian.tx.hashes({ tx: 1 });
    expect(invoked).toEqual([['tx.hashes', { tx: 1 }]]);
  });
});
