import { createRequire } from 'node:module';
import type * as SafeDeployments from '@safe-global/safe-deployments';
import { getAddress } from 'ethers';
import { GuardianError } from '../errors.js';
import { normaliseSafeVersion } from '../safe/safeVersions.js';

/**
 * safe-deployments (every contract's address on every chain, as JSON) takes 20 to 50 ms to load: only a
 * Transaction Builder batch needs it, so it loads on first use, not with the file readers that import this.
 */
const require = createRequire(import.meta.url);
const deployments = (): typeof SafeDeployments => require('@safe-global/safe-deployments') as typeof SafeDeployments;

/**
 * Which MultiSendCallOnly a Safe's batches go through, as protocol-kit picks it (its safeDeploymentsVersions
 * table): the one released with the Safe's own version from 1.3.0 on; 1.3.0 for older Safes, since
 * MultiSendCallOnly first shipped with 1.3.0.
 */
const MULTI_SEND_CALL_ONLY_VERSION: Record<string, string> = {
  '1.5.0': '1.5.0',
  '1.4.1': '1.4.1',
  '1.3.0': '1.3.0',
  '1.2.0': '1.3.0',
  '1.1.1': '1.3.0',
  '1.0.0': '1.3.0',
};

/** The official MultiSendCallOnly for a Safe version on a chain (the first listed, as protocol-kit takes it). */
export function multiSendCallOnlyAddress(chainId: bigint, safeVersion: string): string {
  const version = MULTI_SEND_CALL_ONLY_VERSION[normaliseSafeVersion(safeVersion)];
  const deployment = version
    ? deployments().getMultiSendCallOnlyDeployment({ version, network: chainId.toString(), released: true })
    : undefined;
  const addresses = deployment?.networkAddresses[chainId.toString()];
  const chosen = Array.isArray(addresses) ? addresses[0] : addresses;
  if (!chosen) {
    throw new GuardianError(
      'INVALID_INPUT',
      `No official MultiSendCallOnly ${version ?? `for Safe ${safeVersion}`} is known on chain ${chainId}; give the MultiSendCallOnly address to batch through.`,
      {
        details: { chainId: chainId.toString(), safeVersion },
      },
    );
  }
  return getAddress(chosen);
}
