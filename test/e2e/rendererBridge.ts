import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHandlers, invokeChannel, type MainServices } from '../../electron/app/ipcHandlers.js';

const rendererDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** Serves the built renderer on loopback, as Electron would load it from disk. */
async function serveRenderer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(join(rendererDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(rendererDir)) return void res.writeHead(403).end();
    readFile(path.endsWith('/') ? join(path, 'index.html') : path)
      .then((body) => res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body))
      .catch(() => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`, server };
}

export interface RendererSession {
  browser: Browser;
  page: Page;
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the real renderer in Debian's Chromium with window.guardian bridged to the real main-process handlers
 * (the same invokeChannel gate Electron's ipcMain uses), in the shape the preload exposes.
 */
export async function openRenderer(services: MainServices): Promise<RendererSession> {
  const { url, server } = await serveRenderer();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  const handlers = createHandlers(services);
  await page.exposeFunction('__guardianInvoke', (channel: unknown, payload: unknown) => invokeChannel(handlers, channel, payload));
  await page.addInitScript(() => {
    const bridge = (window as unknown as { __guardianInvoke: (c: string, p: unknown) => Promise<unknown> }).__guardianInvoke;
    Object.defineProperty(window, 'guardian', { value: Object.freeze({ invoke: (channel: string, payload: unknown) => bridge(channel, payload) }) });
  });
  return {
    browser,
    page,
    url,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
