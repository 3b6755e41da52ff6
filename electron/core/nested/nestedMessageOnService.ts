import { safeMessageHash } from '../safe/safeMessageHash.js';
import type { Eip712Message } from '../safe/safeMessage.js';
import { safeTxTypedData } from '../safe/safeTxHash.js';
import { safeVersionRules } from '../safe/safeVersions.js';
import type { NestedSigningContext } from './nestedSigningContext.js';

export type NestedMessageOnService =
  { representable: true; content: Eip712Message } | { representable: false; reason: string };

/**
 * The owner Safe's message as its Transaction Service can hold it. The service keys a message by
 * getMessageHash(abi.encode(dataHash)), dataHash being the EIP-712 hash of typed data (or EIP-191 of text): from
 * 1.5.0 the outer Safe's SafeMessage holds exactly the outer safeTxHash, so the outer SafeTx as typed data gives
 * the very hash the inner owners signed. Up to 1.4.1 it holds the outer preimage, whose keccak is the safeTxHash
 * and which no typed data or text hashes to: the service cannot store it, and only the outer contract signature
 * (which carries the inner signatures) can be posted.
 */
export function nestedMessageOnService(context: NestedSigningContext): NestedMessageOnService {
  const outer = context.outer.safeTx;
  if (safeVersionRules(outer.safeVersion).contractSignatureCheck !== 'eip1271-bytes32')
    return {
      representable: false,
      reason: `Safe ${outer.safe} is version ${outer.safeVersion}: it asks its owner Safe about the transaction's EIP-712 preimage, a message the Transaction Service cannot hold, so only the outer contract signature is posted.`,
    };
  const typed = safeTxTypedData(outer);
  // JSON carries no bigint: the service reads the chain id as a number, as wallets send it.
  const content: Eip712Message = {
    ...typed,
    domain: { ...typed.domain, ...('chainId' in typed.domain ? { chainId: Number(typed.domain.chainId) } : {}) },
  };
  const served = safeMessageHash({
    chainId: context.inner.chainId,
    safe: context.inner.address,
    safeVersion: context.inner.version,
    content,
  });
  // Never post a message that the service would key under another hash than the one the owners signed.
  if (served.toLowerCase() !== context.hashes.innerSafeMessageHash.toLowerCase())
    return {
      representable: false,
      reason: `The Transaction Service would key the owner Safe's message as ${served}, not ${context.hashes.innerSafeMessageHash}: it is not posted.`,
    };
  return { representable: true, content };
}
