import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openStore } from '../../electron/core/store/openStore.js';

// What the command-line tests type when no chain is asked: a Safe and a target no chain has, given by hand.
export const SAFE = '0x5afe3855358e112b5647b952709e6165e1c1eeee';
export const TO = '0x9cbd9a5f3b3e8b71ab7e7e1c6b6ef8b8d6e7bc11';

/** A transaction given by flags (chain 1, Safe 1.4.1, nonce 0) as hashes and review take it, some flags replaced. */
export const txFlags = (overrides: Record<string, string> = {}): string[] =>
  Object.entries({
    '--chain-id': '1',
    '--safe': SAFE,
    '--safe-version': '1.4.1',
    '--to': TO,
    '--nonce': '0',
    ...overrides,
  }).flat();

/** A Transaction Builder batch of one pause() from SAFE to TO, as Safe{Wallet} exports it: it carries no nonce. */
export const pauseBatchJson = (): string =>
  JSON.stringify({
    version: '1.0',
    chainId: '1',
    meta: { name: 'Pause', createdFromSafeAddress: SAFE },
    transactions: [{ to: TO, value: '0', data: '0x8456cb59' }],
  });

/** A temporary folder for the file's tests, removed after them; each test names its own data folder in it. */
export function scratchFolder(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    /** GUARDIAN_DATA_DIR for a data folder of that name. */
    env: (name: string) => ({ GUARDIAN_DATA_DIR: join(dir, name) }),
    /** Writes a file of that name, returning its path. */
    file(name: string, text: string): string {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}

/** A data folder watching SAFE on chain 1 through a Transaction Service that refuses (nothing listens on port 9). */
export function watchSafeWithServiceDown(dataDir: string): void {
  const store = openStore({ dataDir });
  store.addWatchedSafe({ chainId: 1n, address: SAFE, serviceUrl: 'http://127.0.0.1:9/api', rpcUrl: null, label: null });
  store.close();
}
