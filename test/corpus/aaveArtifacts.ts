import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { InterfaceAbi } from 'ethers';

const require = createRequire(import.meta.url);

/** A Hardhat artifact as `@aave/core-v3` publishes it: bytecode with unlinked library placeholders. */
export interface HardhatArtifact {
  contractName: string;
  abi: InterfaceAbi;
  bytecode: string;
  linkReferences: Record<string, Record<string, Array<{ start: number; length: number }>>>;
}

/** Where each contract the corpus deploys lives in the package's artifacts/contracts folder. */
const AAVE_PATHS = {
  PoolAddressesProvider: 'protocol/configuration/PoolAddressesProvider.sol',
  ACLManager: 'protocol/configuration/ACLManager.sol',
  Pool: 'protocol/pool/Pool.sol',
  PoolConfigurator: 'protocol/pool/PoolConfigurator.sol',
  DefaultReserveInterestRateStrategy: 'protocol/pool/DefaultReserveInterestRateStrategy.sol',
  AToken: 'protocol/tokenization/AToken.sol',
  StableDebtToken: 'protocol/tokenization/StableDebtToken.sol',
  VariableDebtToken: 'protocol/tokenization/VariableDebtToken.sol',
  SupplyLogic: 'protocol/libraries/logic/SupplyLogic.sol',
  BorrowLogic: 'protocol/libraries/logic/BorrowLogic.sol',
  LiquidationLogic: 'protocol/libraries/logic/LiquidationLogic.sol',
  EModeLogic: 'protocol/libraries/logic/EModeLogic.sol',
  BridgeLogic: 'protocol/libraries/logic/BridgeLogic.sol',
  FlashLoanLogic: 'protocol/libraries/logic/FlashLoanLogic.sol',
  PoolLogic: 'protocol/libraries/logic/PoolLogic.sol',
  ConfiguratorLogic: 'protocol/libraries/logic/ConfiguratorLogic.sol',
  MintableERC20: 'mocks/tokens/MintableERC20.sol',
  PriceOracle: 'mocks/oracle/PriceOracle.sol',
  // The Pool Aave's own test suite upgrades to: Pool with revision 3, so its initializer runs again on upgrade.
  MockPoolInherited: 'mocks/helpers/MockPool.sol',
  // Aave's L2Pool (the Pool with compact calldata entry points, as deployed on rollups) at revision 3: the same
  // storage and getters as the Pool, only more functions. An honest upgrade target.
  MockL2Pool: 'mocks/helpers/MockL2Pool.sol',
} as const;

export type AaveContractName = keyof typeof AAVE_PATHS;

export function aaveArtifact(name: AaveContractName): HardhatArtifact {
  return JSON.parse(
    readFileSync(require.resolve(`@aave/core-v3/artifacts/contracts/${AAVE_PATHS[name]}/${name}.json`), 'utf8'),
  ) as HardhatArtifact;
}

/**
 * The artifact's bytecode with every library placeholder replaced by the library's address, at the offsets its
 * linkReferences give. A library the caller did not deploy is an error, not a zero address: calls into it would
 * silently succeed against empty code.
 */
export function linkedBytecode(artifact: HardhatArtifact, libraries: Readonly<Record<string, string>>): string {
  let hex = artifact.bytecode.slice(2);
  for (const libs of Object.values(artifact.linkReferences)) {
    for (const [library, offsets] of Object.entries(libs)) {
      const address = libraries[library];
      if (!address) throw new Error(`${artifact.contractName} links ${library}, which was not deployed`);
      for (const { start, length } of offsets)
        hex = hex.slice(0, start * 2) + address.slice(2).toLowerCase() + hex.slice((start + length) * 2);
    }
  }
  return `0x${hex}`;
}

/** The libraries an artifact links, by name. */
export function linkedLibraries(artifact: HardhatArtifact): string[] {
  return Object.values(artifact.linkReferences).flatMap((libs) => Object.keys(libs));
}
