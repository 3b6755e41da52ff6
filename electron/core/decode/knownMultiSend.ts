import { getMultiSendCallOnlyDeployments, getMultiSendDeployments } from '@safe-global/safe-deployments';

/** The Safe releases that shipped a MultiSend or MultiSendCallOnly (1.1.1 had no CallOnly). */
export const MULTISEND_VERSIONS = ['1.1.1', '1.3.0', '1.4.1', '1.5.0'] as const;

type DeploymentLookup = typeof getMultiSendDeployments;

const official = new Map<string, ReadonlySet<string>>();

/**
 * The addresses safe-deployments lists on a chain for these lookups, lowercase. The deployments list is a large
 * JSON searched version by version: looked up once per chain and kind.
 */
function officialAddresses(kind: string, chainId: bigint, lookups: readonly DeploymentLookup[]): ReadonlySet<string> {
  const key = `${kind}:${chainId}`;
  let known = official.get(key);
  if (known) return known;
  const found = new Set<string>();
  const network = chainId.toString();
  for (const version of MULTISEND_VERSIONS) {
    for (const lookup of lookups) {
      const addresses = lookup({ version, network })?.networkAddresses[network];
      for (const address of Array.isArray(addresses) ? addresses : addresses ? [addresses] : [])
        found.add(address.toLowerCase());
    }
  }
  official.set(key, (known = found));
  return known;
}

/**
 * Every official MultiSend and MultiSendCallOnly address for a chain, from @safe-global/safe-deployments, plus
 * any the caller adds (a test chain's own). A DELEGATECALL anywhere else runs foreign code as the Safe.
 */
export function knownMultiSendAddresses(chainId: bigint, extra: readonly string[] = []): Set<string> {
  return new Set([
    ...officialAddresses('any', chainId, [getMultiSendDeployments, getMultiSendCallOnlyDeployments]),
    ...extra.map((a) => a.toLowerCase()),
  ]);
}

/** The official MultiSendCallOnly addresses alone: they revert on a DELEGATECALL inside the batch. */
export function knownMultiSendCallOnlyAddresses(chainId: bigint): ReadonlySet<string> {
  return officialAddresses('call-only', chainId, [getMultiSendCallOnlyDeployments]);
}
