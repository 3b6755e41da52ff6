import { Contract, type Wallet } from 'ethers';
import {
  createSafe as createSafeFrom,
  deploySafeContracts as deploySafeContractsFrom,
  type CreateSafeOptions,
  type SafeContracts,
} from '../../electron/core/drill/safeDeployment.js';
import { safeArtifact } from './safeArtifacts.js';
import type { TestChain } from './testChain.js';

export type { CreateSafeOptions, SafeContracts } from '../../electron/core/drill/safeDeployment.js';

/** The last anvil account deploys, so tests keep accounts 0..8 as owners and strangers. */
export function deployer(chain: TestChain): Wallet {
  return chain.wallets[9]!;
}

/** Deploys Safe v1.4.1's contracts from its published artifacts (the drill chain's deployment, core/drill). */
export function deploySafeContracts(chain: TestChain): Promise<SafeContracts> {
  return deploySafeContractsFrom(deployer(chain));
}

export function createSafe(chain: TestChain, contracts: SafeContracts, options: CreateSafeOptions): Promise<string> {
  return createSafeFrom(deployer(chain), contracts, options);
}

export function safeAt(address: string, runner: Wallet | TestChain['provider']): Contract {
  return new Contract(address, safeArtifact('Safe').abi, runner);
}
