import { Contract, getAddress, Interface, parseEther, type InterfaceAbi, type Signer } from 'ethers';
import { deployInOrder } from '../chain/deployInOrder.js';
import { corpusArtifact, type CorpusContractName } from './corpusArtifacts.js';

export interface OzUups {
  /** OpenZeppelin 4.9's ERC1967Proxy running UupsVault, owned by the Safe: it upgrades itself. */
  vault: Contract;
  implementation: string;
  /** The same layout, still UUPS: an honest upgrade. */
  v2Implementation: string;
  abis: Array<{ address: string; name: string; abi: InterfaceAbi }>;
}

const deployment = (name: CorpusContractName, args: unknown[] = []) => ({ ...corpusArtifact(name), args });

/** UupsVault behind OpenZeppelin 4.9's ERC1967Proxy, owned by the Safe, with a deposit in it. */
export async function deployUups(signer: Signer, options: { safe: string }): Promise<OzUups> {
  const safe = getAddress(options.safe);
  const [impl, v2] = (await deployInOrder(signer, [deployment('UupsVault'), deployment('UupsVaultV2')])) as [
    Contract,
    Contract,
  ];
  const vaultAbi = new Interface(corpusArtifact('UupsVault').abi);
  const [proxy] = await deployInOrder(signer, [
    deployment('ERC1967Proxy', [await impl.getAddress(), vaultAbi.encodeFunctionData('initialize', [safe])]),
  ]);
  const vault = new Contract(await proxy!.getAddress(), vaultAbi, signer);
  await (await vault.getFunction('deposit')({ value: parseEther('2') })).wait();
  return {
    vault,
    implementation: await impl.getAddress(),
    v2Implementation: await v2.getAddress(),
    abis: [{ address: await vault.getAddress(), name: 'UUPS vault', abi: corpusArtifact('UupsVault').abi }],
  };
}
