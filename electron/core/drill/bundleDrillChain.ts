import { Contract, HDNodeWallet, JsonRpcProvider, Network, Wallet, toBeHex } from 'ethers';
import type { ReviewBundle } from '../bundle/reviewBundle.js';
import { GuardianError } from '../errors.js';
import { startAnvil } from '../simulate/anvilProcess.js';
import { writeCarriedState } from '../simulate/replaySimulation.js';
import { SAFE_SLOTS } from '../primitives/storageSlots.js';
import { drillGuardianPath } from './drillChain.js';
import { DRILL_CHAIN_ID } from './drillDevice.js';
import { replaceSafeOwners } from './replaceSafeOwners.js';
import type { DrillStage } from './runDrillSteps.js';

export interface BundleDrillChain extends DrillStage {
  /** The Safe's threshold, as carried and kept. */
  threshold: number;
  /** The owners the drill keys replaced, in the Safe's order, and the threshold they kept. */
  replaced: { owners: string[]; threshold: number };
  /** The Safe's nonce as carried, and as set to the transaction's; null when it already was. */
  nonce: { carried: bigint; set: bigint } | null;
  /** The drill chain's first block time (seconds): the carried block's, so timelocks see the time the review saw. */
  startedAtTimestamp: bigint;
  stop(): Promise<void>;
}

/**
 * A fresh local anvil on the drill chain (never a fork: no RPC of the bundle's chain is reached) holding the
 * bundle's checked pre-state, so the protocol's contracts and the Safe stand at their real addresses with their
 * code and storage; then one drill key per owner replaces the Safe's owners, the threshold kept, and the Safe's
 * nonce is the transaction's, so the bundle's transaction is the next one the Safe runs.
 */
export async function startBundleDrillChain(bundle: ReviewBundle): Promise<BundleDrillChain> {
  // The clock starts at the carried block's time and runs on from there: a timelock's delay, an expiry or a
  // cooldown reads block.timestamp, and the rehearsal should meet them as the real transaction would.
  const anvil = await startAnvil({
    chainId: DRILL_CHAIN_ID,
    args: ['--timestamp', BigInt(bundle.carried.block.timestamp).toString()],
  });
  const provider = new JsonRpcProvider(anvil.rpcUrl, Network.from(DRILL_CHAIN_ID), {
    staticNetwork: true,
    cacheTimeout: -1,
    pollingInterval: 50,
    batchStallTime: 0,
  });
  const stop = async () => {
    provider.destroy();
    await anvil.stop();
  };
  try {
    const safe = bundle.safeTx.safe;
    await writeCarriedState(provider, bundle.carried);
    const mnemonic = Wallet.createRandom().mnemonic!.phrase;
    const root = HDNodeWallet.fromPhrase(mnemonic, undefined, 'm');
    const guardians = bundle.safe.owners.map((_, i) => root.derivePath(`m/${drillGuardianPath(i)}`).address);
    // Guardians pay for executing; the drill funds their fresh keys on the drill chain only.
    for (const g of guardians) await provider.send('anvil_setBalance', [g, toBeHex(10n ** 20n)]);
    const { replaced, threshold } = await replaceSafeOwners(provider, safe, guardians);
    const nonce = await alignNonce(provider, safe, bundle.safeTx.nonce);
    const genesis = (await provider.send('eth_getBlockByNumber', ['0x0', false])) as { timestamp: string };
    return {
      rpcUrl: anvil.rpcUrl,
      provider,
      safe,
      safeVersion: bundle.safe.version,
      mnemonic,
      guardians,
      threshold,
      abis: bundle.abis,
      replaced: { owners: replaced, threshold },
      nonce,
      startedAtTimestamp: BigInt(genesis.timestamp),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A transaction queued behind others carries the Safe's nonce before them; the drill runs it as the next. */
async function alignNonce(provider: JsonRpcProvider, safe: string, txNonce: bigint) {
  const read = new Contract(safe, ['function nonce() view returns (uint256)'], provider).getFunction('nonce');
  const carried = (await read()) as bigint;
  if (carried === txNonce) return null;
  await provider.send('anvil_setStorageAt', [safe, SAFE_SLOTS.nonce, toBeHex(txNonce, 32)]);
  const now = (await read()) as bigint;
  if (now !== txNonce)
    throw new GuardianError(
      'ANVIL_FAILED',
      `The drill chain's Safe ${safe} reads nonce ${now} after it was set to the transaction's ${txNonce}: its storage is not laid out as this console knows.`,
    );
  return { carried, set: txNonce };
}
