import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openStore, type Store } from '../../electron/core/store/openStore.js';

/**
 * Stores in fresh temporary folders for one test file: everything opened is closed, and every folder removed,
 * after each test. Call it once at the top of the file.
 */
export function tempStores(prefix: string) {
  const dirs: string[] = [];
  const open: Array<{ close(): void }> = [];
  afterEach(() => {
    for (const thing of open.splice(0)) thing.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dir = (): string => {
    const made = mkdtempSync(join(tmpdir(), `guardian-${prefix}-`));
    dirs.push(made);
    return made;
  };
  /** Closed after the test: a store, or a raw DatabaseSync on one. */
  const keep = <T extends { close(): void }>(thing: T): T => {
    open.push(thing);
    return thing;
  };
  return {
    dir,
    keep,
    store: (): Store => keep(openStore({ dataDir: dir() })),
    /** A store and the folder it lives in. */
    storeIn: (): { store: Store; dir: string } => {
      const folder = dir();
      return { store: keep(openStore({ dataDir: folder })), dir: folder };
    },
  };
}
