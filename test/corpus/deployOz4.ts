import { Contract, getAddress, Interface, type InterfaceAbi, type Signer } from 'ethers';
import { deployInOrder } from '../chain/deployInOrder.js';
import { aaveArtifact } from './aaveArtifacts.js';
import { corpusArtifact, type CorpusContractName } from './corpusArtifacts.js';

export interface Oz4Vault {
  /** The TransparentUpgradeableProxy, with OzVault's ABI. */
  vault: Contract;
  /** OpenZeppelin 4.9's separate ProxyAdmin, owned by the Safe. */
  proxyAdmin: Contract;
  token: string;
  implementation: string;
  /** The same bases in the same order, one variable appended: an honest upgrade. */
  v2Implementation: string;
  /** A base contract inserted before Ownable: through the proxy, owner() reads another variable's slot. */
  v2ShiftedImplementation: string;
  /** OpenZeppelin 4.9 AccessControlDefaultAdminRules, the Safe its default admin, a one-day transfer delay. */
  adminRules: Contract;
  abis: Array<{ address: string; name: string; abi: InterfaceAbi }>;
}

const deployment = (name: CorpusContractName, args: unknown[] = []) => ({ ...corpusArtifact(name), args });

/** OzVault behind OpenZeppelin 4.9's TransparentUpgradeableProxy, owned by the Safe, with deposits in it. */
export async function deployOz4(signer: Signer, options: { safe: string }): Promise<Oz4Vault> {
  const safe = getAddress(options.safe);
  const me = await signer.getAddress();
  const tokenArtifact = aaveArtifact('MintableERC20');
  const [token, impl, v2, shifted, proxyAdmin, adminRules] = (await deployInOrder(signer, [
    { abi: tokenArtifact.abi, bytecode: tokenArtifact.bytecode, args: ['Vault Token', 'VLT', 18] },
    deployment('OzVault'),
    deployment('OzVaultV2'),
    deployment('OzVaultV2Shifted'),
    deployment('ProxyAdmin'),
    deployment('OzAdminRules', [24 * 3600, safe]),
  ])) as [Contract, Contract, Contract, Contract, Contract, Contract];
  const vaultAbi = new Interface(corpusArtifact('OzVault').abi);
  const [proxy] = await deployInOrder(signer, [
    deployment('TransparentUpgradeableProxy', [
      await impl.getAddress(),
      await proxyAdmin.getAddress(),
      vaultAbi.encodeFunctionData('initialize', [me, await token.getAddress()]),
    ]),
  ]);
  const vault = new Contract(await proxy!.getAddress(), vaultAbi, signer);
  // Deposits, so the variables a shifted layout would misread are not all zero.
  await (await token.getFunction('mint(uint256)')(10n ** 21n)).wait();
  await (await token.getFunction('approve')(await vault.getAddress(), 10n ** 21n)).wait();
  await (await vault.getFunction('deposit')(4n * 10n ** 20n)).wait();
  await (await vault.getFunction('transferOwnership')(safe)).wait();
  await (await proxyAdmin.getFunction('transferOwnership')(safe)).wait();
  const vaultAddress = await vault.getAddress();
  const proxyAdminAddress = await proxyAdmin.getAddress();
  return {
    vault,
    proxyAdmin,
    token: await token.getAddress(),
    implementation: await impl.getAddress(),
    v2Implementation: await v2.getAddress(),
    v2ShiftedImplementation: await shifted.getAddress(),
    adminRules,
    abis: [
      { address: await adminRules.getAddress(), name: 'OZ 4.9 AdminRules', abi: corpusArtifact('OzAdminRules').abi },
      { address: vaultAddress, name: 'OzVault', abi: corpusArtifact('OzVault').abi },
      { address: proxyAdminAddress, name: 'OzVault ProxyAdmin', abi: corpusArtifact('ProxyAdmin').abi },
    ],
  };
}
