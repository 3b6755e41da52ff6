import { GuardianError } from '../errors.js';

/**
 * What differs between Safe versions when hashing a transaction. Each entry comes from that version's
 * GnosisSafe.sol / Safe.sol: the SAFE_TX_TYPEHASH string and DOMAIN_SEPARATOR_TYPEHASH.
 * - Before 1.0.0 the struct field is `dataGas` (renamed `baseGas` in 1.0.0).
 * - Before 1.3.0 the domain is only the verifying contract; 1.3.0 added chainId so a signature for one
 *   chain cannot be replayed on another.
 */
export interface SafeVersionRules {
  version: string;
  gasFieldName: 'dataGas' | 'baseGas';
  domainHasChainId: boolean;
  /**
   * How the Safe asks an owner contract (v=0) to accept a signature: up to 1.4.1 the legacy
   * isValidSignature(bytes data, bytes sig) with the EIP-712 preimage as data; from 1.5.0 EIP-1271's
   * isValidSignature(bytes32 hash, bytes sig).
   */
  contractSignatureCheck: 'legacy-bytes' | 'eip1271-bytes32';
  /**
   * Where the Safe checks an off-chain SafeMessage: before 1.3.0 the singleton itself
   * (isValidSignature(bytes, bytes), magic 0x20c13b0b); from 1.3.0 the CompatibilityFallbackHandler, which
   * also answers EIP-1271's isValidSignature(bytes32, bytes) with 0x1626ba7e.
   */
  messageSignatureCheck: 'singleton-bytes' | 'fallback-handler-bytes32';
}

const rules = (
  version: string,
  gasFieldName: SafeVersionRules['gasFieldName'],
  domainHasChainId: boolean,
  contractSignatureCheck: SafeVersionRules['contractSignatureCheck'] = 'legacy-bytes',
): SafeVersionRules => ({
  version,
  gasFieldName,
  domainHasChainId,
  contractSignatureCheck,
  // 1.3.0 moved signMessage/isValidSignature out of the singleton, in the same release that added chainId.
  messageSignatureCheck: domainHasChainId ? 'fallback-handler-bytes32' : 'singleton-bytes',
});

export const SAFE_VERSION_RULES: readonly SafeVersionRules[] = [
  rules('0.1.0', 'dataGas', false),
  rules('1.0.0', 'baseGas', false),
  rules('1.1.0', 'baseGas', false),
  rules('1.1.1', 'baseGas', false),
  rules('1.2.0', 'baseGas', false),
  rules('1.3.0', 'baseGas', true),
  rules('1.4.0', 'baseGas', true),
  rules('1.4.1', 'baseGas', true),
  rules('1.5.0', 'baseGas', true, 'eip1271-bytes32'),
];

/** The service reports L2 singletons as e.g. "1.3.0+L2"; the hash rules are those of the base version. */
export function normaliseSafeVersion(version: string): string {
  return version.trim().replace(/\+L2$/i, '');
}

/** The version asked for last, as given: a page of a thousand transactions asks for one version each time. */
let lastAsked: { version: string; rules: SafeVersionRules } | undefined;

export function safeVersionRules(version: string): SafeVersionRules {
  if (lastAsked?.version === version) return lastAsked.rules;
  const normalised = normaliseSafeVersion(version);
  const found = SAFE_VERSION_RULES.find((r) => r.version === normalised);
  if (!found) {
    // Guessing the rules for an unknown version could produce a hash the contract never computes.
    throw new GuardianError(
      'UNSUPPORTED_SAFE_VERSION',
      `Safe version "${version}" is not one this console knows how to hash (known: ${SAFE_VERSION_RULES.map((r) => r.version).join(', ')}).`,
      { details: { version } },
    );
  }
  lastAsked = { version, rules: found };
  return found;
}
