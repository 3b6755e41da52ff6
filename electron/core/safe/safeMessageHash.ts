import { concat, hashMessage, keccak256, TypedDataEncoder, type TypedDataField } from 'ethers';
import { GuardianError } from '../errors.js';
import { safeDomainHash } from './safeTxHash.js';
import type { Eip712Message, SafeMessage, SafeMessageContent } from './safeMessage.js';

/**
 * The hashes of a SafeMessage, named as Safe's CompatibilityFallbackHandler (and, before 1.3.0, GnosisSafe.sol)
 * and a Ledger name them:
 * - dataHash:        EIP-191 hashMessage of the text, or the EIP-712 hash of the typed data: what a dapp asks
 *                    the Safe about with isValidSignature(bytes32 _dataHash, bytes).
 * - domainHash:      the Safe's domain separator (chainId and verifyingContract from 1.3.0, the address only before).
 * - messageHash:     hashStruct(SafeMessage(bytes message)) over the 32 bytes of dataHash: the "message hash" a
 *                    Ledger shows in hashed EIP-712 signing.
 * - safeMessageHash: keccak256(0x19 0x01 ‖ domainHash ‖ messageHash), getMessageHash(abi.encode(dataHash)):
 *                    what the owners sign and what the Transaction Service keys the message by.
 */
export interface SafeMessageHashes {
  dataHash: string;
  domainHash: string;
  messageHash: string;
  safeMessageHash: string;
}

const SAFE_MESSAGE_TYPES: Record<string, TypedDataField[]> = { SafeMessage: [{ name: 'message', type: 'bytes' }] };
const safeMessageEncoder = new TypedDataEncoder(SAFE_MESSAGE_TYPES);

/**
 * ethers builds the EIP712Domain type from the domain object's keys. A payload that also declares EIP712Domain
 * with other fields or another order is hashed differently by wallets that read the declaration (viem does):
 * two honest tools would show two hashes for one message, so it is refused rather than guessed.
 */
function checkDeclaredDomain(typed: Eip712Message): void {
  const declared = typed.types['EIP712Domain'];
  if (!declared) return;
  const payloadTypes = TypedDataEncoder.getPayload(typed.domain, withoutDomain(typed.types), typed.message)
    .types as Record<string, TypedDataField[]>;
  const derived = payloadTypes['EIP712Domain'] ?? [];
  const same =
    declared.length === derived.length &&
    declared.every((f, i) => f.name === derived[i]!.name && f.type === derived[i]!.type);
  if (!same) {
    throw new GuardianError(
      'INVALID_INPUT',
      `The typed data declares its EIP712Domain as (${declared.map((f) => `${f.type} ${f.name}`).join(', ')}) but its domain holds (${derived.map((f) => `${f.type} ${f.name}`).join(', ')}): wallets would disagree on its hash, so it is not signed.`,
    );
  }
}

function withoutDomain(types: Eip712Message['types']): Record<string, TypedDataField[]> {
  return Object.fromEntries(Object.entries(types).filter(([name]) => name !== 'EIP712Domain'));
}

/** hashMessage of EIP-191 text, or the EIP-712 hash of typed data: the hash a dapp hands to isValidSignature. */
export function messageDataHash(content: SafeMessageContent): string {
  if (typeof content === 'string') return hashMessage(content);
  try {
    checkDeclaredDomain(content);
    const types = withoutDomain(content.types);
    if (!types[content.primaryType]) throw new Error(`primaryType ${content.primaryType} is not among its types`);
    // The primary type as declared, not as ethers would infer it: an ambiguous set of types is an error there.
    if (TypedDataEncoder.from(types).primaryType !== content.primaryType)
      throw new Error(
        `its types make ${TypedDataEncoder.from(types).primaryType} the primary type, not ${content.primaryType}`,
      );
    return TypedDataEncoder.hash(content.domain, types, content.message);
  } catch (cause) {
    if (cause instanceof GuardianError) throw cause;
    throw new GuardianError(
      'INVALID_INPUT',
      `The typed data cannot be hashed as EIP-712: ${(cause as Error).message.slice(0, 300)}.`,
      { cause },
    );
  }
}

export function safeMessageHashes(message: SafeMessage): SafeMessageHashes {
  const dataHash = messageDataHash(message.content);
  const domainHash = safeDomainHash(message);
  const messageHash = safeMessageEncoder.hashStruct('SafeMessage', { message: dataHash });
  return { dataHash, domainHash, messageHash, safeMessageHash: keccak256(concat(['0x1901', domainHash, messageHash])) };
}

export function safeMessageHash(message: SafeMessage): string {
  return safeMessageHashes(message).safeMessageHash;
}
