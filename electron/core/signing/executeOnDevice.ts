import { JsonRpcProvider } from 'ethers';
import { GuardianError } from '../errors.js';
import { LedgerEthApp } from '../ledger/ethApp.js';
import type { Transport } from '../ledger/ledgerLibraries.js';
import { ledgerPath, parseLedgerPath } from '../ledger/ledgerPaths.js';
import type { Store } from '../store/openStore.js';
import { executeQueueItem, type ExecutionProgress } from './executeQueueItem.js';

export interface ExecuteOnDeviceOptions {
  store: Store;
  /** The Ledger whose account sends the execution and pays its gas (it need not be an owner). */
  openDevice: () => Promise<Transport>;
  safeTxHash: string;
  /** The chain to send to; the Safe's stored RPC when absent. */
  rpcUrl?: string;
  /** The sending account's path; Ledger Live's first account when absent. */
  path?: string;
  onProgress?: (progress: ExecutionProgress) => void;
}

/** Executes a queued transaction whose threshold is met, the same way from the CLI and the app (executeQueueItem). */
export async function executeOnDevice(
  options: ExecuteOnDeviceOptions,
): Promise<{ transactionHash: string; success: boolean }> {
  const { store } = options;
  const item = store.getQueueItem(options.safeTxHash);
  const rpcUrl = options.rpcUrl ?? store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe)?.rpcUrl;
  if (!rpcUrl)
    throw new GuardianError(
      'INVALID_INPUT',
      'No RPC URL for this Safe: add it with guardian safe add --rpc (or give --rpc).',
    );
  const provider = new JsonRpcProvider(rpcUrl, Number(item.safeTx.chainId), { staticNetwork: true });
  try {
    const transport = await options.openDevice();
    try {
      return await executeQueueItem({
        store,
        app: new LedgerEthApp(transport),
        provider,
        safeTxHash: item.safeTxHash,
        path: options.path ? parseLedgerPath(options.path) : ledgerPath('ledger-live', 0),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    } finally {
      await transport.close();
    }
  } finally {
    provider.destroy();
  }
}
