import {
  getCompatibilityFallbackHandlerDeployments,
  getCreateCallDeployments,
  getExtensibleFallbackHandlerDeployments,
  getMultiSendCallOnlyDeployments,
  getMultiSendDeployments,
  getProxyFactoryDeployments,
  getSafeL2SingletonDeployments,
  getSafeMigrationDeployments,
  getSafeSingletonDeployments,
  getSafeToL2MigrationDeployments,
  getSignMessageLibDeployments,
  getSimulateTxAccessorDeployments,
  getTokenCallbackHandlerDeployments,
} from '@safe-global/safe-deployments';

type Getter = typeof getSafeSingletonDeployments;

const KINDS: ReadonlyArray<[string, Getter]> = [
  ['Safe singleton', getSafeSingletonDeployments],
  ['Safe L2 singleton', getSafeL2SingletonDeployments],
  ['Safe MultiSend', getMultiSendDeployments],
  ['Safe MultiSendCallOnly', getMultiSendCallOnlyDeployments],
  ['Safe CompatibilityFallbackHandler', getCompatibilityFallbackHandlerDeployments],
  ['Safe ExtensibleFallbackHandler', getExtensibleFallbackHandlerDeployments],
  ['Safe TokenCallbackHandler', getTokenCallbackHandlerDeployments],
  ['Safe ProxyFactory', getProxyFactoryDeployments],
  ['Safe CreateCall', getCreateCallDeployments],
  ['Safe SignMessageLib', getSignMessageLibDeployments],
  ['Safe SimulateTxAccessor', getSimulateTxAccessorDeployments],
  ['Safe Migration', getSafeMigrationDeployments],
  ['Safe ToL2Migration', getSafeToL2MigrationDeployments],
];

// The deployments file is static data: looked up once per chain, not once per decoded transaction.
const byNetwork = new Map<string, Map<string, string>>();

const VERSIONS = ['1.0.0', '1.1.1', '1.2.0', '1.3.0', '1.4.1', '1.5.0'];

/**
 * Names for the official Safe contracts on a chain, from @safe-global/safe-deployments: "Safe singleton 1.4.1"
 * next to a setFallbackHandler or changeMasterCopy target tells a guardian it is the real one; an address
 * without a name is not.
 */
export function knownSafeDeployments(chainId: bigint): ReadonlyMap<string, string> {
  const network = chainId.toString();
  const cached = byNetwork.get(network);
  if (cached) return cached;
  const names = new Map<string, string>();
  byNetwork.set(network, names);
  for (const [kind, get] of KINDS) {
    for (const version of VERSIONS) {
      const addresses = get({ version, network })?.networkAddresses[network];
      for (const address of Array.isArray(addresses) ? addresses : addresses ? [addresses] : []) {
        if (!names.has(address.toLowerCase())) names.set(address.toLowerCase(), `${kind} ${version}`);
      }
    }
  }
  return names;
}
