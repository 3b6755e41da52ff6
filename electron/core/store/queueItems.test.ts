import { DatabaseSync } from 'node:sqlite';
import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../../../test/store/tempStores.js';
import type { QueueItem } from '../safe/queueItem.js';
import { createSafeTx, Operation } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { openStore, type Store } from './openStore.js';

const stores = tempStores('queue');
const freshStore = (): Store => stores.store();
const raw = (store: Store): DatabaseSync => stores.keep(new DatabaseSync(store.path));

const safeA = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');
const safeB = getAddress('0x0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b');
const ownerA = getAddress('0x' + 'aa'.repeat(20));
const ownerB = getAddress('0x' + 'bb'.repeat(20));
const sig = (byte: string) => '0x' + byte.repeat(65);

function item(
  nonce: bigint,
  options: { chainId?: bigint; safe?: string; confirmations?: QueueItem['confirmations']; data?: string } = {},
): QueueItem {
  const tx = createSafeTx({
    chainId: options.chainId ?? 1n,
    safe: options.safe ?? safeA,
    safeVersion: '1.4.1',
    to: '0x' + '11'.repeat(20),
    value: 10n ** 30n,
    data: options.data ?? '0xDEADBEEF',
    operation: Operation.DelegateCall,
    safeTxGas: 1n,
    baseGas: 2n,
    gasPrice: 3n,
    gasToken: '0x' + '22'.repeat(20),
    refundReceiver: '0x' + '33'.repeat(20),
    nonce,
  });
  const hash = safeTxHash(tx);
  return {
    safeTx: tx,
    safeTxHash: hash,
    claimedSafeTxHash: hash,
    source: { kind: 'service', url: 'http://127.0.0.1:1/api' },
    confirmations: options.confirmations ?? [],
    fetchedAt: '2026-11-24T00:00:00.000Z',
  };
}

describe('queue items', () => {
  it('round-trips every field, the source and the confirmations', () => {
    const store = freshStore();
    const original: QueueItem = {
      ...item(7n, {
        confirmations: [
          { owner: ownerA, signature: sig('0A'), signatureType: 'EOA', submittedAt: '2026-11-23T10:00:00Z' },
        ],
      }),
      proposer: ownerB,
      submittedAt: '2026-11-23T09:00:00Z',
    };
    const fromFile: QueueItem = {
      ...item(8n),
      claimedSafeTxHash: null,
      source: { kind: 'tx-builder-file', path: '/home/g/batch.json' },
    };
    store.saveQueueItems([original, fromFile]);
    const [a, b] = store.listQueueItems();
    expect(a).toEqual({
      ...original,
      confirmations: [
        {
          owner: ownerA,
          signature: sig('0a'),
          signatureType: 'EOA',
          submittedAt: '2026-11-23T10:00:00Z',
          origin: 'service',
        },
      ],
    });
    expect(b).toEqual(fromFile);
  });

  it('keeps every SafeTx field in its own column, as decimal text and checksummed addresses', () => {
    const store = freshStore();
    const a = item(12n);
    store.saveQueueItems([a]);
    const row = raw(store)
      .prepare(
        'SELECT to_address, value, data, operation, nonce, gas_token, source_kind, source_location FROM queue_items',
      )
      .get();
    expect(row).toEqual({
      to_address: a.safeTx.to,
      value: (10n ** 30n).toString(),
      data: '0xdeadbeef',
      operation: 1,
      nonce: '12',
      gas_token: a.safeTx.gasToken,
      source_kind: 'service',
      source_location: 'http://127.0.0.1:1/api',
    });
  });

  it('lists by chain, Safe and numeric nonce, and filters by chain and Safe in any case', () => {
    const store = freshStore();
    store.saveQueueItems([
      item(100n),
      item(9n),
      item(10n),
      item(0n, { safe: safeB }),
      item(1n, { chainId: 10n }),
      item(2n, { chainId: 2n }),
    ]);
    expect(
      store
        .listQueueItems()
        .map((i) => `${i.safeTx.chainId}/${i.safeTx.safe.slice(0, 4).toLowerCase()}/${i.safeTx.nonce}`),
    ).toEqual(['1/0x0b/0', '1/0x5a/9', '1/0x5a/10', '1/0x5a/100', '2/0x5a/2', '10/0x5a/1']);
    expect(store.listQueueItems({ chainId: 1n, safe: safeA.toLowerCase() }).map((i) => i.safeTx.nonce)).toEqual([
      9n,
      10n,
      100n,
    ]);
    expect(store.listQueueItems({ chainId: 10n }).map((i) => i.safeTx.nonce)).toEqual([1n]);
  });

  it('merges confirmations on a second save without dropping or replacing any already stored', () => {
    const store = freshStore();
    store.saveQueueItems([item(9n, { confirmations: [{ owner: ownerA, signature: sig('01') }] })], 'local');
    // The service later forgets owner A and claims a different signature for them: neither may win.
    store.saveQueueItems([item(9n, { confirmations: [{ owner: ownerB, signature: sig('02') }] })]);
    store.saveQueueItems([item(9n, { confirmations: [{ owner: ownerA.toLowerCase(), signature: sig('03') }] })]);
    expect(store.listQueueItems()[0]!.confirmations).toEqual([
      { owner: ownerA, signature: sig('01'), origin: 'local' },
      { owner: ownerB, signature: sig('02'), origin: 'service' },
    ]);
  });

  it('refuses to store an item whose safeTxHash or claimed hash is not the hash of its fields', () => {
    const store = freshStore();
    const good = item(1n);
    const tampered = { ...item(2n), safeTx: { ...item(2n).safeTx, to: ownerB } };
    expect(() => store.saveQueueItems([good, tampered])).toThrow(expect.objectContaining({ code: 'HASH_MISMATCH' }));
    expect(() => store.saveQueueItems([{ ...good, claimedSafeTxHash: item(3n).safeTxHash }])).toThrow(
      expect.objectContaining({ code: 'HASH_MISMATCH' }),
    );
    // One transaction: the good item of the refused batch did not land either.
    expect(store.listQueueItems()).toEqual([]);
  });
});

describe('addConfirmation', () => {
  it('keeps one confirmation per owner, idempotently, with its origin', () => {
    const store = freshStore();
    const a = item(1n);
    store.saveQueueItems([a]);
    expect(
      store.addConfirmation(
        a.safeTxHash.toUpperCase().replace('0X', '0x'),
        { owner: ownerA.toLowerCase(), signature: sig('0b'), signatureType: 'EOA' },
        'local',
      ),
    ).toBe(true);
    expect(store.addConfirmation(a.safeTxHash, { owner: ownerA, signature: sig('0c') }, 'service')).toBe(false);
    expect(store.addConfirmation(a.safeTxHash, { owner: ownerB, signature: sig('0d'), origin: 'bundle' })).toBe(true);
    expect(store.getQueueItem(a.safeTxHash).confirmations).toEqual([
      { owner: ownerA, signature: sig('0b'), signatureType: 'EOA', origin: 'local' },
      { owner: ownerB, signature: sig('0d'), origin: 'bundle' },
    ]);
  });

  it('refuses a confirmation of a transaction it does not hold, a bad owner or a bad signature', () => {
    const store = freshStore();
    const a = item(1n);
    expect(() => store.addConfirmation(a.safeTxHash, { owner: ownerA, signature: sig('01') }, 'local')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    store.saveQueueItems([a]);
    expect(() => store.addConfirmation(a.safeTxHash, { owner: '0x1234', signature: sig('01') }, 'local')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => store.addConfirmation(a.safeTxHash, { owner: ownerA, signature: '0xabc' }, 'local')).toThrow(
      expect.objectContaining({ code: 'INVALID_SIGNATURE' }),
    );
    expect(() =>
      store.addConfirmation(a.safeTxHash, { owner: ownerA, signature: sig('01') }, 'gossip' as 'local'),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(store.getQueueItem(a.safeTxHash).confirmations).toEqual([]);
  });
});

describe('getQueueItem', () => {
  it('finds a transaction by its full hash or a unique prefix, with or without 0x', () => {
    const store = freshStore();
    const a = item(1n);
    store.saveQueueItems([a, item(2n)]);
    expect(store.getQueueItem(a.safeTxHash).safeTxHash).toBe(a.safeTxHash);
    expect(store.getQueueItem(a.safeTxHash.slice(0, 8).toUpperCase().replace('0X', '0x')).safeTxHash).toBe(
      a.safeTxHash,
    );
    expect(store.getQueueItem(a.safeTxHash.slice(2, 10)).safeTxHash).toBe(a.safeTxHash);
  });

  it('names every candidate when a prefix is ambiguous', () => {
    const store = freshStore();
    // Two real transactions whose hashes share their first 6 hex digits, found by searching nonces.
    const byPrefix = new Map<string, QueueItem>();
    let pair: [QueueItem, QueueItem] | undefined;
    for (let nonce = 0n; !pair && nonce < 100_000n; nonce++) {
      const next = item(nonce);
      const earlier = byPrefix.get(next.safeTxHash.slice(0, 8));
      if (earlier) pair = [earlier, next];
      else byPrefix.set(next.safeTxHash.slice(0, 8), next);
    }
    expect(pair).toBeDefined();
    const [a, b] = pair!;
    store.saveQueueItems([a, b, item(100_001n)]);
    const prefix = a.safeTxHash.slice(0, 8);
    expect(() => store.getQueueItem(prefix)).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(new RegExp(`${a.safeTxHash}.*${b.safeTxHash}|${b.safeTxHash}.*${a.safeTxHash}`)),
      }),
    );
    expect(store.getQueueItem(a.safeTxHash).safeTxHash).toBe(a.safeTxHash);
  });

  it('says NOT_FOUND for an unknown hash and INVALID_INPUT for something that is not a prefix', () => {
    const store = freshStore();
    store.saveQueueItems([item(1n)]);
    expect(() => store.getQueueItem('0x' + 'f'.repeat(64))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    for (const bad of ['0x12345', 'nonce 7', '0x12345g', '%', '0x' + 'a'.repeat(65)]) {
      expect(() => store.getQueueItem(bad)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });
});

describe('queue rows changed outside the console', () => {
  const cases: Array<[string, string]> = [
    ['a field changed under the same hash', "UPDATE queue_items SET to_address = '0x" + '44'.repeat(20) + "'"],
    ['an address that is not one', "UPDATE queue_items SET gas_token = 'nope'"],
    ['a value that is not a whole number', "UPDATE queue_items SET value = '1e18'"],
    ['an operation that does not exist', 'UPDATE queue_items SET operation = 2'],
    ['an unknown source', "UPDATE queue_items SET source_kind = 'telegram'"],
    ['a Safe version nobody can hash', "UPDATE queue_items SET safe_version = '9.9.9'"],
  ];
  for (const [what, sql] of cases) {
    it(`names the table and row for ${what}, and still reads the other rows`, () => {
      const store = freshStore();
      const a = item(1n);
      const b = item(2n);
      store.saveQueueItems([a, b]);
      raw(store).exec(`${sql} WHERE safe_tx_hash = '${a.safeTxHash}'`);
      const expected = expect.objectContaining({
        code: 'STORE_FAILED',
        message: expect.stringContaining(`queue_items (${a.safeTxHash})`),
      });
      const { items, damaged } = store.readQueueItems();
      expect(items.map((i) => i.safeTxHash)).toEqual([b.safeTxHash]);
      expect(damaged).toEqual([expected]);
      expect(store.listQueueItems().map((i) => i.safeTxHash)).toEqual([b.safeTxHash]);
      expect(() => store.getQueueItem(a.safeTxHash)).toThrow(expected);
    });
  }

  it('names the confirmation row with an unknown origin or a garbled signature', () => {
    const store = freshStore();
    const a = item(1n, { confirmations: [{ owner: ownerA, signature: sig('01') }] });
    store.saveQueueItems([a]);
    const db = raw(store);
    db.exec("UPDATE confirmations SET origin = 'rumour'");
    expect(() => store.getQueueItem(a.safeTxHash)).toThrow(
      expect.objectContaining({
        code: 'STORE_FAILED',
        message: expect.stringContaining(`confirmations (${a.safeTxHash}:${ownerA})`),
      }),
    );
    store.saveQueueItems([item(2n)]);
    expect(store.readQueueItems()).toMatchObject({
      items: [{ safeTx: { nonce: 2n } }],
      damaged: [{ code: 'STORE_FAILED', details: { table: 'confirmations' } }],
    });
    db.exec("UPDATE confirmations SET origin = 'local', signature = 'zz'");
    expect(() => store.getQueueItem(a.safeTxHash)).toThrow(
      expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining('signature') }),
    );
  });
});
