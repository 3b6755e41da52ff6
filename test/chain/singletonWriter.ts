import type { TestChain } from './testChain.js';

/** Runtime `sstore(0, calldataload(4))`: what Bybit's attacker delegatecalled to replace the singleton. */
const SINGLETON_WRITER_INITCODE = '0x6007600c60003960076000f3' + '60043560005500';

/** Deploys the singleton writer from the chain's sixth wallet (not an owner), returning its address. */
export async function deploySingletonWriter(chain: TestChain): Promise<string> {
  const deployed = await (await chain.wallets[5]!.sendTransaction({ data: SINGLETON_WRITER_INITCODE })).wait();
  return deployed!.contractAddress!;
}
