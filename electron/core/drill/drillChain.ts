import { Contract, HDNodeWallet, Interface, JsonRpcProvider, Mnemonic, Network, Wallet, toBeHex } from 'ethers';
import { startAnvil, type AnvilProcess } from '../simulate/anvilProcess.js';
import { providerWithBatchingRpc } from '../simulate/batchingRpc.js';
import { deployInOrder } from './deployInOrder.js';
import { drillArtifact } from './drillArtifacts.js';
import { DRILL_CHAIN_ID } from './drillDevice.js';
import { createSafe, deploySafeContracts, type SafeContracts } from './safeDeployment.js';

/** anvil's own funded account pays for the drill's deployments; the guardians' drill keys are new each drill. */
const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

export interface DrillChain {
  rpcUrl: string;
  provider: JsonRpcProvider;
  safe: string;
  safeContracts: SafeContracts;
  /** The drill keys' phrase: fresh for every drill, of no value anywhere, shown as a drill signer. */
  mnemonic: string;
  guardians: string[];
  /** The Safe's threshold as the drill chain starts. */
  threshold: number;
  vault: string;
  token: string;
  vaultV2Implementation: string;
  deadEndImplementation: string;
  /** A contract of nobody's: the Bybit-style DELEGATECALL's target. */
  strangerContract: string;
  /** An address outside every address book: where traps send control. */
  stranger: string;
  stop(): Promise<void>;
}

export const drillGuardianPath = (i: number) => `44'/60'/0'/0/${i}`;

/**
 * A local anvil on the drill chain with the team's shape: a Safe 1.4.1 of `guardians` owners and `threshold`,
 * and the drill protocol (a pausable, UUPS-upgradeable Vault owned by the Safe).
 */
export async function startDrillChain(options: { guardians: number; threshold: number }): Promise<DrillChain> {
  const anvil: AnvilProcess = await startAnvil({ chainId: DRILL_CHAIN_ID });
  const provider = providerWithBatchingRpc(anvil.rpcUrl, Network.from(DRILL_CHAIN_ID), {
    staticNetwork: true,
    cacheTimeout: -1,
    pollingInterval: 50,
    batchStallTime: 0,
  });
  try {
    const deployer = new Wallet(
      HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(ANVIL_MNEMONIC), "m/44'/60'/0'/0/9").privateKey,
      provider,
    );
    const mnemonic = Wallet.createRandom().mnemonic!.phrase;
    const root = HDNodeWallet.fromPhrase(mnemonic, undefined, 'm');
    const guardians = Array.from(
      { length: options.guardians },
      (_, i) => root.derivePath(`m/${drillGuardianPath(i)}`).address,
    );
    // Guardians pay for executing; the drill funds their fresh keys on the drill chain only.
    for (const g of guardians) await provider.send('anvil_setBalance', [g, toBeHex(10n ** 20n)]);
    const safeContracts = await deploySafeContracts(deployer);
    const safe = await createSafe(deployer, safeContracts, { owners: guardians, threshold: options.threshold });
    const me = await deployer.getAddress();
    const [token] = (await deployInOrder(deployer, [{ ...drillArtifact('GuardToken'), args: [me, 10n ** 24n] }])) as [
      Contract,
    ];
    const [vaultImpl, v2, deadEnd, strangerContract] = await deployInOrder(deployer, [
      drillArtifact('Vault'),
      drillArtifact('VaultV2'),
      drillArtifact('VaultUpgradeDeadEnd'),
      { ...drillArtifact('GuardToken'), args: [me, 1n] },
    ]);
    const initialize = new Interface(drillArtifact('Vault').abi).encodeFunctionData('initialize', [
      safe,
      await token.getAddress(),
    ]);
    const [vault] = await deployInOrder(deployer, [
      { ...drillArtifact('ERC1967Proxy'), args: [await vaultImpl!.getAddress(), initialize] },
    ]);
    return {
      rpcUrl: anvil.rpcUrl,
      provider,
      safe,
      safeContracts,
      mnemonic,
      guardians,
      threshold: options.threshold,
      vault: await vault!.getAddress(),
      token: await token.getAddress(),
      vaultV2Implementation: await v2!.getAddress(),
      deadEndImplementation: await deadEnd!.getAddress(),
      strangerContract: await strangerContract!.getAddress(),
      stranger: Wallet.createRandom().address,
      async stop() {
        provider.destroy();
        await anvil.stop();
      },
    };
  } catch (error) {
    provider.destroy();
    await anvil.stop();
    throw error;
  }
}
