import { HDNodeWallet, JsonRpcProvider, Mnemonic, Network, Wallet } from 'ethers';
import { startAnvil, type AnvilOptions } from '../../electron/core/simulate/anvilProcess.js';
import { providerWithBatchingRpc } from '../../electron/core/simulate/batchingRpc.js';

/** anvil's default mnemonic: its ten accounts start with 10,000 ETH each. */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

export interface TestChain {
  rpcUrl: string;
  chainId: bigint;
  provider: JsonRpcProvider;
  /** anvil's ten funded accounts, connected to `provider`. */
  wallets: Wallet[];
  stop(): Promise<void>;
}

export async function startTestChain(options: AnvilOptions = {}): Promise<TestChain> {
  const anvil = await startAnvil(options);
  let chainId: bigint;
  try {
    // A fork without --chain-id keeps the forked chain's id, so ask anvil rather than assume 31337.
    chainId = options.chainId ?? (await anvilChainId(anvil.rpcUrl));
  } catch (error) {
    await anvil.stop();
    throw error;
  }
  // cacheTimeout -1: ethers otherwise serves reads from a 250 ms cache, and tests read right after writing.
  const provider = providerWithBatchingRpc(anvil.rpcUrl, Network.from(chainId), {
    staticNetwork: true,
    cacheTimeout: -1,
    pollingInterval: 50,
    batchStallTime: 0,
  });
  const mnemonic = Mnemonic.fromPhrase(ANVIL_MNEMONIC);
  // Plain Wallets, no NonceManager: helpers that send in parallel set nonces themselves, and a NonceManager
  // would go stale the moment a test sends from the same account through another path (api-kit, the CLI).
  const wallets = Array.from(
    { length: 10 },
    (_, i) => new Wallet(HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i}`).privateKey, provider),
  );
  return {
    rpcUrl: anvil.rpcUrl,
    chainId,
    provider,
    wallets,
    async stop() {
      provider.destroy();
      await anvil.stop();
    },
  };
}

async function anvilChainId(rpcUrl: string): Promise<bigint> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
  });
  return BigInt(((await response.json()) as { result: string }).result);
}
