import { Contract, getAddress, ZeroAddress, type Signer } from 'ethers';
import { deployInOrder } from './deployInOrder.js';
import { safeArtifact } from './safeArtifacts.js';

export interface SafeContracts {
  safeSingleton: string;
  safeL2Singleton: string;
  proxyFactory: string;
  multiSend: string;
  multiSendCallOnly: string;
  fallbackHandler: string;
  signMessageLib: string;
  createCall: string;
  simulateTxAccessor: string;
}

const deployments = {
  safeSingleton: 'Safe',
  safeL2Singleton: 'SafeL2',
  proxyFactory: 'proxies/SafeProxyFactory',
  multiSend: 'libraries/MultiSend',
  multiSendCallOnly: 'libraries/MultiSendCallOnly',
  fallbackHandler: 'handler/CompatibilityFallbackHandler',
  signMessageLib: 'libraries/SignMessageLib',
  createCall: 'libraries/CreateCall',
  simulateTxAccessor: 'accessors/SimulateTxAccessor',
} as const satisfies Record<keyof SafeContracts, string>;

/** Deploys Safe v1.4.1's contracts from its published artifacts, byte for byte the audited code. */
export async function deploySafeContracts(deployer: Signer): Promise<SafeContracts> {
  const entries = Object.entries(deployments);
  const deployed = await deployInOrder(
    deployer,
    entries.map(([, path]) => safeArtifact(path)),
  );
  const addresses = await Promise.all(deployed.map((contract) => contract.getAddress()));
  return Object.fromEntries(entries.map(([key], i) => [key, addresses[i]])) as unknown as SafeContracts;
}

export interface CreateSafeOptions {
  owners: string[];
  threshold: number;
  l2?: boolean;
  saltNonce?: bigint;
}

/** Creates a Safe proxy through the factory and runs setup, as the Safe apps do. Resolves to its address. */
export async function createSafe(
  deployer: Signer,
  contracts: SafeContracts,
  options: CreateSafeOptions,
): Promise<string> {
  const singleton = options.l2 ? contracts.safeL2Singleton : contracts.safeSingleton;
  return createSafeProxy(deployer, { ...contracts, singleton }, options);
}

/** What a Safe proxy is made from: the singleton it delegates to, the factory that makes it, its fallback handler. */
export interface SafeProxyParts {
  singleton: string;
  proxyFactory: string;
  fallbackHandler: string;
}

/**
 * A proxy of any singleton whose setup and factory keep 1.4.1's signatures (1.4.1 and 1.5.0 do), set up with the
 * fallback handler. Resolves to its address.
 */
export async function createSafeProxy(
  deployer: Signer,
  parts: SafeProxyParts,
  options: Omit<CreateSafeOptions, 'l2'>,
): Promise<string> {
  const safeInterface = new Contract(parts.singleton, safeArtifact('Safe').abi).interface;
  const setup = safeInterface.encodeFunctionData('setup', [
    options.owners,
    options.threshold,
    ZeroAddress,
    '0x',
    parts.fallbackHandler,
    ZeroAddress,
    0,
    ZeroAddress,
  ]);
  const factory = new Contract(parts.proxyFactory, safeArtifact('proxies/SafeProxyFactory').abi, deployer);
  const nonce = await deployer.getNonce('pending');
  // The deployer's own nonce is a salt no earlier createSafe on this chain used, and it keeps addresses repeatable.
  const saltNonce = options.saltNonce ?? BigInt(nonce);
  const receipt = await (
    await factory.getFunction('createProxyWithNonce')(parts.singleton, setup, saltNonce, { nonce })
  ).wait();
  for (const log of receipt?.logs ?? []) {
    const event = factory.interface.parseLog(log);
    if (event?.name === 'ProxyCreation' && log.address.toLowerCase() === parts.proxyFactory.toLowerCase())
      return getAddress(event.args[0] as string);
  }
  throw new Error(`createProxyWithNonce emitted no ProxyCreation (tx ${receipt?.hash})`);
}
