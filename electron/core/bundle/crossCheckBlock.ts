import { GuardianError, isGuardianError } from '../errors.js';
import { batchingRpc } from '../simulate/batchingRpc.js';
import type { CarriedState } from '../simulate/replaySimulation.js';

/** The host alone: an RPC URL often carries an API key in its path, and this is shown and logged. */
function hostOf(rpcUrl: string): string {
  try {
    return new URL(rpcUrl).host || rpcUrl;
  } catch {
    return 'the second RPC';
  }
}

/**
 * Asks a second, independent RPC for the carried block by number: its hash must be the carried one. The proofs
 * bind the pre-state to a state root and the header binds that root to a block hash, but only another source
 * can say that block is the chain's and not one the first RPC made up.
 */
export async function crossCheckBlock(
  carried: CarriedState,
  checkRpcUrl: string,
): Promise<{ number: bigint; hash: string }> {
  const number = BigInt(carried.block.number);
  const carriedHash = carried.header?.hash ?? carried.block.hash;
  if (!carriedHash)
    throw new GuardianError(
      'BLOCK_MISMATCH',
      `The carried block ${number} has no hash to compare with ${hostOf(checkRpcUrl)}.`,
    );
  let answer: { hash?: unknown } | null;
  try {
    const rpc = batchingRpc(checkRpcUrl);
    const asked = rpc.send('eth_getBlockByNumber', [`0x${number.toString(16)}`, false]);
    rpc.flush?.();
    answer = (await asked) as { hash?: unknown } | null;
  } catch (cause) {
    // A node that answered with an error was reached: the code says which of the two went wrong.
    throw new GuardianError(
      isGuardianError(cause, 'RPC_FAILED') ? 'RPC_FAILED' : 'RPC_UNREACHABLE',
      `Cannot ask ${hostOf(checkRpcUrl)} for block ${number} to cross-check it: ${(cause as Error).message}`,
      { cause },
    );
  }
  const hash = typeof answer?.hash === 'string' ? answer.hash : null;
  if (hash === null || hash.toLowerCase() !== carriedHash.toLowerCase()) {
    throw new GuardianError(
      'BLOCK_MISMATCH',
      `Block ${number} is ${carriedHash} on the Safe's RPC but ${hash ?? 'unknown'} on ${hostOf(checkRpcUrl)}: the two sources disagree on the chain, so no bundle is written from it.`,
      { details: { block: number.toString(), carried: carriedHash, second: hash } },
    );
  }
  return { number, hash };
}
