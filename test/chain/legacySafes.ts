import { readFileSync } from 'node:fs';
import { Contract, ContractFactory, ZeroAddress, type InterfaceAbi } from 'ethers';
import { deployer } from './safeDeployment.js';
import type { TestChain } from './testChain.js';

/**
 * Safe versions whose real bytecode the project carries (extracted by legacySafes/extract.mjs, reproducibly).
 * Each singleton's VERSION() returns exactly its release string, and all of them run on anvil's default
 * (latest) hardfork as they are: no --hardfork needed, even for 0.1.0's solc 0.4 bytecode.
 */
export const LEGACY_SAFE_VERSIONS = ['0.1.0', '1.0.0', '1.1.1', '1.2.0', '1.3.0'] as const;
export type LegacySafeVersion = (typeof LEGACY_SAFE_VERSIONS)[number];

interface LegacyArtifact {
  version: string;
  contractName: string;
  source: string;
  abi: InterfaceAbi;
  bytecode: string;
}

export function legacyArtifact(name: 'GnosisSafe' | 'GnosisSafeProxyFactory', version: string): LegacyArtifact {
  return JSON.parse(
    readFileSync(new URL(`./legacySafes/${name}-${version}.json`, import.meta.url), 'utf8'),
  ) as LegacyArtifact;
}

export interface LegacySingleton {
  singleton: string;
  abi: InterfaceAbi;
  /** The singleton, connected as the deployer. */
  contract: Contract;
}

/**
 * Deploys a legacy singleton. Every carried version has getTransactionHash(to, value, data, operation, safeTxGas,
 * baseGas, gasPrice, gasToken, refundReceiver, nonce) as a view (0.1.0 names baseGas `dataGas`; the type
 * string differs, the selector does not), so a bare singleton answers hash questions. Its domain separator
 * is another matter: before 1.3.0 setup() writes it to storage, so a bare singleton's is built from zero.
 */
export async function deployLegacySafe(chain: TestChain, version: LegacySafeVersion): Promise<LegacySingleton> {
  const artifact = legacyArtifact('GnosisSafe', version);
  const contract = (await (
    await new ContractFactory(artifact.abi, artifact.bytecode, deployer(chain)).deploy()
  ).waitForDeployment()) as Contract;
  return { singleton: await contract.getAddress(), abi: artifact.abi, contract };
}

/**
 * A working legacy Safe proxy. Before 1.3.0 the domain separator is written to storage by setup(), and from
 * 1.1.1 on the singleton locks itself in its constructor, so hashes and signatures need a set-up proxy. The
 * 1.3.0 proxy factory serves every version: a proxy only delegates to the singleton in its slot 0.
 */
export async function createLegacySafe(
  chain: TestChain,
  version: LegacySafeVersion,
  options: { owners: string[]; threshold: number },
): Promise<Contract> {
  const factoryArtifact = legacyArtifact('GnosisSafeProxyFactory', '1.3.0');
  const { singleton, contract } = await deployLegacySafe(chain, version);
  const factory = (await (
    await new ContractFactory(factoryArtifact.abi, factoryArtifact.bytecode, deployer(chain)).deploy()
  ).waitForDeployment()) as Contract;
  // setup() grew parameters over the versions (payment in 1.0.0, fallback handler in 1.1.0); the rest are zero.
  const setupFragment = contract.interface.getFunction('setup')!;
  const extra = setupFragment.inputs.slice(4).map((input) => (input.type === 'address' ? ZeroAddress : 0));
  const setup = contract.interface.encodeFunctionData(setupFragment, [
    options.owners,
    options.threshold,
    ZeroAddress,
    '0x',
    ...extra,
  ]);
  const create = factory.getFunction('createProxyWithNonce');
  const address = (await create.staticCall(singleton, setup, 0)) as string;
  await (await create(singleton, setup, 0)).wait();
  return new Contract(address, contract.interface, deployer(chain));
}
