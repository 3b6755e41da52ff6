import { AddressBook } from '../decode/addressBook.js';
import { readArtifactAbis } from '../decode/artifactAbis.js';
import { storedDecodeOptions } from '../store/storedDecodeOptions.js';
import { GuardianError } from '../errors.js';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import type { Store } from '../store/openStore.js';
import { startAnvil } from './anvilProcess.js';
import { readArtifactLayouts } from './artifactLayouts.js';
import { batchingRpc } from './batchingRpc.js';
import type { CarriedState } from '../primitives/carriedState.js';
import { recordReview, recordReviewFailure } from './recordReview.js';
import { carriedState, readsNotCarried, verifyCarriedState, writeCarriedState } from './replaySimulation.js';
import { reviewSafeTx, type Review, type ReviewInput } from './reviewSafeTx.js';
import { safeStateOnChain } from './safeStateOnChain.js';
import type { RpcClient } from './simulateSafeTx.js';
import type { SimulationProgress } from '../primitives/simulationTypes.js';
import { collectStateProofs } from './verifyStateProof.js';
import { withFork } from './withFork.js';

export interface ReviewRequest {
  store: Store;
  tx: SafeTx;
  /** The RPC to fork; without it, the watched Safe's. */
  rpcUrl?: string;
  /** A carried pre-state to replay with no network; without it (and without an RPC), the one an imported bundle kept. */
  replay?: CarriedState;
  /** Also carry what the simulation read, with EIP-1186 proofs of it, for an air-gapped station. */
  carry?: boolean;
  /** A folder of compiled artifacts: their ABIs decode calls, their storage layouts name slots. */
  artifactsDir?: string;
  /** The book the decode names addresses in; the review adds what it learns. Without it, a fresh one. */
  addressBook?: AddressBook;
  onProgress?: (progress: SimulationProgress) => void;
}

export interface ReviewedTransaction {
  review: Review;
  /** True when the review ran on a carried pre-state, not on a fork of the chain. */
  replayed: boolean;
  /** For a replay: whether the carried state was proven against its block's state root. */
  proof: 'proven' | 'unproven' | null;
  /** With `carry`: the pre-state to write for a station, and whether the chain gave proofs of it. */
  carried: CarriedState | null;
  /** The names the review gave addresses (the store's, the Safe's deployments, its owners): a screen shows them. */
  addressBook: AddressBook;
}

/**
 * One review of one transaction, the way every front end asks for it (the CLI's review verb; the app can adopt
 * it): on a fork of the Safe's chain, or replayed from a carried pre-state with no network, optionally carrying
 * the pre-state on, and recorded in the audit log either way; one that fails is recorded too ('review-failed').
 * Owners, threshold and nonce come from the store when the Safe was pulled, else from the chain (or the carried
 * state) itself, so a Safe never pulled here is still reviewed, on what the chain says rather than on nothing.
 */
export async function reviewTransaction(given: ReviewRequest): Promise<ReviewedTransaction> {
  const addressBook = given.addressBook ?? new AddressBook();
  const request = { ...given, addressBook };
  const { store, tx } = request;
  const onProgress = request.onProgress ?? (() => {});
  let outcome: Omit<ReviewedTransaction, 'addressBook'>;
  let replayed = request.replay !== undefined;
  try {
    if (request.replay) outcome = await replayCarried(request, request.replay, onProgress);
    else {
      const rpcUrl = request.rpcUrl ?? store.getWatchedSafe(tx.chainId, tx.safe)?.rpcUrl;
      // Air-gapped: the pre-state an imported review bundle brought for this very transaction.
      const kept = rpcUrl ? null : store.getCarriedState(safeTxHash(tx));
      replayed = !rpcUrl && kept !== null;
      if (rpcUrl) outcome = await reviewOnFork(request, rpcUrl, onProgress);
      else if (kept) outcome = await replayCarried(request, kept, onProgress);
      else
        throw new GuardianError(
          'INVALID_INPUT',
          `No RPC URL for Safe ${tx.chainId}:${tx.safe}, and no review bundle imported for this transaction: give --rpc, add it with guardian safe add, or import its bundle.`,
        );
    }
  } catch (error) {
    recordReviewFailure(store, tx, error, { replayed });
    throw error;
  }
  recordReview(store, outcome.review, { replayed: outcome.replayed, book: addressBook });
  return { ...outcome, addressBook };
}

/** What the review needs beyond the chain: from the store when the Safe was pulled, else from the chain itself. */
async function reviewInput(
  request: ReviewRequest,
  rpc: RpcClient,
  onProgress: (p: SimulationProgress) => void,
): Promise<ReviewInput> {
  const { store, tx, artifactsDir } = request;
  const info = store.getSafeInfo(tx.chainId, tx.safe);
  const state = info
    ? { owners: info.owners, threshold: info.threshold, nonce: info.nonce }
    : await safeStateOnChain(rpc, tx.safe);
  return {
    provider: rpc,
    tx,
    owners: state.owners,
    threshold: state.threshold,
    safeNonce: state.nonce,
    queuedNonces: store.listQueueItems({ chainId: tx.chainId, safe: tx.safe }).map((i) => i.safeTx.nonce),
    decodeOptions: storedDecodeOptions(
      store,
      tx.chainId,
      tx.safe,
      artifactsDir ? readArtifactAbis(artifactsDir) : [],
      request.addressBook,
    ),
    layouts: artifactsDir ? readArtifactLayouts(artifactsDir) : [],
    onProgress,
  };
}

/** Rebuilds the carried state in a fresh anvil with no fork and no network, and reviews there. */
async function replayCarried(
  request: ReviewRequest,
  carried: CarriedState,
  onProgress: (p: SimulationProgress) => void,
): Promise<Omit<ReviewedTransaction, 'addressBook'>> {
  const anvil = await startAnvil({ chainId: request.tx.chainId });
  try {
    const rpc = batchingRpc(anvil.rpcUrl);
    // The owners may have to be read from the carried state itself: written first, verified before any review.
    await writeCarriedState(rpc, carried);
    const input = await reviewInput(request, rpc, onProgress);
    const proof = verifyCarriedState(carried, input);
    onProgress({
      stage: 'preparing',
      detail: `carried state loaded, ${proof === 'proven' ? `proven against the state root of block ${BigInt(carried.block.number)}, hash ${carried.block.hash ?? carried.header?.hash} (compare it with a second source)` : 'UNPROVEN: no state proofs were carried'}`,
    });
    const review = await reviewSafeTx({ ...input, blockEnv: carried.block, carry: true });
    const unheld = readsNotCarried(review.simulation.prestate, carried.prestate);
    if (proof === 'proven' && unheld.length > 0)
      throw new GuardianError(
        'STATE_PROOF_INVALID',
        `The replay read ${unheld.length} value(s) the carried state does not hold, which no proof vouches for (first: ${unheld[0]}). Carry the pre-state again.`,
        { details: { unheld: unheld.slice(0, 20) } },
      );
    return { review, replayed: true, proof, carried: null };
  } finally {
    await anvil.stop();
  }
}

async function reviewOnFork(
  request: ReviewRequest,
  rpcUrl: string,
  onProgress: (p: SimulationProgress) => void,
): Promise<Omit<ReviewedTransaction, 'addressBook'>> {
  return withFork(
    rpcUrl,
    request.tx.chainId,
    async (_provider, forkRpcUrl) => {
      const rpc = batchingRpc(forkRpcUrl);
      const review = await reviewSafeTx({
        ...(await reviewInput(request, rpc, onProgress)),
        carry: request.carry === true,
      });
      if (!request.carry) return { review, replayed: false, proof: null, carried: null };
      const proofs = await collectStateProofs(rpc, review.simulation.prestate, review.simulation.chainTag);
      return { review, replayed: false, proof: null, carried: carriedState(review.simulation, proofs) };
    },
    onProgress,
  );
}
