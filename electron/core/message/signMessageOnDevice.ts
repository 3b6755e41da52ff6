import { GuardianError } from '../errors.js';
import { LedgerEthApp } from '../ledger/ethApp.js';
import type { Transport } from '../ledger/ledgerLibraries.js';
import type { Store } from '../store/openStore.js';
import { verifiedMessage } from './messageQuorum.js';
import { postMessageSignature } from './postMessageSignature.js';
import { signSafeMessage, type MessageSigningProgress, type MessageSigningResult } from './signSafeMessage.js';
import { messageWithChainVerdict, type OnChainMessageVerdict } from './verifyMessageOnChain.js';

export interface SignMessageOnDeviceOptions {
  store: Store;
  /** The Ledger: over USB HID in the app and the CLI, a software device in the tests. */
  openDevice: () => Promise<Transport>;
  safeMessageHash: string;
  path?: string;
  scan?: number;
  acknowledged?: readonly string[];
  /** Send the signature to the Safe's Transaction Service once it is stored (when the Safe has one). */
  post: boolean;
  onProgress?: (progress: MessageSigningProgress) => void;
}

export interface MessageStationSigning {
  result: MessageSigningResult;
  posted: boolean;
  /** Why posting failed: the signature is stored all the same and can be posted again (guardian message post). */
  postFailure: GuardianError | null;
  /** The Safe's isValidSignature on the collected signatures, once the threshold is met and an RPC is known. */
  onChain: OnChainMessageVerdict | null;
  /** Why the Safe could not be asked (its RPC down): the signature is stored and posted all the same. */
  onChainFailure: GuardianError | null;
}

/**
 * One guardian signs a stored Safe message at this station, the same way from the CLI and the app: the device
 * opened, the message signed and stored (signSafeMessage), posted, and the Safe asked once the quorum is met.
 */
export async function signMessageOnDevice(options: SignMessageOnDeviceOptions): Promise<MessageStationSigning> {
  const { store } = options;
  const message = store.getSafeMessage(options.safeMessageHash);
  const watched = store.getWatchedSafe(message.chainId, message.safe);
  const transport = await options.openDevice();
  let result: MessageSigningResult;
  try {
    result = await signSafeMessage({
      store,
      app: new LedgerEthApp(transport),
      safeMessageHash: message.safeMessageHash,
      ...(options.path ? { path: options.path } : {}),
      ...(options.scan ? { scan: options.scan } : {}),
      ...(options.acknowledged ? { acknowledged: options.acknowledged } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } finally {
    await transport.close();
  }
  let posted = false;
  let postFailure: GuardianError | null = null;
  if (options.post && watched?.serviceUrl) {
    try {
      await postMessageSignature(store, {
        serviceUrl: watched.serviceUrl,
        safeMessageHash: message.safeMessageHash,
        owner: result.signer,
      });
      posted = true;
    } catch (error) {
      if (!(error instanceof GuardianError)) throw error;
      postFailure = error;
    }
  }
  let onChain: OnChainMessageVerdict | null = null;
  let onChainFailure: GuardianError | null = null;
  try {
    onChain = (await messageWithChainVerdict(store, message.safeMessageHash)).onChain;
  } catch (error) {
    if (!(error instanceof GuardianError)) throw error;
    onChainFailure = error;
  }
  // Read again: posting may have brought other owners' proven signatures.
  return {
    result: { ...result, quorum: verifiedMessage(store, message.safeMessageHash).quorum },
    posted,
    postFailure,
    onChain,
    onChainFailure,
  };
}
