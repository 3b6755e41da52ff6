import { getAddress, Interface } from 'ethers';
import { GuardianError } from '../errors.js';
import type { RpcClient } from './simulateSafeTx.js';

const safe = new Interface([
  'function getOwners() view returns (address[])',
  'function getThreshold() view returns (uint256)',
  'function nonce() view returns (uint256)',
]);

export interface SafeStateOnChain {
  owners: string[];
  threshold: number;
  nonce: bigint;
}

/**
 * The Safe's owners, threshold and nonce as the (forked) chain has them at `blockTag`: what a review uses when
 * this machine never pulled the Safe, or for a transaction typed in by flags.
 */
export async function safeStateOnChain(
  rpc: RpcClient,
  address: string,
  blockTag = 'latest',
): Promise<SafeStateOnChain> {
  const read = async (fn: 'getOwners' | 'getThreshold' | 'nonce') => {
    const raw = (await rpc.send('eth_call', [{ to: address, data: safe.encodeFunctionData(fn) }, blockTag])) as string;
    return safe.decodeFunctionResult(fn, raw);
  };
  try {
    const [owners, threshold, nonce] = await Promise.all([read('getOwners'), read('getThreshold'), read('nonce')]);
    return {
      owners: (owners[0] as string[]).map((o) => getAddress(o)),
      threshold: Number(threshold[0] as bigint),
      nonce: nonce[0] as bigint,
    };
  } catch (cause) {
    throw new GuardianError(
      'SIMULATION_FAILED',
      `${address} does not answer as a Safe (getOwners, getThreshold, nonce) on this chain: is it the right address and chain?`,
      { cause },
    );
  }
}
