import { readFileSync } from 'node:fs';
import type { InterfaceAbi } from 'ethers';

/** Every contract test/corpus/compileCorpus.mjs writes an artifact for. */
export type CorpusContractName =
  | 'OzVault'
  | 'OzVaultV2'
  | 'OzVaultV2Shifted'
  | 'TransparentUpgradeableProxy'
  | 'ProxyAdmin'
  | 'PackedStakingPool'
  | 'PackedBridge'
  | 'SafeSweeper'
  | 'Oz5Treasury'
  | 'TimelockController'
  | 'OzAdminRules'
  | 'BeaconVault'
  | 'BeaconVaultV2'
  | 'BeaconVaultV2Shifted'
  | 'UpgradeableBeacon'
  | 'BeaconProxy'
  | 'ERC1967Proxy'
  | 'UupsVault'
  | 'UupsVaultV2'
  | 'AccessManager'
  | 'ManagedVault';

export interface CorpusArtifact {
  contractName: CorpusContractName;
  abi: InterfaceAbi;
  bytecode: string;
}

/**
 * A committed artifact of test/corpus/contracts. Read relative to this folder's parent so the `npm run corpus`
 * bundle (written to test/.corpus) finds the same files.
 */
export function corpusArtifact(name: CorpusContractName): CorpusArtifact {
  return JSON.parse(
    readFileSync(new URL(`../corpus/artifacts/${name}.json`, import.meta.url), 'utf8'),
  ) as CorpusArtifact;
}
