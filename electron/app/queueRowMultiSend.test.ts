import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafe, deploySafeContracts, type SafeContracts } from '../../test/chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../../test/chain/testChain.js';
import { throughGate } from '../../test/app/throughGate.js';
import { tempStores } from '../../test/store/tempStores.js';
import { encodeMultiSend } from '../core/primitives/multiSendEncoding.js';
import { createSafeTx } from '../core/safe/safeTx.js';
import { safeTxHash } from '../core/safe/safeTxHash.js';
import { reviewTransaction } from '../core/simulate/reviewTransaction.js';
import { rowNotes } from '../../renderer/views/Queue/rowNotes.js';

const stores = tempStores('queue-row-multisend');
let chain: TestChain;
let contracts: SafeContracts;
let safe: string;
let owners: string[];

beforeAll(async () => {
  chain = await startTestChain();
  contracts = await deploySafeContracts(chain);
  owners = chain.wallets.slice(0, 3).map((w) => w.address);
  safe = await createSafe(chain, contracts, { owners, threshold: 2 });
});
afterAll(async () => chain?.stop());

describe('a queue row after its review recognised the MultiSend by its code', () => {
  it('says the batch the review read, not "to unknown code"', async () => {
    const store = stores.store();
    store.addWatchedSafe({
      chainId: chain.chainId,
      address: safe,
      serviceUrl: null,
      rpcUrl: chain.rpcUrl,
      label: null,
    });
    store.saveSafeInfo({ chainId: chain.chainId, address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1' });
    // The test chain's MultiSendCallOnly is the official code at an address safe-deployments does not list.
    const tx = createSafeTx({
      chainId: chain.chainId,
      safe,
      safeVersion: '1.4.1',
      nonce: 0n,
      to: contracts.multiSendCallOnly,
      operation: 1,
      data: encodeMultiSend(owners.slice(0, 2).map((to) => ({ operation: 0 as const, to, value: 0n, data: '0x' }))),
    });
    const hash = safeTxHash(tx);
    store.saveQueueItems([
      {
        safeTx: tx,
        safeTxHash: hash,
        claimedSafeTxHash: hash,
        source: { kind: 'service', url: 'http://127.0.0.1:1' },
        confirmations: [],
        fetchedAt: new Date().toISOString(),
      },
    ]);
    const [before] = await throughGate(store, 'queue.list');
    expect(before!.decoding?.delegatecallToUnknown).toBe(true);
    expect(rowNotes(before!).map((n) => n.label)).toContain('to unknown code');

    const { review } = await reviewTransaction({ store, tx });
    expect(review.findings.map((f) => f.code)).toContain('MULTISEND_RECOGNISED_BY_CODE');
    expect(review.decoded.flags.delegatecallToUnknown).toBe(false);

    const [after] = await throughGate(store, 'queue.list');
    expect(after!.decoding?.delegatecallToUnknown).toBe(false);
    expect(rowNotes(after!).map((n) => n.label)).not.toContain('to unknown code');
    expect(after!.description).toBe(review.decoded.summary);
    expect(after!.description).not.toMatch(/unknown/i);
  });
});
