import { Contract, getAddress, Interface, type Signer, ZeroAddress } from 'ethers';
import { deployInOrder } from '../chain/deployInOrder.js';
import { loadArtifact, loadArtifacts, type ProtocolArtifact, type ProtocolContractName } from './protocolArtifacts.js';

export {
  loadArtifact,
  loadArtifacts,
  PROTOCOL_CONTRACT_NAMES,
  type ProtocolArtifact,
  type ProtocolContractName,
} from './protocolArtifacts.js';

/** The ERC-1967 admin slot: bytes32(uint256(keccak256("eip1967.proxy.admin")) - 1). */
export const ERC1967_ADMIN_SLOT = '0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103';
/** The ERC-1967 implementation slot: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1). */
export const ERC1967_IMPLEMENTATION_SLOT = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc';

export interface Protocol {
  token: Contract;
  /** The UUPS proxy, with Vault's ABI. */
  vault: Contract;
  vaultImplementation: string;
  vaultV2Implementation: string;
  vaultV2ClashImplementation: string;
  /** Lacks proxiableUUID(): OpenZeppelin 5's UUPS upgradeToAndCall refuses it (ERC1967InvalidImplementation). */
  vaultNoUpgradeImplementation: string;
  /** Answers proxiableUUID() but has no upgradeToAndCall: the UUPS proxy accepts it and can never upgrade again. */
  vaultDeadEndImplementation: string;
  /** The Transparent proxy, with TransparentVault's ABI. */
  transparentVault: Contract;
  transparentVaultImplementation: string;
  transparentVaultV2Implementation: string;
  proxyAdmin: Contract;
  timelock: Contract;
  /** Everything by name, for an address book. */
  addresses: Record<string, string>;
  /** The compiled artifacts, to build calldata and read storage layouts. */
  artifacts: Record<ProtocolContractName, ProtocolArtifact>;
}

const artifact = (name: ProtocolContractName, args: unknown[] = []) => ({ ...loadArtifact(name), args });

/**
 * Deploys the protocol the guardians protect, with the Safe as owner, ProxyAdmin owner and timelock proposer.
 * `signer` pays for the deployment and holds the token supply.
 */
export async function deployProtocol(
  signer: Signer,
  options: { safe: string; timelockDelay?: bigint },
): Promise<Protocol> {
  const safe = getAddress(options.safe);
  // OwnableUpgradeable would revert deep inside the proxy's constructor; say why up front instead.
  if (safe === ZeroAddress) throw new Error('deployProtocol needs a Safe address, not the zero address');
  const provider = signer.provider;
  if (!provider) throw new Error('deployProtocol needs a signer connected to a provider');
  const me = await signer.getAddress();
  const [token] = (await deployInOrder(signer, [artifact('GuardToken', [me, 10n ** 24n])])) as [Contract];
  const [vaultImpl, v2, clash, noUpgrade, deadEnd, tvImpl, tv2] = (await deployInOrder(signer, [
    artifact('Vault'),
    artifact('VaultV2'),
    artifact('VaultV2Clash'),
    artifact('VaultNoUpgrade'),
    artifact('VaultUpgradeDeadEnd'),
    artifact('TransparentVault'),
    artifact('TransparentVaultV2'),
  ])) as [Contract, Contract, Contract, Contract, Contract, Contract, Contract];
  const vaultAbi = new Interface(loadArtifact('Vault').abi);
  const tvAbi = new Interface(loadArtifact('TransparentVault').abi);
  const [uups, transparent, timelock] = (await deployInOrder(signer, [
    artifact('ERC1967Proxy', [
      await vaultImpl.getAddress(),
      vaultAbi.encodeFunctionData('initialize', [safe, await token.getAddress()]),
    ]),
    // OZ 5's TransparentUpgradeableProxy deploys its own ProxyAdmin, owned by initialOwner: the Safe.
    artifact('TransparentUpgradeableProxy', [
      await tvImpl.getAddress(),
      safe,
      tvAbi.encodeFunctionData('initialize', [safe]),
    ]),
    artifact('TimelockController', [options.timelockDelay ?? 3600n, [safe], [safe], ZeroAddress]),
  ])) as [Contract, Contract, Contract];
  const transparentAddress = await transparent.getAddress();
  const adminWord = await provider.getStorage(transparentAddress, ERC1967_ADMIN_SLOT);
  const proxyAdminAddress = getAddress(`0x${adminWord.slice(26)}`);
  const protocol: Protocol = {
    token,
    vault: new Contract(await uups.getAddress(), vaultAbi, signer),
    vaultImplementation: await vaultImpl.getAddress(),
    vaultV2Implementation: await v2.getAddress(),
    vaultV2ClashImplementation: await clash.getAddress(),
    vaultNoUpgradeImplementation: await noUpgrade.getAddress(),
    vaultDeadEndImplementation: await deadEnd.getAddress(),
    transparentVault: new Contract(transparentAddress, tvAbi, signer),
    transparentVaultImplementation: await tvImpl.getAddress(),
    transparentVaultV2Implementation: await tv2.getAddress(),
    proxyAdmin: new Contract(proxyAdminAddress, loadArtifact('ProxyAdmin').abi, signer),
    timelock,
    addresses: {},
    artifacts: loadArtifacts(),
  };
  protocol.addresses = {
    GuardToken: await token.getAddress(),
    Vault: await uups.getAddress(),
    VaultImplementation: protocol.vaultImplementation,
    VaultV2Implementation: protocol.vaultV2Implementation,
    VaultV2ClashImplementation: protocol.vaultV2ClashImplementation,
    VaultNoUpgradeImplementation: protocol.vaultNoUpgradeImplementation,
    VaultUpgradeDeadEndImplementation: protocol.vaultDeadEndImplementation,
    TransparentVault: transparentAddress,
    TransparentVaultImplementation: protocol.transparentVaultImplementation,
    TransparentVaultV2Implementation: protocol.transparentVaultV2Implementation,
    ProxyAdmin: proxyAdminAddress,
    Timelock: await timelock.getAddress(),
  };
  return protocol;
}
