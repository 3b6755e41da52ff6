import type { Store } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts, type SafeContracts } from '../chain/safeDeployment.js';
import { deploySingletonWriter } from '../chain/singletonWriter.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';

/**
 * What the queue and review screens show: the protocol owned by a 2-of-3 Safe 1.4.1 (the chain's first three
 * wallets), the contract a Bybit-style row delegatecalls, and the loopback Transaction Service serving the Safe
 * with an empty queue.
 */
export interface QueueProtocol {
  chain: TestChain;
  contracts: SafeContracts;
  protocol: Protocol;
  safe: string;
  owners: string[];
  /** Rewrites the Safe's singleton slot when delegatecalled (test/chain/singletonWriter.ts). */
  singletonWriter: string;
  service: LoopbackService;
  /** Stops the service and the chain; either may be missing after a failed start. */
  stop(): Promise<void>;
}

export async function startQueueProtocol(): Promise<QueueProtocol> {
  const chain = await startTestChain();
  try {
    const contracts = await deploySafeContracts(chain);
    const owners = chain.wallets.slice(0, 3).map((w) => w.address);
    const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
    const protocol = await deployProtocol(chain.wallets[0]!, { safe });
    const singletonWriter = await deploySingletonWriter(chain);
    const service = await startLoopbackService({ chainId: chain.chainId });
    service.setSafe({ address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1' });
    const stop = async () => {
      await service.stop();
      await chain.stop();
    };
    return { chain, contracts, protocol, safe, owners, singletonWriter, service, stop };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}

/** The station watches the Safe through the service (or none) and an RPC, with the protocol's contracts named. */
export function watchQueueProtocol(
  store: Store,
  q: Pick<QueueProtocol, 'chain' | 'protocol' | 'safe'>,
  where: { serviceUrl: string | null; rpcUrl: string },
): void {
  store.addWatchedSafe({ chainId: q.chain.chainId, address: q.safe, ...where, label: 'Protocol guardians' });
  for (const [name, address] of Object.entries(q.protocol.addresses))
    store.saveAbi({ chainId: q.chain.chainId, address, name, abi: [] });
}
