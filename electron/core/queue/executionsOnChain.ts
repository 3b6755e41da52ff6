import { id, type Provider } from 'ethers';
import { isGuardianError } from '../errors.js';
import type { ExecutedTransaction } from '../safe/executedTransaction.js';

/** The events in which a Safe names the safeTxHash it executed: in the data up to 1.3.0, in a topic from 1.4.1. */
const EXECUTION_TOPICS = new Set(
  ['ExecutionSuccess(bytes32,uint256)', 'ExecutionFailure(bytes32,uint256)'].map((signature) => id(signature)),
);

/** At most this many executions are asked of the RPC at once: a first pull of a busy Safe must not flood it. */
const CONCURRENCY = 6;

export interface CheckedExecutions {
  executions: ExecutedTransaction[];
  refused: string[];
}

async function checkOne(provider: Provider, e: ExecutedTransaction): Promise<ExecutedTransaction | string> {
  const label = `${e.safeTxHash} (nonce ${e.nonce})`;
  if (!e.transactionHash) return `${label}: the service names no chain transaction that executed it.`;
  const receipt = await provider.getTransactionReceipt(e.transactionHash);
  if (!receipt)
    return `${label}: the chain has no transaction ${e.transactionHash}, which the service says executed it.`;
  const named = receipt.logs.some((log) => {
    if (log.address.toLowerCase() !== e.safe.toLowerCase() || !EXECUTION_TOPICS.has(log.topics[0]?.toLowerCase() ?? ''))
      return false;
    const hash = log.topics.length > 1 ? log.topics[1] : log.data.slice(0, 66);
    return hash?.toLowerCase() === e.safeTxHash.toLowerCase();
  });
  if (!named)
    return `${label}: transaction ${e.transactionHash} did not execute it (the Safe names no such safeTxHash in its events).`;
  const block = await provider.getBlock(receipt.blockNumber);
  if (!block) return `${label}: the chain has no block ${receipt.blockNumber}.`;
  return { ...e, executedAt: new Date(block.timestamp * 1000).toISOString(), executedAtSource: 'chain' };
}

/**
 * Each execution the service reports, checked on the Safe's chain: the transaction it names must carry the
 * Safe's own event for this safeTxHash, and the execution time becomes that block's timestamp. A service
 * could otherwise backdate executions to flatter a team's latency, or list ones that never ran.
 */
export async function executionsOnChain(
  provider: Provider,
  executions: readonly ExecutedTransaction[],
): Promise<CheckedExecutions> {
  const checked: ExecutedTransaction[] = [];
  const refused: string[] = [];
  for (let i = 0; i < executions.length; i += CONCURRENCY) {
    const results = await Promise.all(
      executions.slice(i, i + CONCURRENCY).map((e) =>
        checkOne(provider, e).catch((error: unknown) => {
          // An RPC that fails mid-way leaves the service's word, marked as such, rather than losing the row.
          if (isGuardianError(error) || error instanceof Error) return { ...e, executedAtSource: 'service' as const };
          throw error;
        }),
      ),
    );
    for (const r of results) (typeof r === 'string' ? refused : checked).push(r as never);
  }
  return { executions: checked, refused };
}
