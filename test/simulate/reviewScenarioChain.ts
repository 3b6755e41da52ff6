import { zeroPadValue } from 'ethers';
import { mappingSlot, SAFE_SLOTS, SENTINEL } from '../../electron/core/primitives/storageSlots.js';
import { deployInOrder } from '../chain/deployInOrder.js';
import { createSafe, deploySafeContracts, type SafeContracts } from '../chain/safeDeployment.js';
import { deploySingletonWriter } from '../chain/singletonWriter.js';
import type { TestChain } from '../chain/testChain.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { loadArtifact } from '../protocol/protocolArtifacts.js';

/** Runtime `sstore(0, caller())` on any call: a `pause()` that takes ownership instead of pausing. */
const FAKE_PAUSE_INITCODE = '0x600580600b6000396000f3' + '3360005500';

/** What the review scenarios act on: a 2-of-3 Safe 1.4.1 that owns the protocol, and two hostile contracts. */
export interface ReviewScenarioChain {
  contracts: SafeContracts;
  owners: string[];
  safe: string;
  protocol: Protocol;
  singletonWriter: string;
  fakePause: string;
}

export async function deployReviewScenarios(chain: TestChain): Promise<ReviewScenarioChain> {
  const contracts = await deploySafeContracts(chain);
  const owners = chain.wallets.slice(0, 3).map((w) => w.address);
  const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  const protocol = await deployProtocol(chain.wallets[0]!, { safe });
  const singletonWriter = await deploySingletonWriter(chain);
  const fakePause = (await (await chain.wallets[5]!.sendTransaction({ data: FAKE_PAUSE_INITCODE })).wait())!
    .contractAddress!;
  // The Safe holds some of the protocol's token, so an outflow has something to move.
  await (await protocol.token.getFunction('transfer')(safe, 5_000n)).wait();
  return { contracts, owners, safe, protocol, singletonWriter, fakePause };
}

/**
 * A 2-of-n Safe with a HiddenModule already enabled, written straight into its storage as the Safe's
 * ModuleManager keeps it (sentinel -> module -> sentinel), so no transaction of the Safe's names the module.
 */
export async function safeWithHiddenModule(
  chain: TestChain,
  contracts: SafeContracts,
  owners: string[],
): Promise<{ safe: string; module: string }> {
  const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  const [deployed] = await deployInOrder(chain.wallets[5]!, [{ ...loadArtifact('HiddenModule'), args: [safe] }]);
  const module = await deployed!.getAddress();
  await chain.provider.send('anvil_setStorageAt', [
    safe,
    mappingSlot(SENTINEL, SAFE_SLOTS.modules),
    zeroPadValue(module, 32),
  ]);
  await chain.provider.send('anvil_setStorageAt', [
    safe,
    mappingSlot(module, SAFE_SLOTS.modules),
    zeroPadValue(SENTINEL, 32),
  ]);
  return { safe, module };
}

/**
 * Installs, at `at`, a "pause" that hands ownership away: owner() (0x8da5cb5b) answers slot 0, and any other
 * call, pause() included, writes `stranger` there. Mined, so the next review forks a block that has it.
 */
export async function installOwnerHandingPause(chain: TestChain, at: string, stranger: string): Promise<void> {
  const runtime =
    '0x' + '60003560e01c638da5cb5b14602857' + `73${stranger.slice(2)}60005500` + '5b60005460005260206000f3';
  await chain.provider.send('anvil_setCode', [at, runtime]);
  await chain.provider.send('evm_mine', []);
}
