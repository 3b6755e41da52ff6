import { readFileSync } from 'node:fs';
import type { InterfaceAbi } from 'ethers';
import { WANTED, type ProtocolContractName } from '../../contracts/wantedContracts.mjs';

export interface ProtocolArtifact {
  contractName: string;
  sourceName: string;
  abi: InterfaceAbi;
  bytecode: string;
  deployedBytecode: string;
  storageLayout: {
    storage: Array<{ label: string; slot: string; offset: number; type: string }>;
    types: Record<string, unknown> | null;
  };
}

/** Every contract contracts/compile.mjs writes an artifact for: its WANTED list, the one place they are named. */
export const PROTOCOL_CONTRACT_NAMES = WANTED;

export type { ProtocolContractName };

/** An artifact compiled by contracts/compile.mjs (committed, so tests never need the compiler). */
export function loadArtifact(name: ProtocolContractName): ProtocolArtifact {
  return JSON.parse(
    readFileSync(new URL(`../../contracts/artifacts/${name}.json`, import.meta.url), 'utf8'),
  ) as ProtocolArtifact;
}

export function loadArtifacts(): Record<ProtocolContractName, ProtocolArtifact> {
  return Object.fromEntries(PROTOCOL_CONTRACT_NAMES.map((name) => [name, loadArtifact(name)])) as Record<
    ProtocolContractName,
    ProtocolArtifact
  >;
}
