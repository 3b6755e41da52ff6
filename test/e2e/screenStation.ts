import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import type { RendererSession } from './rendererBridge.js';

/** Where the screen tests leave their screenshots, for a person to look at. */
export const screenshots = join(process.cwd(), 'test-results');

/** A screen's text with its layout whitespace folded, so an assertion reads as the sentence a person sees. */
export const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A station's first start for one screen test: a fresh data folder, its store, and the screenshots folder. */
export function openStation(prefix: string): { dir: string; store: Store } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(screenshots, { recursive: true });
  return { dir, store: openStore({ dataDir: dir }) };
}

/** Closes the page, then the store, then removes the folder; any of them may be missing after a failed start. */
export async function closeStation(station: { session?: RendererSession; store?: Store; dir?: string }): Promise<void> {
  await station.session?.close();
  station.store?.close();
  if (station.dir) rmSync(station.dir, { recursive: true, force: true });
}
