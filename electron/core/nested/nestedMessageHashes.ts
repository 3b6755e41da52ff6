import { concat, keccak256, TypedDataEncoder } from 'ethers';
import { GuardianError } from '../errors.js';
import type { SafeTx } from '../safe/safeTx.js';
import { safeDomainHash, safeTxHash, safeTxPreimage } from '../safe/safeTxHash.js';
import { safeVersionRules } from '../safe/safeVersions.js';

/**
 * The hashes of a contract signature by an owner Safe (the inner one) for a transaction of the Safe it owns
 * (the outer one). The outer Safe asks the inner one's CompatibilityFallbackHandler whether the inner owners
 * signed a SafeMessage; which bytes that message holds is decided by the outer Safe's version:
 * - up to 1.4.1 it calls isValidSignature(bytes data, bytes) with data = the outer EIP-712 preimage
 *   (0x1901 ‖ domain ‖ hashStruct(SafeTx)), so keccak(message) is the outer safeTxHash itself;
 * - from 1.5.0 it calls isValidSignature(bytes32 safeTxHash, bytes), which the handler wraps as
 *   abi.encode(safeTxHash), so keccak(message) is keccak(safeTxHash).
 * Signing the other one gives a signature the outer Safe refuses (GS024), so it is looked up, never guessed.
 */
export interface NestedMessageHashes {
  outerSafeTxHash: string;
  /** The bytes the inner Safe's SafeMessage holds, as the outer Safe hands them over. */
  message: string;
  /** The inner Safe's domain separator: what the Ledger shows as the domain hash. */
  domainHash: string;
  /** hashStruct(SafeMessage(bytes message)): what the Ledger shows as the message hash. */
  messageHash: string;
  /** keccak(0x1901 ‖ domainHash ‖ messageHash): what the inner owners' devices sign. */
  innerSafeMessageHash: string;
}

const safeMessageEncoder = new TypedDataEncoder({ SafeMessage: [{ name: 'message', type: 'bytes' }] });

export function nestedMessageHashes(
  outer: SafeTx,
  inner: { chainId: bigint; safe: string; safeVersion: string },
): NestedMessageHashes {
  // Before 1.3.0 a Safe checks messages in its singleton, which answers only the legacy call with its own
  // domain rules; a station that cannot sign what the outer Safe will ask must not pretend to.
  if (safeVersionRules(inner.safeVersion).messageSignatureCheck !== 'fallback-handler-bytes32')
    throw new GuardianError(
      'UNSUPPORTED_SAFE_VERSION',
      `The owner Safe ${inner.safe} is version ${inner.safeVersion}: a contract signature from it needs Safe 1.3.0 or later with the CompatibilityFallbackHandler. Use guardian nested approve instead.`,
      { details: { version: inner.safeVersion } },
    );
  if (inner.chainId !== outer.chainId)
    throw new GuardianError(
      'INVALID_INPUT',
      `The owner Safe is on chain ${inner.chainId}, the transaction on chain ${outer.chainId}: the outer Safe asks its owner on its own chain.`,
    );
  const outerSafeTxHash = safeTxHash(outer).toLowerCase();
  const message =
    safeVersionRules(outer.safeVersion).contractSignatureCheck === 'eip1271-bytes32'
      ? outerSafeTxHash
      : safeTxPreimage(outer).toLowerCase();
  const domainHash = safeDomainHash(inner);
  const messageHash = safeMessageEncoder.hashStruct('SafeMessage', { message });
  return {
    outerSafeTxHash,
    message,
    domainHash,
    messageHash,
    innerSafeMessageHash: keccak256(concat(['0x1901', domainHash, messageHash])),
  };
}
