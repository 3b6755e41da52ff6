import { Contract, getAddress, type JsonRpcProvider } from 'ethers';
import { tokenAmount } from '../decode/tokenAmount.js';
import type { LedgerEthApp } from '../ledger/ethApp.js';
import { encodeSafeSignatures } from '../safe/safeSignature.js';
import type { Store } from '../store/openStore.js';
import { asSafeSignature, executionGasLimit, safeAbi } from './executeQueueItem.js';
import { execTransactionCalldata } from '../simulate/execTransactionCalldata.js';

const NATIVE = { decimals: 18, symbol: 'native' };

export interface ExecutionPreview {
  sender: string;
  path: string;
  balance: bigint;
  balanceShown: string;
  gasEstimate: bigint | null;
  maxCostShown: string | null;
  estimateFailure: string | null;
}

const reason = (cause: unknown) =>
  (cause as { shortMessage?: string }).shortMessage ?? (cause instanceof Error ? cause.message : String(cause));

/**
 * What executing would cost the account that sends it, before the guardian asks the device to sign: that
 * account's address as the Ledger derives it, its balance on the chain, and the gas of the very execTransaction
 * executeQueueItem would send (the owners and threshold read from the chain, the signatures held here). Nothing
 * is signed or sent; an estimate that cannot be made says why, since that is what the execution would meet.
 */
export async function executionPreview(options: {
  store: Store;
  app: LedgerEthApp;
  provider: JsonRpcProvider;
  safeTxHash: string;
  path: string;
}): Promise<ExecutionPreview> {
  const { store, app, provider, path } = options;
  const item = store.getQueueItem(options.safeTxHash);
  const tx = item.safeTx;
  const { address: sender } = await app.getAddress(path);
  const safe = new Contract(tx.safe, safeAbi, provider);
  const [balance, owners, threshold, fees] = await Promise.all([
    provider.getBalance(sender),
    safe.getFunction('getOwners')() as Promise<string[]>,
    safe.getFunction('getThreshold')() as Promise<bigint>,
    provider.getFeeData(),
  ]);
  const preview = { sender: getAddress(sender), path, balance, balanceShown: tokenAmount(balance, NATIVE) };
  const ownerSet = new Set(owners.map((o) => o.toLowerCase()));
  const usable = item.confirmations
    .filter((c) => ownerSet.has(c.owner.toLowerCase()))
    .map((c) => asSafeSignature(getAddress(c.owner), c.signature));
  if (usable.length < Number(threshold)) {
    return {
      ...preview,
      gasEstimate: null,
      maxCostShown: null,
      estimateFailure: `${usable.length} of ${threshold} required owner signatures are here: the execution would be refused.`,
    };
  }
  const packed = encodeSafeSignatures(usable.slice(0, Number(threshold)));
  const data = execTransactionCalldata(tx, packed);
  try {
    const gas = await provider.estimateGas({ from: sender, to: tx.safe, data });
    const maxFee = fees.maxFeePerGas ?? fees.gasPrice;
    return {
      ...preview,
      gasEstimate: gas,
      maxCostShown: maxFee === null ? null : tokenAmount(executionGasLimit(gas) * maxFee, NATIVE),
      estimateFailure: null,
    };
  } catch (cause) {
    return {
      ...preview,
      gasEstimate: null,
      maxCostShown: null,
      estimateFailure: `The chain would not estimate the execution: ${reason(cause)}.`,
    };
  }
}
