/** What a station keeps that the response figures are computed from: service items, local signatures, executions. */
import { toBeHex, Wallet } from 'ethers';
import type { ExecutedTransaction } from '../../electron/core/safe/executedTransaction.js';
import type { SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { pauseSafeTx } from '../ledger/safeTxFixture.js';

/** Three owners from fixed keys (`keySeed` + 1, 2, 3) and a pause() of their Safe at `nonce`, pending. */
export function pendingPause(keySeed: number, safe: string, nonce: bigint) {
  const [alice, bob, carol] = [1, 2, 3].map((i) => new Wallet(toBeHex(keySeed + i, 32))) as [Wallet, Wallet, Wallet];
  const tx = pauseSafeTx({ chainId: 1n, safe, to: '0x' + '12'.repeat(20), nonce });
  return { alice, bob, carol, owners: [alice.address, bob.address, carol.address], tx, hash: safeTxHash(tx) };
}

/** A pending transaction as the service lists it: proposed at `submittedAt`, confirmed there by each signer. */
export function saveServiceItem(
  store: Store,
  tx: SafeTx,
  item: { url: string; submittedAt: string; confirmations: Array<{ signer: Wallet; submittedAt: string }> },
): void {
  const hash = safeTxHash(tx);
  store.saveQueueItems([
    {
      safeTx: tx,
      safeTxHash: hash,
      claimedSafeTxHash: hash,
      source: { kind: 'service', url: item.url },
      submittedAt: item.submittedAt,
      confirmations: item.confirmations.map(({ signer, submittedAt }) => ({
        owner: signer.address,
        signature: signer.signingKey.sign(hash).serialized,
        submittedAt,
      })),
      fetchedAt: 'now',
    },
  ]);
}

/** As signQueueItem keeps a signature made here: the confirmation, and its audit entry with what was checked. */
export function keepLocalSignature(
  store: Store,
  hash: string,
  signer: Wallet,
  details: (signature: string) => object,
): void {
  const signature = signer.signingKey.sign(hash).serialized;
  store.addConfirmation(hash, { owner: signer.address, signature, submittedAt: new Date().toISOString() }, 'local');
  store.appendAudit({ kind: 'signature', safeTxHash: hash, actor: signer.address, details: details(signature) });
}

/** Earlier executions of one Safe, each proposed at 2026-11-01 00:00Z and executed `minutes` later, nonces 0, 1, ... */
export function saveExecutions(
  store: Store,
  at: { chainId: bigint; safe: string },
  minutes: number[],
  sourceOf: (index: number) => ExecutedTransaction['executedAtSource'] = () => 'service',
): void {
  const time = (m: number) => new Date(Date.parse('2026-11-01T00:00:00Z') + m * 60_000).toISOString();
  store.saveExecutedTransactions(
    minutes.map((m, i) => ({
      chainId: at.chainId,
      safe: at.safe,
      safeTxHash: `0x${(i + 1).toString(16).padStart(64, '0')}`,
      nonce: BigInt(i),
      proposedAt: time(0),
      executedAt: time(m),
      executedAtSource: sourceOf(i),
      transactionHash: null,
    })),
  );
}
