import { getAddress, Wallet } from 'ethers';
import type { QueueItem } from '../../electron/core/safe/queueItem.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import type { Store } from '../../electron/core/store/openStore.js';

/** Three owners with real keys (fixed, so failures reproduce), and a key that owns nothing. */
export const OWNER_KEYS = [
  new Wallet('0x' + '11'.repeat(32)),
  new Wallet('0x' + '22'.repeat(32)),
  new Wallet('0x' + '33'.repeat(32)),
];
export const STRANGER = new Wallet('0x' + '44'.repeat(32));
export const SAFE = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');

/** A pause-like transaction of the test Safe, by nonce. */
export function pauseItem(nonce: bigint): QueueItem {
  const safeTx = createSafeTx({
    chainId: 1n,
    safe: SAFE,
    safeVersion: '1.4.1',
    to: '0x' + '77'.repeat(20),
    data: '0x8456cb59',
    nonce,
  });
  const hash = safeTxHash(safeTx);
  return {
    safeTx,
    safeTxHash: hash,
    claimedSafeTxHash: hash,
    source: { kind: 'service', url: 'http://127.0.0.1:1/api' },
    confirmations: [],
    fetchedAt: '2026-12-02T00:00:00.000Z',
  };
}

/** An owner's Safe signature as a Ledger makes it over the EIP-712 safeTxHash: r, s, v with v 27 or 28. */
export const signHash = (key: Wallet, hash: string): string => key.signingKey.sign(hash).serialized;

/** A store that knows the Safe (its owners pulled) and holds these transactions. */
export function stationWith(store: Store, items: QueueItem[]): Store {
  store.saveSafeInfo({
    chainId: 1n,
    address: SAFE,
    owners: OWNER_KEYS.map((k) => k.address),
    threshold: 2,
    nonce: 0n,
    version: '1.4.1',
  });
  store.saveQueueItems(items);
  return store;
}
