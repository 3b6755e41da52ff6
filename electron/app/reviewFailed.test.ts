import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { pendingPause, saveServiceItem } from '../../test/store/responseFiguresFixture.js';
import { throughGate } from '../../test/app/throughGate.js';
import { tempStores } from '../../test/store/tempStores.js';
import { isGuardianError } from '../core/errors.js';
import { lastReviews } from './lastReviews.js';
import { reviewStoredItem } from './reviewStoredItem.js';

const stores = tempStores('review-failed');
const safe = '0x' + '5c'.repeat(20);

/** A loopback port nothing listens on: the RPC is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a review that could not run', () => {
  it('with its RPC down is written to the audit log as review-failed, with the error code and message, and no verdict', async () => {
    const store = stores.store();
    const { tx, hash } = pendingPause(8800, safe, 0n);
    const rpcUrl = `http://127.0.0.1:${await closedPort()}`;
    store.addWatchedSafe({ chainId: 1n, address: tx.safe, serviceUrl: null, rpcUrl, label: null });
    saveServiceItem(store, tx, { url: 'x', submittedAt: new Date().toISOString(), confirmations: [] });

    const failure = await reviewStoredItem(store, hash, () => {}).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isGuardianError(failure, 'RPC_UNREACHABLE')).toBe(true);

    const [entry, ...others] = store.listAudit({ safeTxHash: hash });
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      kind: 'review-failed',
      safeTxHash: hash.toLowerCase(),
      details: { code: 'RPC_UNREACHABLE', message: (failure as Error).message, replayed: false },
    });
    // A failure is not a verdict: the queue shows no review for it.
    expect(lastReviews(store).has(hash.toLowerCase())).toBe(false);
    const [shown] = await throughGate(store, 'audit.list');
    expect(shown).toMatchObject({ kind: 'review-failed', verdict: null });
    expect(shown!.summary).toBe(`could not run: RPC_UNREACHABLE: ${(failure as Error).message}`);
  });

  it('with no RPC and no carried state is recorded too, saying so', async () => {
    const store = stores.store();
    const { tx, hash } = pendingPause(8900, safe, 1n);
    saveServiceItem(store, tx, { url: 'x', submittedAt: new Date().toISOString(), confirmations: [] });
    await expect(reviewStoredItem(store, hash, () => {})).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(store.listAudit({ safeTxHash: hash }).map((e) => [e.kind, e.details?.['code']])).toEqual([
      ['review-failed', 'INVALID_INPUT'],
    ]);
  });
});
