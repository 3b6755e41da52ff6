import { Interface, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../../test/store/tempStores.js';
import { createSafeTx } from '../core/safe/safeTx.js';
import { safeTxHash } from '../core/safe/safeTxHash.js';
import { importedFile } from './importedFile.js';

const stores = tempStores('imported-file');
const safe = Wallet.createRandom().address;
const vault = Wallet.createRandom().address;
const pause = new Interface(['function pause()']).encodeFunctionData('pause');
const unpause = new Interface(['function unpause()']).encodeFunctionData('unpause');
const batch = JSON.stringify({
  version: '1.0',
  chainId: '1',
  meta: { name: 'Unpause', createdFromSafeAddress: safe },
  transactions: [{ to: vault, value: '0', data: unpause }],
});

/** A Safe pulled at nonce 4 with nonces 4 and 5 queued. */
function pulledStore() {
  const store = stores.store();
  store.addWatchedSafe({ chainId: 1n, address: safe, serviceUrl: null, rpcUrl: null, label: null });
  store.saveSafeInfo({
    chainId: 1n,
    address: safe,
    owners: [Wallet.createRandom().address],
    threshold: 1,
    nonce: 4n,
    version: '1.4.1',
  });
  const queued = [3n, 4n, 5n].map((nonce) =>
    createSafeTx({ chainId: 1n, safe, safeVersion: '1.4.1', to: vault, data: pause, nonce }),
  );
  store.saveQueueItems(
    queued.map((t) => ({
      safeTx: t,
      safeTxHash: safeTxHash(t),
      claimedSafeTxHash: safeTxHash(t),
      source: { kind: 'service' as const, url: 'x' },
      confirmations: [],
      fetchedAt: 'now',
    })),
  );
  return { store, queued };
}

describe('importing a batch that carries no nonce', () => {
  it('stores nothing and offers the first free nonce after the queue, naming what each queued nonce holds', async () => {
    const { store, queued } = pulledStore();
    const result = await importedFile(store, 'unpause.json', batch);
    expect(result).toEqual({
      kind: 'needs-nonce',
      nonceChoice: {
        safe,
        safeNonce: '4',
        suggested: '6',
        // Nonce 3 is history (behind the Safe's next): not offered, not a collision.
        queued: [
          { nonce: '4', safeTxHashes: [safeTxHash(queued[1]!).toLowerCase()] },
          { nonce: '5', safeTxHashes: [safeTxHash(queued[2]!).toLowerCase()] },
        ],
      },
      imported: [],
      signatures: [],
      refused: [],
    });
    expect(store.listQueueItems()).toHaveLength(3);
  });

  it('stores it at the chosen nonce, a queued one included (a replacement)', async () => {
    const { store } = pulledStore();
    const result = await importedFile(store, 'unpause.json', batch, 5n);
    expect(result.kind).toBe('queue-file');
    const stored = store.listQueueItems().filter((i) => i.safeTx.data === unpause);
    expect(stored.map((i) => [i.safeTx.nonce, i.safeTxHash.toLowerCase()])).toEqual([
      [5n, result.imported[0]!.safeTxHash],
    ]);
  });

  it('refuses a nonce the Safe has already used, and stores nothing', async () => {
    const { store } = pulledStore();
    await expect(importedFile(store, 'unpause.json', batch, 3n)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('its next nonce is 4'),
    });
    expect(store.listQueueItems()).toHaveLength(3);
  });
});
