import { Contract, getAddress, Interface, parseEther, type InterfaceAbi, type Signer } from 'ethers';
import { deployInOrder } from '../chain/deployInOrder.js';
import { corpusArtifact, type CorpusContractName } from './corpusArtifacts.js';

export interface OzBeacons {
  /** OpenZeppelin 4.9's UpgradeableBeacon, owned by the Safe, pointing at BeaconVault. */
  beacon: Contract;
  /** Two BeaconProxy vaults behind that one beacon, each owned by the Safe, with deposits in them. */
  proxies: [Contract, Contract];
  implementation: string;
  /** The same bases and variables in the same order, one appended: an honest upgrade of both proxies. */
  v2Implementation: string;
  /** A base listed first: behind the beacon, owner() reads another variable's bytes in every proxy. */
  v2ShiftedImplementation: string;
  abis: Array<{ address: string; name: string; abi: InterfaceAbi }>;
}

const deployment = (name: CorpusContractName, args: unknown[] = []) => ({ ...corpusArtifact(name), args });

/** Two BeaconVaults behind one OpenZeppelin 4.9 UpgradeableBeacon, the beacon and both vaults owned by the Safe. */
export async function deployBeacons(signer: Signer, options: { safe: string }): Promise<OzBeacons> {
  const safe = getAddress(options.safe);
  const [impl, v2, shifted] = (await deployInOrder(signer, [
    deployment('BeaconVault'),
    deployment('BeaconVaultV2'),
    deployment('BeaconVaultV2Shifted'),
  ])) as [Contract, Contract, Contract];
  const [beacon] = (await deployInOrder(signer, [deployment('UpgradeableBeacon', [await impl.getAddress()])])) as [
    Contract,
  ];
  const vaultAbi = new Interface(corpusArtifact('BeaconVault').abi);
  const initialize = vaultAbi.encodeFunctionData('initialize', [safe]);
  const deployed = await deployInOrder(signer, [
    deployment('BeaconProxy', [await beacon.getAddress(), initialize]),
    deployment('BeaconProxy', [await beacon.getAddress(), initialize]),
  ]);
  const proxies = (await Promise.all(deployed.map((p) => p.getAddress()))).map(
    (at) => new Contract(at, vaultAbi, signer),
  ) as [Contract, Contract];
  // Deposits, so a shifted layout's misread owner is not zero.
  for (const [k, proxy] of proxies.entries())
    await (await proxy.getFunction('deposit')({ value: parseEther(String(3 + k)) })).wait();
  await (await beacon.getFunction('transferOwnership')(safe)).wait();
  const [beaconAt, firstAt, secondAt] = await Promise.all([beacon, ...proxies].map((c) => c.getAddress()));
  return {
    beacon,
    proxies,
    implementation: await impl.getAddress(),
    v2Implementation: await v2.getAddress(),
    v2ShiftedImplementation: await shifted.getAddress(),
    abis: [
      { address: beaconAt!, name: 'Vaults UpgradeableBeacon', abi: corpusArtifact('UpgradeableBeacon').abi },
      { address: firstAt!, name: 'ETH market vault', abi: corpusArtifact('BeaconVault').abi },
      { address: secondAt!, name: 'stETH market vault', abi: corpusArtifact('BeaconVault').abi },
    ],
  };
}
