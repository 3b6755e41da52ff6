import { drillArtifact } from './drillArtifacts.js';
import type { DrillChain } from './drillChain.js';

/** A contract each guardian's console knows by name on the drill chain, as a team registers its own protocol. */
export interface NamedDrillContract {
  address: string;
  name: string;
  abi: unknown[];
}

/**
 * The drill protocol as a team's address book holds its own: the Vault (its proxy, with the Vault's ABI), its
 * token and the patched implementation the fix ships. A review and the read-back then say "Vault", not an address.
 * The traps' contracts and the stranger stay unnamed: a team's book does not hold an attacker's addresses, and a
 * name would change what the review flags.
 */
export function drillContractNames(chain: DrillChain): NamedDrillContract[] {
  const abi = (name: Parameters<typeof drillArtifact>[0]) => drillArtifact(name).abi as unknown[];
  return [
    { address: chain.vault, name: 'Vault', abi: abi('Vault') },
    { address: chain.token, name: 'GuardToken', abi: abi('GuardToken') },
    { address: chain.vaultV2Implementation, name: 'VaultV2 implementation', abi: abi('VaultV2') },
  ];
}
