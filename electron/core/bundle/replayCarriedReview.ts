import type { SafeTx } from '../safe/safeTx.js';
import { startAnvil } from '../simulate/anvilProcess.js';
import { providerWithBatchingRpc } from '../simulate/batchingRpc.js';
import { replayReview, type CarriedState } from '../simulate/replaySimulation.js';
import type { Review, ReviewInput } from '../simulate/reviewSafeTx.js';
import type { SimulationProgress } from '../primitives/simulationTypes.js';
import { storedReviewInput } from '../simulate/storedReviewInput.js';
import type { Store } from '../store/openStore.js';

/**
 * Reviews a stored transaction in a fresh anvil with no fork and no network, rebuilt from a carried pre-state
 * (proofs checked against its block first) and run in that block's environment: the review of an air-gapped
 * station, the same for its screen and its signing gate.
 */
export async function replayCarriedReview(
  store: Store,
  tx: SafeTx,
  carried: CarriedState,
  onProgress?: (progress: SimulationProgress) => void,
): Promise<{ review: Review; verdict: 'proven' | 'unproven'; input: ReviewInput }> {
  const anvil = await startAnvil({ chainId: tx.chainId });
  const provider = providerWithBatchingRpc(anvil.rpcUrl, Number(tx.chainId), { staticNetwork: true, cacheTimeout: -1 });
  try {
    const input = { ...storedReviewInput(store, tx, provider), ...(onProgress ? { onProgress } : {}) };
    const { verdict, review } = await replayReview({ ...input, carried });
    return { review, verdict, input };
  } finally {
    provider.destroy();
    await anvil.stop();
  }
}
