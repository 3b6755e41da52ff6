import { readFileSync } from 'node:fs';
import type { InterfaceAbi } from 'ethers';

export interface ProtocolArtifact {
  contractName: string;
  sourceName: string;
  abi: InterfaceAbi;
  bytecode: string;
  deployedBytecode: string;
  storageLayout: { storage: Array<{ label: string; slot: string; offset: number; type: string }>; types: Record<string, unknown> | null };
}

export type ProtocolContractName =
  | 'Vault'
  | 'VaultV2'
  | 'VaultV2Clash'
  | 'VaultNoUpgrade'
  | 'TransparentVault'
  | 'TransparentVaultV2'
  | 'GuardToken'
  | 'ERC1967Proxy'
  | 'TransparentUpgradeableProxy'
  | 'ProxyAdmin'
  | 'TimelockController';

/** An artifact compiled by contracts/compile.mjs (committed, so tests never need the compiler). */
export function loadArtifact(name: ProtocolContractName): ProtocolArtifact {
  return JSON.parse(readFileSync(new URL(`../../contracts/artifacts/${name}.json`, import.meta.url), 'utf8')) as ProtocolArtifact;
}
