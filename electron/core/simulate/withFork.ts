import { JsonRpcProvider, Network } from 'ethers';
import { GuardianError } from '../errors.js';
import { providerWithBatchingRpc } from './batchingRpc.js';
import { startAnvil } from './anvilProcess.js';
import type { SimulationProgress } from '../primitives/simulationTypes.js';

/** The host alone: an RPC URL often carries an API key in its path, and progress lines are shown and logged. */
function hostOf(rpcUrl: string): string {
  try {
    return new URL(rpcUrl).host || 'the chain';
  } catch {
    return 'the chain';
  }
}

/** Scheme and host, for a message a guardian reads: never the path or query, where an API key sits. */
function originOf(rpcUrl: string): string {
  try {
    const url = new URL(rpcUrl);
    return url.host ? `${url.protocol}//${url.host}` : 'the chain';
  } catch {
    return 'the chain';
  }
}

/**
 * Runs `use` against a local anvil forked from `rpcUrl` at its latest block, pinned so every read in one
 * review sees the same state; `use` is also given the fork's URL. The fork is stopped whatever happens.
 */
export async function withFork<T>(
  rpcUrl: string,
  chainId: bigint,
  use: (provider: JsonRpcProvider, forkRpcUrl: string) => Promise<T>,
  onProgress?: (progress: SimulationProgress) => void,
): Promise<T> {
  const progress = onProgress ?? (() => {});
  progress({ stage: 'forking', detail: `asking ${hostOf(rpcUrl)} for its latest block` });
  const upstream = new JsonRpcProvider(rpcUrl, Network.from(chainId), { staticNetwork: true });
  let block: number;
  try {
    block = await upstream.getBlockNumber();
  } catch (cause) {
    throw new GuardianError(
      'RPC_UNREACHABLE',
      // ethers' own message dumps the request and response objects; its shortMessage is the sentence.
      `Cannot reach the chain at ${originOf(rpcUrl)} to fork it: ${(cause as { shortMessage?: string }).shortMessage ?? (cause as Error).message}`,
      { cause },
    );
  } finally {
    upstream.destroy();
  }
  progress({ stage: 'forking', detail: `starting a local fork at block ${block}` });
  // No dev accounts: anvil would give each of its ten 10000 ETH on the fork, whatever the chain holds, and a
  // review whose sender (an owner) is one of them would show, and carry, a balance the chain's proofs deny.
  const anvil = await startAnvil({
    forkUrl: rpcUrl,
    forkBlockNumber: BigInt(block),
    chainId,
    args: ['--accounts', '0'],
  });
  const provider = providerWithBatchingRpc(anvil.rpcUrl, Network.from(chainId), {
    staticNetwork: true,
    cacheTimeout: -1,
    batchStallTime: 0,
  });
  try {
    return await use(provider, anvil.rpcUrl);
  } finally {
    provider.destroy();
    await anvil.stop();
  }
}
