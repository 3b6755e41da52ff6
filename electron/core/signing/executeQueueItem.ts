import { Contract, getAddress, Interface, Transaction, type JsonRpcProvider } from 'ethers';
import { recordNestedApproval } from './recordNestedApproval.js';
import { GuardianError } from '../errors.js';
import type { LedgerEthApp } from '../ledger/ethApp.js';
import { onChainSignatureChecks } from '../safe/onChainSignatureChecks.js';
import { decodeSafeSignatures, encodeSafeSignatures, type SafeSignature } from '../safe/safeSignature.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { verifySafeSignatures } from '../safe/verifySafeSignatures.js';
import { chainSignatureEvidence } from '../safe/chainSignatureEvidence.js';
import type { Store } from '../store/openStore.js';
import { verifiedConfirmations } from '../bundle/verifiedConfirmations.js';
import { execTransactionCalldata } from '../simulate/execTransactionCalldata.js';

export const safeAbi = new Interface([
  'function getOwners() view returns (address[])',
  'function getThreshold() view returns (uint256)',
  'function nonce() view returns (uint256)',
  'function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool)',
  'event ExecutionSuccess(bytes32 txHash, uint256 payment)',
  'event ExecutionFailure(bytes32 txHash, uint256 payment)',
]);

export type ExecutionProgress =
  | { stage: 'checking-chain' }
  | { stage: 'final-simulation' }
  | { stage: 'awaiting-approval'; to: string; nonce: number }
  | { stage: 'broadcast'; transactionHash: string }
  | { stage: 'mined'; blockNumber: number; success: boolean };

/** The Safe needs gas for its inner call beyond the estimate's exact fit (EIP-150's 63/64 rule). */
export const executionGasLimit = (estimate: bigint) => (estimate * 13n) / 10n;

export interface ExecuteOptions {
  store: Store;
  app: LedgerEthApp;
  provider: JsonRpcProvider;
  safeTxHash: string;
  /** The Ledger path of the account that pays for gas; it need not be an owner. */
  path: string;
  onProgress?: (progress: ExecutionProgress) => void;
}

export function asSafeSignature(owner: string, signature: string): SafeSignature {
  const [part] = decodeSafeSignatures(signature, 1);
  if (part!.kind === 'contract') return { signer: owner, kind: 'contract', data: part!.contractSignature ?? '0x' };
  return { signer: owner, kind: part!.kind, data: part!.staticPart };
}

/**
 * Executes a queued transaction once its threshold is met: the owners, threshold and nonce are read from the
 * chain (not the store), the signatures are checked as the contract will check them, the exact call is run
 * once more with eth_call, and only then is an EIP-1559 transaction signed on the Ledger and sent.
 */
export async function executeQueueItem(
  options: ExecuteOptions,
): Promise<{ transactionHash: string; success: boolean }> {
  const { store, app, provider } = options;
  const progress = options.onProgress ?? (() => {});
  const item = store.getQueueItem(options.safeTxHash);
  const tx = item.safeTx;
  const hash = safeTxHash(tx);
  progress({ stage: 'checking-chain' });
  const safe = new Contract(tx.safe, safeAbi, provider);
  const [owners, threshold, nonce] = (await Promise.all([
    safe.getFunction('getOwners')(),
    safe.getFunction('getThreshold')(),
    safe.getFunction('nonce')(),
  ])) as [string[], bigint, bigint];
  if (nonce !== tx.nonce)
    throw new GuardianError(
      'SIGNING_REFUSED',
      `The Safe's nonce is ${nonce}, this transaction's is ${tx.nonce}: it cannot execute now.`,
    );
  // Every stored signature verified again against the owners the chain has now; only proven ones are packed, so
  // one refused row (edited on disk, never approved) costs only itself.
  const { verdicts } = await verifiedConfirmations(store, item.safeTxHash, {
    evidence: chainSignatureEvidence(provider, tx, 'the execution RPC'),
    owners,
  });
  const usable = verdicts
    .filter((v) => v.status === 'valid')
    .map((v) => asSafeSignature(getAddress(v.owner), v.confirmation.signature));
  if (usable.length < Number(threshold)) {
    throw new GuardianError(
      'SIGNING_REFUSED',
      `${usable.length} of ${threshold} required owner signatures are here; collect ${Number(threshold) - usable.length} more before executing.`,
    );
  }
  const chosen = usable.slice(0, Number(threshold));
  const packed = encodeSafeSignatures(chosen);
  await verifySafeSignatures(
    hash,
    packed,
    { owners, threshold: Number(threshold) },
    onChainSignatureChecks(provider, tx),
  );

  const data = execTransactionCalldata(tx, packed);
  const { address: executor } = await app.getAddress(options.path);
  progress({ stage: 'final-simulation' });
  try {
    const [ok] = safeAbi.decodeFunctionResult(
      'execTransaction',
      await provider.call({ from: executor, to: tx.safe, data }),
    ) as unknown as [boolean];
    if (!ok) throw new Error('execTransaction returned false: the inner call would fail');
  } catch (cause) {
    throw new GuardianError(
      'SIMULATION_FAILED',
      `The final simulation of the execution failed: ${(cause as { shortMessage?: string; message: string }).shortMessage ?? (cause as Error).message}. Nothing was sent.`,
      { cause },
    );
  }
  const [gas, fees, accountNonce] = await Promise.all([
    provider.estimateGas({ from: executor, to: tx.safe, data }),
    provider.getFeeData(),
    provider.getTransactionCount(executor, 'pending'),
  ]);
  const unsigned = Transaction.from({
    type: 2,
    chainId: tx.chainId,
    nonce: accountNonce,
    to: tx.safe,
    data,
    value: 0n,
    gasLimit: executionGasLimit(gas),
    maxFeePerGas: fees.maxFeePerGas ?? fees.gasPrice ?? 1n,
    maxPriorityFeePerGas: fees.maxPriorityFeePerGas ?? 0n,
  });
  progress({ stage: 'awaiting-approval', to: tx.safe, nonce: accountNonce });
  const signed = await app.signTransaction(options.path, unsigned);
  if (signed.from?.toLowerCase() !== executor.toLowerCase()) {
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `The device signed the execution as ${signed.from}, not as ${executor}. Nothing was sent.`,
    );
  }
  store.appendAudit({
    kind: 'execution-sent',
    safeTxHash: item.safeTxHash,
    actor: executor,
    details: { transactionHash: signed.hash, signers: chosen.map((s) => s.signer) },
  });
  const response = await provider.broadcastTransaction(signed.serialized);
  progress({ stage: 'broadcast', transactionHash: response.hash });
  const receipt = await response.wait();
  const success = Boolean(
    receipt?.logs.some(
      (log) =>
        log.address.toLowerCase() === tx.safe.toLowerCase() &&
        log.topics[0] === safeAbi.getEvent('ExecutionSuccess')!.topicHash,
    ),
  );
  progress({ stage: 'mined', blockNumber: receipt?.blockNumber ?? 0, success });
  store.appendAudit({
    kind: 'execution',
    safeTxHash: item.safeTxHash,
    actor: executor,
    details: { transactionHash: response.hash, success, blockNumber: receipt?.blockNumber },
  });
  // An owner Safe that just approved another Safe's transaction: that one now holds its (chain-checked) approval.
  if (success) recordNestedApproval(store, item);
  return { transactionHash: response.hash, success };
}
