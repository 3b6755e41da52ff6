import { GuardianError } from '../errors.js';
import { LedgerEthApp } from '../ledger/ethApp.js';
import { findOwnerPath } from '../ledger/findOwnerPath.js';
import type { Transport } from '../ledger/ledgerLibraries.js';
import { parseLedgerPath } from '../ledger/ledgerPaths.js';
import type { SafeTxSigningResult, SigningMode, SigningProgress } from '../ledger/signSafeTx.js';
import type { CarriedState } from '../simulate/replaySimulation.js';
import { withFork } from '../simulate/withFork.js';
import type { Store } from '../store/openStore.js';
import { postConfirmation } from './postConfirmation.js';
import { quorumStatus, type QuorumStatus } from '../safe/quorum.js';
import { verifiedConfirmations } from '../bundle/verifiedConfirmations.js';
import type { ReviewSource } from './reviewForSigning.js';
import { signQueueItem } from './signQueueItem.js';

/** Where a signing at a station stands: the review that gates it first, then the device's own steps. */
export type StationProgress = { stage: 'reviewing'; from: 'fork' | 'bundle' } | SigningProgress;

export interface SignOnDeviceOptions {
  store: Store;
  /** The Ledger to sign with: over USB HID in the app and the CLI, a software device in the tests. */
  openDevice: () => Promise<Transport>;
  safeTxHash: string;
  /** A derivation path; when absent the first `scan` Ledger Live, legacy and BIP44 paths are searched for an owner. */
  path?: string;
  scan?: number;
  mode: SigningMode;
  /** Codes of critical findings the guardian explicitly acknowledged. */
  acknowledged: readonly string[];
  /** The device shows the owner's address for the guardian to confirm before it signs. */
  showAddress?: boolean;
  /** Send the signature to the Safe's Transaction Service once it is stored (when the Safe has one). */
  post: boolean;
  /**
   * On an air-gapped station: the pre-state a review bundle carried, replayed instead of forking the chain.
   * When absent and the Safe has no RPC here, the one kept when its bundle was imported.
   */
  carried?: CarriedState;
  onProgress?: (progress: StationProgress) => void;
}

export interface StationSigning {
  result: SafeTxSigningResult;
  posted: boolean;
  /** Why posting failed: the signature is stored all the same, and can be posted again. */
  postFailure: GuardianError | null;
  quorum: QuorumStatus;
}

/**
 * One guardian signs a queued transaction at this station, the same way from the CLI and the app: the device
 * opened, the owner's path found, the transaction reviewed again on a fresh fork or from a bundle's carried
 * pre-state (the gate), signed and stored (signQueueItem), then posted, and the quorum read back from what is stored.
 */
export async function signOnDevice(options: SignOnDeviceOptions): Promise<StationSigning> {
  const { store } = options;
  const item = store.getQueueItem(options.safeTxHash);
  const info = store.getSafeInfo(item.safeTx.chainId, item.safeTx.safe);
  if (!info)
    throw new GuardianError('SIGNING_REFUSED', 'Pull the Safe first (guardian queue): its owners are not known here.');
  const watched = store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe);
  const transport = await options.openDevice();
  try {
    const app = new LedgerEthApp(transport);
    const path = options.path
      ? parseLedgerPath(options.path)
      : (await findOwnerPath(app, info.owners, { scan: options.scan ?? 5 })).path;
    const sign = (simulationProvider: ReviewSource) =>
      signQueueItem({
        store,
        app,
        safeTxHash: item.safeTxHash,
        path,
        simulationProvider,
        mode: options.mode,
        acknowledged: options.acknowledged,
        ...(options.showAddress ? { showAddress: true } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    // The review that gates the signature: on a fresh fork when this station has the chain, otherwise on the
    // pre-state a bundle brought (air-gapped); with neither it cannot run, and signing is refused.
    const carried = options.carried ?? (watched?.rpcUrl ? null : store.getCarriedState(item.safeTxHash));
    options.onProgress?.({ stage: 'reviewing', from: carried ? 'bundle' : 'fork' });
    const result = carried
      ? await sign({ carried })
      : watched?.rpcUrl
        ? await withFork(watched.rpcUrl, item.safeTx.chainId, sign)
        : await sign(null);
    let posted = false;
    let postFailure: GuardianError | null = null;
    if (watched?.serviceUrl && options.post) {
      try {
        await postConfirmation(store, {
          serviceUrl: watched.serviceUrl,
          safeTxHash: item.safeTxHash,
          owner: result.signer,
        });
        posted = true;
      } catch (error) {
        if (!(error instanceof GuardianError)) throw error;
        postFailure = error;
      }
    }
    const { quorum } = await verifiedConfirmations(store, item.safeTxHash);
    return { result, posted, postFailure, quorum: quorum ?? quorumStatus(info.owners, info.threshold, []) };
  } finally {
    await transport.close();
  }
}
