import { HDNodeWallet, Interface } from 'ethers';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';

/** Two guardians' Ledgers (software devices on these mnemonics) and their first Ledger Live account. */
export const GUARDIAN_A =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
export const GUARDIAN_B = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
export const guardianAddress = (mnemonic: string) =>
  HDNodeWallet.fromPhrase(mnemonic, undefined, `m/${ledgerPath('ledger-live', 0)}`).address;

export interface GuardedProtocol {
  chain: TestChain;
  service: LoopbackService;
  protocol: Protocol;
  safe: string;
  /** The two guardians, then a third owner with no Ledger: a 2-of-3 Safe. */
  owners: string[];
  stop(): Promise<void>;
}

/**
 * The protocol guarded by a 2-of-3 Safe whose first two owners sign with Ledgers, on a test chain, with the
 * loopback Transaction Service serving the Safe: what the signing tests start from.
 */
export async function startGuardedProtocol(): Promise<GuardedProtocol> {
  const [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  const contracts = await deploySafeContracts(chain);
  const owners = [guardianAddress(GUARDIAN_A), guardianAddress(GUARDIAN_B), chain.wallets[2]!.address];
  const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  const protocol = await deployProtocol(chain.wallets[0]!, { safe });
  service.setSafe({ address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1' });
  return {
    chain,
    service,
    protocol,
    safe,
    owners,
    stop: async () => void (await Promise.all([chain.stop(), service.stop()])),
  };
}

/** The Vault's emergency pause() as a transaction of the guarding Safe (1.4.1): what most signing tests sign. */
export function pauseOf(guarded: Pick<GuardedProtocol, 'chain' | 'protocol' | 'safe'>, nonce = 0n): SafeTx {
  return createSafeTx({
    chainId: guarded.chain.chainId,
    safe: guarded.safe,
    safeVersion: '1.4.1',
    to: guarded.protocol.addresses['Vault']!,
    data: new Interface(['function pause()']).encodeFunctionData('pause'),
    nonce,
  });
}

/**
 * The pause offered by the loopback service and pulled into a guardian's store at `dataDir` (the Safe watched with
 * the service and the chain), as `guardian safe add` and `guardian queue` leave it. Resolves to its safeTxHash.
 */
export async function pausePulledInto(guarded: GuardedProtocol, dataDir: string): Promise<string> {
  const { chain, service, safe } = guarded;
  const tx = pauseOf(guarded);
  service.addTransaction(tx);
  const store = openStore({ dataDir });
  try {
    store.addWatchedSafe({
      chainId: chain.chainId,
      address: safe,
      serviceUrl: service.url,
      rpcUrl: chain.rpcUrl,
      label: null,
    });
    await pullQueue(store, store.listWatchedSafes()[0]!);
  } finally {
    store.close();
  }
  return safeTxHash(tx);
}
