import { getMultiSendCallOnlyDeployments, getMultiSendDeployments } from '@safe-global/safe-deployments';

const officialByChain = new Map<bigint, ReadonlySet<string>>();

/** The deployments list is a large JSON searched version by version: looked up once per chain. */
function officialMultiSendAddresses(chainId: bigint): ReadonlySet<string> {
  let official = officialByChain.get(chainId);
  if (official) return official;
  const found = new Set<string>();
  const network = chainId.toString();
  for (const version of ['1.1.1', '1.3.0', '1.4.1', '1.5.0']) {
    for (const deployment of [getMultiSendDeployments({ version, network }), getMultiSendCallOnlyDeployments({ version, network })]) {
      const addresses = deployment?.networkAddresses[network];
      for (const address of Array.isArray(addresses) ? addresses : addresses ? [addresses] : []) found.add(address.toLowerCase());
    }
  }
  officialByChain.set(chainId, (official = found));
  return official;
}

/**
 * Every official MultiSend and MultiSendCallOnly address for a chain, from @safe-global/safe-deployments, plus
 * any the caller adds (a test chain's own). A DELEGATECALL anywhere else runs foreign code as the Safe.
 */
export function knownMultiSendAddresses(chainId: bigint, extra: readonly string[] = []): Set<string> {
  return new Set([...officialMultiSendAddresses(chainId), ...extra.map((a) => a.toLowerCase())]);
}

const callOnlyByChain = new Map<bigint, ReadonlySet<string>>();

/** The official MultiSendCallOnly addresses alone: they revert on a DELEGATECALL inside the batch. */
export function knownMultiSendCallOnlyAddresses(chainId: bigint): ReadonlySet<string> {
  let known = callOnlyByChain.get(chainId);
  if (known) return known;
  const found = new Set<string>();
  const network = chainId.toString();
  for (const version of ['1.3.0', '1.4.1', '1.5.0']) {
    const addresses = getMultiSendCallOnlyDeployments({ version, network })?.networkAddresses[network];
    for (const address of Array.isArray(addresses) ? addresses : addresses ? [addresses] : []) found.add(address.toLowerCase());
  }
  callOnlyByChain.set(chainId, (known = found));
  return known;
}
