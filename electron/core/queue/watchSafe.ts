import { JsonRpcProvider, Network } from 'ethers';
import { GuardianError } from '../errors.js';
import type { Store } from '../store/openStore.js';
import type { WatchedSafe } from '../store/watchedSafe.js';

/** The host alone: an RPC URL often carries an API key in its path, and this message is shown and logged. */
function hostOf(rpcUrl: string): string {
  try {
    return new URL(rpcUrl).host || 'the RPC';
  } catch {
    return 'the RPC';
  }
}

/** The chain id the node at `rpcUrl` says it serves. */
export async function rpcChainId(rpcUrl: string): Promise<bigint> {
  // Static: ethers must not go looking for the network on its own, nor retry behind our back.
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: Network.from(1n), batchMaxCount: 1 });
  try {
    const answer: unknown = await provider.send('eth_chainId', []);
    if (typeof answer !== 'string' || !/^0x[0-9a-fA-F]{1,16}$/.test(answer))
      throw new Error(`eth_chainId answered ${JSON.stringify(answer)?.slice(0, 40)}`);
    return BigInt(answer);
  } catch (cause) {
    throw new GuardianError(
      'RPC_UNREACHABLE',
      `Cannot ask ${hostOf(rpcUrl)} for its chain id: ${(cause as Error).message}`,
      { cause },
    );
  } finally {
    provider.destroy();
  }
}

/**
 * Watches a Safe (the CLI's safe add and the app's form alike) once its RPC has said it serves this chain: a
 * review forks that RPC, and a fork of another chain would simulate against another Safe's state (or none) and
 * show a guardian a verdict on the wrong contract.
 */
export async function watchSafe(store: Store, safe: Omit<WatchedSafe, 'addedAt'>): Promise<WatchedSafe> {
  if (safe.rpcUrl) {
    const served = await rpcChainId(safe.rpcUrl);
    if (served !== safe.chainId) {
      throw new GuardianError(
        'WRONG_CHAIN',
        `The RPC at ${hostOf(safe.rpcUrl)} serves chain ${served}, not chain ${safe.chainId}: check the chain id and the RPC URL.`,
        {
          details: { rpc: served.toString(), expected: safe.chainId.toString() },
        },
      );
    }
  }
  return store.addWatchedSafe(safe);
}
