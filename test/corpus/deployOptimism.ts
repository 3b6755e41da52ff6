import {
  Contract,
  getAddress,
  id,
  Interface,
  type InterfaceAbi,
  type Signer,
  Wallet,
  ZeroAddress,
  zeroPadValue,
} from 'ethers';
import { deployInOrder } from '../chain/deployInOrder.js';
import { optimismArtifact, type OptimismContractName } from './optimismArtifacts.js';

export interface OptimismContracts {
  /** bedrock's Proxy (admin: the Safe) running SuperchainConfig, the Safe its guardian, not paused. */
  superchainConfig: Contract;
  /** A second one, paused at initialisation: what an honest unpause acts on. */
  pausedSuperchainConfig: Contract;
  superchainConfigImplementation: string;
  /** The same published SuperchainConfig deployed again: the release an honest upgrade moves the proxy to. */
  nextSuperchainConfigImplementation: string;
  /** bedrock's StorageSetter: what Optimism's upgrade playbooks point a proxy at to clear `_initialized`. */
  storageSetter: string;
  /** bedrock's Proxy (admin: the Safe) running SystemConfig, owned by the Safe. */
  systemConfig: Contract;
  /** The sequencer's block-signing key SystemConfig holds, and the one an honest rotation moves to. */
  unsafeBlockSigner: string;
  nextUnsafeBlockSigner: string;
  /** The batcher SystemConfig's batcherHash holds (its address, left-padded to 32 bytes), and a new one. */
  batcher: string;
  nextBatcher: string;
  abis: Array<{ address: string; name: string; abi: InterfaceAbi }>;
}

const deployment = (name: OptimismContractName, args: unknown[] = []) => ({ ...optimismArtifact(name), args });
const proxyAbi = new Interface(optimismArtifact('Proxy').abi);
const superchainAbi = new Interface(optimismArtifact('SuperchainConfig').abi);
const systemConfigAbi = new Interface(optimismArtifact('SystemConfig').abi);
/** A plain address standing for each L1 contract SystemConfig only records (no gas token: nothing is called). */
const plain = (name: string) => new Wallet(id(`optimism ${name}`)).address;

/**
 * Optimism's SuperchainConfig and SystemConfig from `@eth-optimism/contracts-bedrock` 0.17 (the published
 * forge-artifacts, not recompiled), each behind bedrock's own Proxy and initialised through upgradeToAndCall as
 * Optimism's deploy scripts do; `signer` is each proxy's admin until it hands the admin to the Safe.
 */
export async function deployOptimism(signer: Signer, options: { safe: string }): Promise<OptimismContracts> {
  const safe = getAddress(options.safe);
  const me = await signer.getAddress();
  const [
    superchainImpl,
    nextSuperchainImpl,
    systemConfigImpl,
    storageSetter,
    superchainProxy,
    pausedProxy,
    systemConfigProxy,
  ] = (await deployInOrder(signer, [
    deployment('SuperchainConfig'),
    deployment('SuperchainConfig'),
    deployment('SystemConfig'),
    deployment('StorageSetter'),
    deployment('Proxy', [me]),
    deployment('Proxy', [me]),
    deployment('Proxy', [me]),
  ])) as [Contract, Contract, Contract, Contract, Contract, Contract, Contract];
  const [superchainImplAt, systemConfigImplAt] = await Promise.all([
    superchainImpl.getAddress(),
    systemConfigImpl.getAddress(),
  ]);
  const unsafeBlockSigner = plain('sequencer key');
  const batcher = plain('batcher');
  // Optimism mainnet's published values: Ecotone scalars, a 30M L2 gas limit, and its resource metering.
  const systemConfigInit = systemConfigAbi.encodeFunctionData('initialize', [
    safe,
    1368,
    810949,
    zeroPadValue(batcher, 32),
    30_000_000n,
    unsafeBlockSigner,
    {
      maxResourceLimit: 20_000_000,
      elasticityMultiplier: 10,
      baseFeeMaxChangeDenominator: 8,
      minimumBaseFee: 10n ** 9n,
      systemTxMaxGas: 1_000_000,
      maximumBaseFee: (1n << 128n) - 1n,
    },
    plain('batch inbox'),
    {
      l1CrossDomainMessenger: plain('L1CrossDomainMessenger'),
      l1ERC721Bridge: plain('L1ERC721Bridge'),
      l1StandardBridge: plain('L1StandardBridge'),
      disputeGameFactory: plain('DisputeGameFactory'),
      optimismPortal: plain('OptimismPortal'),
      optimismMintableERC20Factory: plain('OptimismMintableERC20Factory'),
      gasPayingToken: ZeroAddress,
    },
  ]);
  for (const [proxy, implementation, init] of [
    [superchainProxy, superchainImplAt, superchainAbi.encodeFunctionData('initialize', [safe, false])],
    [pausedProxy, superchainImplAt, superchainAbi.encodeFunctionData('initialize', [safe, true])],
    [systemConfigProxy, systemConfigImplAt, systemConfigInit],
  ] as const) {
    await (await proxy.getFunction('upgradeToAndCall')(implementation, init)).wait();
    await (await proxy.getFunction('changeAdmin')(safe)).wait();
  }
  const [superchainAt, pausedAt, systemConfigAt] = (await Promise.all(
    [superchainProxy, pausedProxy, systemConfigProxy].map((p) => p.getAddress()),
  )) as [string, string, string];
  // The proxy's own functions and the implementation's, as a guardian registers a bedrock proxy's ABI.
  const withProxy = (abi: Interface): InterfaceAbi => [
    ...JSON.parse(proxyAbi.formatJson()),
    ...JSON.parse(abi.formatJson()).filter((f: { type: string }) => f.type !== 'constructor'),
  ];
  return {
    superchainConfig: new Contract(superchainAt, superchainAbi, signer),
    pausedSuperchainConfig: new Contract(pausedAt, superchainAbi, signer),
    superchainConfigImplementation: superchainImplAt,
    nextSuperchainConfigImplementation: await nextSuperchainImpl.getAddress(),
    storageSetter: await storageSetter.getAddress(),
    systemConfig: new Contract(systemConfigAt, systemConfigAbi, signer),
    unsafeBlockSigner,
    nextUnsafeBlockSigner: plain('rotated sequencer key'),
    batcher,
    nextBatcher: plain('new batcher'),
    abis: [
      { address: superchainAt, name: 'OP SuperchainConfig', abi: withProxy(superchainAbi) },
      { address: pausedAt, name: 'OP SuperchainConfig (paused)', abi: withProxy(superchainAbi) },
      { address: systemConfigAt, name: 'OP SystemConfig', abi: withProxy(systemConfigAbi) },
    ],
  };
}
