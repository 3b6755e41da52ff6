import { HDNodeWallet, JsonRpcProvider, Mnemonic, Network, type Wallet } from 'ethers';
import { startAnvil, type AnvilOptions } from '../../electron/core/simulate/anvilProcess.js';

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
  const chainId = options.chainId ?? 31337n;
  // cacheTimeout -1: ethers otherwise serves reads from a 250 ms cache, and tests read right after writing.
  const provider = new JsonRpcProvider(anvil.rpcUrl, Network.from(chainId), { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50, batchStallTime: 0 });
  const mnemonic = Mnemonic.fromPhrase(ANVIL_MNEMONIC);
  const wallets = Array.from({ length: 10 }, (_, i) => HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i}`).connect(provider) as unknown as Wallet);
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
