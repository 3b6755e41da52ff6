import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createMainHandlers, type MainServices } from '../../electron/app/channelHandlers.js';
import type { ReviewScheduler } from '../../electron/app/reviewScheduler.js';
import { createIpcGate } from '../../electron/app/ipcGate.js';
import { qrPictureReaderIn } from '../../electron/core/bundle/qr/readQrPictureInWorker.js';
import { GuardianError } from '../../electron/core/errors.js';
import { rendererFilePath, rendererResponseHeaders } from '../../electron/window/rendererProtocol.js';

const rendererDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/** Serves the built renderer on loopback with the same file policy and headers (CSP included) as the app's protocol. */
async function serveRenderer(): Promise<{ url: string; server: Server }> {
  let origin = '';
  const server = createServer((req, res) => {
    const path = rendererFilePath(new URL(req.url ?? '/', origin).href, rendererDir, origin);
    if (!path) return void res.writeHead(404).end();
    readFile(path)
      .then((body) => res.writeHead(200, rendererResponseHeaders(path)).end(body))
      .catch(() => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/index.html`, server };
}

/** The preload's twin for the test page, bundled from the same modules the preload bundles. */
async function bridgeInitScript(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./bridgeInit.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

export interface RendererSession {
  browser: Browser;
  page: Page;
  url: string;
  /** What the page put on the clipboard through clipboard.writeHash, oldest first. */
  clipboard: string[];
  /** Console errors and CSP violations the page reported; a clean screen leaves this empty. */
  pageErrors: string[];
  /** The reviews the main process runs unasked (pulled and imported transactions). */
  backgroundReviews: ReviewScheduler;
  close(): Promise<void>;
}

/** A screen test that gives no device has none plugged in, as a station with its Ledger in the drawer. */
const noLedger = () =>
  Promise.reject(
    new GuardianError(
      'DEVICE_NOT_FOUND',
      'No Ledger found. Plug it in with a data cable, unlock it with its PIN, then try again.',
    ),
  );

/**
 * Opens the real renderer in Debian's Chromium with window.guardian bridged to the real main-process gate and
 * handlers (what ipcMain.handle calls in the app), the calling frame checked as the app checks it.
 */
export async function openRenderer(
  services: Omit<MainServices, 'clipboard' | 'openLedger'> & Partial<Pick<MainServices, 'openLedger'>>,
): Promise<RendererSession> {
  const { url, server } = await serveRenderer();
  const clipboard: string[] = [];
  const pageErrors: string[] = [];
  const log = (message: string, error: unknown) => void pageErrors.push(`${message}: ${String(error)}`);
  const { handlers, backgroundReviews, drill, devices } = createMainHandlers({
    openLedger: noLedger,
    // The app's own way: on the worker thread `node scripts/build.mjs` emits beside the main bundle.
    readQrPicture: qrPictureReaderIn(join(process.cwd(), 'dist/electron/qrPictureWorker.cjs')),
    log,
    ...services,
    clipboard: { writeText: (text) => void clipboard.push(text) },
  });
  const invoke = createIpcGate(handlers, url, log);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.exposeBinding('__guardianInvoke', ({ frame }, channel: unknown, payload: unknown) =>
      invoke({ url: frame.url(), isMainFrame: frame === page.mainFrame() }, channel, payload),
    );
    await page.addInitScript({ content: await bridgeInitScript() });
    return {
      browser,
      page,
      url,
      clipboard,
      pageErrors,
      backgroundReviews,
      async close() {
        await browser.close();
        devices.stop();
        // No anvil a review started is left running after the test.
        await backgroundReviews.idle();
        await drill.settled();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  } catch (error) {
    await browser.close();
    server.close();
    throw error;
  }
}
