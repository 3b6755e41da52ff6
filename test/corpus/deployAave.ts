import { Contract, getAddress, Interface, type InterfaceAbi, type Signer, ZeroAddress } from 'ethers';
import { deployInOrder } from '../chain/deployInOrder.js';
import { aaveArtifact, linkedBytecode, type AaveContractName } from './aaveArtifacts.js';

export interface AaveMarket {
  addressesProvider: Contract;
  aclManager: Contract;
  /** The Pool proxy the AddressesProvider created, with Pool's ABI. */
  pool: Contract;
  /** The PoolConfigurator proxy, with PoolConfigurator's ABI. */
  configurator: Contract;
  poolImplementation: string;
  /**
   * An honest next Pool implementation for an upgrade through the AddressesProvider: Aave's L2Pool at revision 3
   * (Pool 3.0's initializer runs again only for a higher revision, so the same Pool bytecode cannot be upgraded
   * to). Same storage, same getters.
   */
  nextPoolImplementation: string;
  /**
   * Aave's MockPoolInherited (revision 3): its MAX_NUMBER_RESERVES reads a variable its constructor set, so through
   * the proxy it reads 0 where the Pool reads 128. A real change an upgrade review must flag.
   */
  maxReservesPoolImplementation: string;
  /** The reserve a freeze or a pause acts on. */
  asset: string;
  /** A second reserve, frozen before the hand-over: what an honest unfreeze acts on. */
  frozenAsset: string;
  /** An emergency admin key the market still lists, of a retired responder: what an honest clean-up removes. */
  retiredEmergencyAdmin: string;
  /** ABIs by address, as a guardian registers them from a block explorer (`guardian abi add`). */
  abis: Array<{ address: string; name: string; abi: InterfaceAbi }>;
}

const RAY = 10n ** 27n;

const deployment = (name: AaveContractName, args: unknown[] = [], libraries: Record<string, string> = {}) => {
  const artifact = aaveArtifact(name);
  return { abi: artifact.abi, bytecode: linkedBytecode(artifact, libraries), args };
};

async function send(contract: Contract, fn: string, ...args: unknown[]): Promise<void> {
  await (await contract.getFunction(fn)(...args)).wait();
}

/**
 * Aave V3 (v3.0.2, the published `@aave/core-v3` artifacts, unmodified) with two reserves, handed to the Safe:
 * owner of the AddressesProvider, ACL admin, pool admin and emergency admin. `signer` deploys, sets the market
 * up with the roles it needs for that, and renounces them at the end, as Aave's own deploy scripts do.
 */
export async function deployAave(
  signer: Signer,
  options: { safe: string; retiredEmergencyAdmin: string },
): Promise<AaveMarket> {
  const safe = getAddress(options.safe);
  const me = await signer.getAddress();
  const libs = await deployInOrder(
    signer,
    (
      [
        'SupplyLogic',
        'BorrowLogic',
        'LiquidationLogic',
        'EModeLogic',
        'BridgeLogic',
        'PoolLogic',
        'ConfiguratorLogic',
      ] as const
    ).map((n) => deployment(n)),
  );
  const [supply, borrow, liquidation, eMode, bridge, poolLogic, configuratorLogic] = await Promise.all(
    libs.map((l) => l.getAddress()),
  );
  const [flashLoan] = (await deployInOrder(signer, [deployment('FlashLoanLogic', [], { BorrowLogic: borrow! })])) as [
    Contract,
  ];
  const poolLibraries = {
    SupplyLogic: supply!,
    BorrowLogic: borrow!,
    LiquidationLogic: liquidation!,
    EModeLogic: eMode!,
    BridgeLogic: bridge!,
    FlashLoanLogic: await flashLoan.getAddress(),
    PoolLogic: poolLogic!,
  };

  const [provider, asset, frozenAsset, oracle] = (await deployInOrder(signer, [
    deployment('PoolAddressesProvider', ['Guardian Corpus Market', me]),
    deployment('MintableERC20', ['Corpus Dollar', 'cUSD', 6]),
    deployment('MintableERC20', ['Frozen Dollar', 'fUSD', 6]),
    deployment('PriceOracle'),
  ])) as [Contract, Contract, Contract, Contract];
  const providerAddress = await provider.getAddress();
  // ACLManager's constructor grants DEFAULT_ADMIN_ROLE to the provider's ACL admin, so that is set first.
  await send(provider, 'setACLAdmin', me);
  const [acl, poolImpl, configuratorImpl, nextPoolImpl, maxReservesPoolImpl] = (await deployInOrder(signer, [
    deployment('ACLManager', [providerAddress]),
    deployment('Pool', [providerAddress], poolLibraries),
    deployment('PoolConfigurator', [], { ConfiguratorLogic: configuratorLogic! }),
    deployment('MockL2Pool', [providerAddress], poolLibraries),
    deployment('MockPoolInherited', [providerAddress], poolLibraries),
  ])) as [Contract, Contract, Contract, Contract, Contract];
  await send(provider, 'setACLManager', await acl.getAddress());
  await send(acl, 'addPoolAdmin', me);
  // Each creates the proxy (InitializableImmutableAdminUpgradeabilityProxy, admin: the provider) and initialises it.
  await send(provider, 'setPoolImpl', await poolImpl.getAddress());
  await send(provider, 'setPoolConfiguratorImpl', await configuratorImpl.getAddress());
  await send(provider, 'setPriceOracle', await oracle.getAddress());
  const assetAddress = await asset.getAddress();
  const frozenAssetAddress = await frozenAsset.getAddress();
  await send(oracle, 'setAssetPrice', assetAddress, 10n ** 8n);
  await send(oracle, 'setAssetPrice', frozenAssetAddress, 10n ** 8n);

  const poolAddress = getAddress(await provider.getFunction('getPool')());
  const configuratorAddress = getAddress(await provider.getFunction('getPoolConfigurator')());
  const [aToken, stableDebt, variableDebt, strategy] = (await deployInOrder(signer, [
    deployment('AToken', [poolAddress]),
    deployment('StableDebtToken', [poolAddress]),
    deployment('VariableDebtToken', [poolAddress]),
    // Aave's published USDC-like parameters: 90% optimal usage, 0% base, 4% and 60% slopes.
    deployment('DefaultReserveInterestRateStrategy', [
      providerAddress,
      (RAY * 9n) / 10n,
      0n,
      (RAY * 4n) / 100n,
      (RAY * 60n) / 100n,
      (RAY * 5n) / 1000n,
      (RAY * 60n) / 100n,
      RAY / 100n,
      (RAY * 8n) / 100n,
      (RAY * 2n) / 10n,
    ]),
  ])) as [Contract, Contract, Contract, Contract];
  const configurator = new Contract(configuratorAddress, aaveArtifact('PoolConfigurator').abi, signer);
  const [aTokenImpl, stableDebtTokenImpl, variableDebtTokenImpl, interestRateStrategyAddress] = await Promise.all(
    [aToken, stableDebt, variableDebt, strategy].map((c) => c.getAddress()),
  );
  const reserve = (underlyingAsset: string, symbol: string) => ({
    aTokenImpl,
    stableDebtTokenImpl,
    variableDebtTokenImpl,
    underlyingAssetDecimals: 6,
    interestRateStrategyAddress,
    underlyingAsset,
    treasury: safe,
    incentivesController: ZeroAddress,
    aTokenName: `Aave Corpus ${symbol}`,
    aTokenSymbol: `a${symbol}`,
    variableDebtTokenName: `Aave Corpus Variable Debt ${symbol}`,
    variableDebtTokenSymbol: `variableDebt${symbol}`,
    stableDebtTokenName: `Aave Corpus Stable Debt ${symbol}`,
    stableDebtTokenSymbol: `stableDebt${symbol}`,
    params: '0x',
  });
  await send(configurator, 'initReserves', [reserve(assetAddress, 'CUSD'), reserve(frozenAssetAddress, 'FUSD')]);
  await send(configurator, 'configureReserveAsCollateral', assetAddress, 7500n, 8000n, 10500n);
  await send(configurator, 'setReserveBorrowing', assetAddress, true);
  await send(configurator, 'setReserveFreeze', frozenAssetAddress, true);

  // Hand everything to the Safe, then give up the deployer's roles.
  const defaultAdmin = await acl.getFunction('DEFAULT_ADMIN_ROLE')();
  await send(acl, 'addPoolAdmin', safe);
  await send(acl, 'addEmergencyAdmin', safe);
  await send(acl, 'addEmergencyAdmin', options.retiredEmergencyAdmin);
  await send(acl, 'grantRole', defaultAdmin, safe);
  await send(acl, 'removePoolAdmin', me);
  await send(acl, 'renounceRole', defaultAdmin, me);
  await send(provider, 'setACLAdmin', safe);
  await send(provider, 'transferOwnership', safe);

  const pool = new Contract(poolAddress, aaveArtifact('Pool').abi, signer);
  const aclAddress = await acl.getAddress();
  return {
    addressesProvider: provider,
    aclManager: acl,
    pool,
    configurator,
    poolImplementation: await poolImpl.getAddress(),
    nextPoolImplementation: await nextPoolImpl.getAddress(),
    maxReservesPoolImplementation: await maxReservesPoolImpl.getAddress(),
    asset: assetAddress,
    frozenAsset: frozenAssetAddress,
    retiredEmergencyAdmin: getAddress(options.retiredEmergencyAdmin),
    abis: [
      { address: providerAddress, name: 'Aave PoolAddressesProvider', abi: aaveArtifact('PoolAddressesProvider').abi },
      { address: aclAddress, name: 'Aave ACLManager', abi: aaveArtifact('ACLManager').abi },
      { address: poolAddress, name: 'Aave Pool', abi: aaveArtifact('Pool').abi },
      { address: configuratorAddress, name: 'Aave PoolConfigurator', abi: aaveArtifact('PoolConfigurator').abi },
      { address: assetAddress, name: 'cUSD', abi: aaveArtifact('MintableERC20').abi },
      { address: frozenAssetAddress, name: 'fUSD', abi: aaveArtifact('MintableERC20').abi },
    ],
  };
}

export const aaveInterface = (name: 'Pool' | 'PoolConfigurator' | 'ACLManager' | 'PoolAddressesProvider'): Interface =>
  new Interface(aaveArtifact(name).abi);
