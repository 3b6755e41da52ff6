import { id, Wallet } from 'ethers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts, deployer, type SafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployAave, type AaveMarket } from './deployAave.js';
import { deployGovernor, type UniswapGovernor } from './deployGovernor.js';
import { deployAccessManager, type OzAccessManager } from './deployAccessManager.js';
import { deployBeacons, type OzBeacons } from './deployBeacons.js';
import { deployOz4, type Oz4Vault } from './deployOz4.js';
import { deployOptimism, type OptimismContracts } from './deployOptimism.js';
import { deployOz5, type Oz5Treasuries } from './deployOz5.js';
import { deployPacked, type PackedContracts } from './deployPacked.js';
import { deployTimelock, type OzTimelock } from './deployTimelock.js';
import { deployUniswap, type UniswapGovernance } from './deployUniswap.js';
import { deployUups, type OzUups } from './deployUups.js';

export interface Corpus {
  chain: TestChain;
  safeContracts: SafeContracts;
  /** A Safe 1.4.1, 2 of 3, that administers everything below. */
  safe: string;
  owners: string[];
  /** An address no list knows: where a trap sends control. */
  stranger: string;
  aave: AaveMarket;
  oz4: Oz4Vault;
  oz5: Oz5Treasuries;
  timelock: OzTimelock;
  packed: PackedContracts;
  uniswap: UniswapGovernance;
  optimism: OptimismContracts;
  governor: UniswapGovernor;
  beacons: OzBeacons;
  uups: OzUups;
  accessManager: OzAccessManager;
  /**
   * A guardian's store, as `guardian safe add` and `guardian abi add` leave it: the Safe watched with its RPC,
   * the protocols' ABIs registered (what a block explorer publishes), no artifacts and no storage layouts.
   */
  store: Store;
  stop(): Promise<void>;
}

/**
 * Starts an anvil and deploys the corpus: the Safe, Aave V3, the OpenZeppelin 4.9 vault and timelock, the
 * OpenZeppelin 5 treasuries, the packed contracts, Optimism's SuperchainConfig and SystemConfig, OpenZeppelin 4.9's
 * beacon and UUPS proxies, OpenZeppelin 5's AccessManager, Uniswap v3's factory and governance timelock, and
 * Uniswap's GovernorAlpha with a security council's timelock.
 */
export async function deployCorpus(): Promise<Corpus> {
  const chain = await startTestChain();
  const dataDir = mkdtempSync(join(tmpdir(), 'guardian-corpus-'));
  let store: Store | undefined;
  try {
    const safeContracts = await deploySafeContracts(chain);
    const owners = chain.wallets.slice(0, 3).map((w) => w.address);
    const safe = await createSafe(chain, safeContracts, { owners, threshold: 2 });
    const stranger = chain.wallets[8]!.address;
    // A responder's key from before the Safe: still an emergency admin, and no one here holds it.
    const retiredEmergencyAdmin = new Wallet(id('a retired responder')).address;
    const aave = await deployAave(deployer(chain), { safe, retiredEmergencyAdmin });
    const oz4 = await deployOz4(chain.wallets[7]!, { safe });
    const packed = await deployPacked(chain.wallets[6]!, {
      safe,
      rewardsToken: oz4.token,
      relayer: chain.wallets[5]!.address,
    });
    const oz5 = await deployOz5(chain.wallets[4]!, { safe });
    const optimism = await deployOptimism(chain.wallets[5]!, { safe });
    const beacons = await deployBeacons(chain.wallets[7]!, { safe });
    const uups = await deployUups(chain.wallets[7]!, { safe });
    // Before the timelocks: it moves the clock past the AccessManager's minSetback, which they measure from.
    const accessManager = await deployAccessManager(chain, chain.wallets[4]!, { safe });
    // Last: it moves the chain's clock past the timelock's delay.
    const timelock = await deployTimelock(chain, chain.wallets[3]!, { safe, stranger });
    // After it: its clock moves past the Compound timelock's eta, and the OZ operations stay ready.
    const knownSafe = await createSafe(chain, safeContracts, { owners, threshold: 3 });
    const uniswap = await deployUniswap(chain, deployer(chain), { safe, knownSafe, stranger });
    // After it: two more days, inside the grace period of what it queued.
    const governor = await deployGovernor(chain, deployer(chain), { safe, stranger });
    store = openStore({ dataDir });
    store.addWatchedSafe({
      chainId: chain.chainId,
      address: safe,
      serviceUrl: null,
      rpcUrl: chain.rpcUrl,
      label: 'Protocol guardians',
    });
    store.addWatchedSafe({
      chainId: chain.chainId,
      address: knownSafe,
      serviceUrl: null,
      rpcUrl: chain.rpcUrl,
      label: 'Treasury Safe',
    });
    for (const { address, name, abi } of [
      ...aave.abis,
      ...oz4.abis,
      ...oz5.abis,
      ...timelock.abis,
      ...packed.abis,
      ...uniswap.abis,
      ...optimism.abis,
      ...governor.abis,
      ...beacons.abis,
      ...uups.abis,
      ...accessManager.abis,
    ])
      store.saveAbi({ chainId: chain.chainId, address, name, abi: abi as unknown[] });
    const kept = store;
    return {
      chain,
      safeContracts,
      safe,
      owners,
      stranger,
      aave,
      oz4,
      oz5,
      timelock,
      packed,
      uniswap,
      optimism,
      governor,
      beacons,
      uups,
      accessManager,
      store: kept,
      async stop() {
        kept.close();
        rmSync(dataDir, { recursive: true, force: true });
        await chain.stop();
      },
    };
  } catch (error) {
    store?.close();
    rmSync(dataDir, { recursive: true, force: true });
    await chain.stop();
    throw error;
  }
}
