import { ZeroAddress } from 'ethers';
import { z } from 'zod';
import { decimalUint256 } from '../input/uint256.js';
import { isWholeByteHex } from '../primitives/wholeByteHex.js';

/**
 * The Safe Transaction Service's response shapes as api-kit 5 hands them over (camelCase; v1 safes, v2
 * multisig transactions), from the service's SafeInfoResponseSerializer and
 * SafeMultisigTransactionResponseSerializerV2. v1 sends nonce and gas fields as numbers, v2 as strings: both
 * are taken. Everything is checked here, at the edge; nothing past this file trusts the service.
 */
const uintLike = z.union([
  decimalUint256,
  z
    .number()
    .int()
    .nonnegative()
    .max(Number.MAX_SAFE_INTEGER)
    .transform((v) => BigInt(v)),
]);
export const hexAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'not a 20-byte 0x address');
const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'not a 32-byte 0x hash');
const hexData = z.string().refine(isWholeByteHex, 'not whole-byte 0x hex');
/** The service stores a missing gas token or refund receiver as null; the contract reads it as address(0). */
const addressOrZero = hexAddress.nullable().transform((a) => a ?? ZeroAddress);

export const serviceSafeInfoSchema = z.object({
  address: hexAddress,
  nonce: uintLike,
  threshold: z.number().int().positive(),
  owners: z.array(hexAddress).min(1),
  // api-kit renames the service's masterCopy to singleton when the service sends no singleton.
  singleton: hexAddress.nullable().optional(),
  masterCopy: hexAddress.nullable().optional(),
  modules: z.array(hexAddress).optional(),
  fallbackHandler: hexAddress.nullable().optional(),
  guard: hexAddress.nullable().optional(),
  // The serializer allows null: the service does not recognise the singleton, so nobody knows how to hash.
  version: z.string().nullable(),
});

/** GET /v1/about/ethereum-rpc/: the chain the service's node is on. api-kit has no method for it. */
export const serviceChainSchema = z.object({
  chainId: z.union([z.number().int().positive(), z.string().regex(/^[0-9]+$/)]).transform((v) => BigInt(v)),
});

export const serviceConfirmationSchema = z.object({
  owner: hexAddress,
  // Null for an owner who approved the hash on-chain (approveHash) rather than signing off-chain.
  signature: hexData.nullable(),
  signatureType: z.string().optional(),
  submissionDate: z.string().optional(),
});

export const serviceMultisigTransactionSchema = z.object({
  safe: hexAddress,
  to: hexAddress,
  value: uintLike,
  data: hexData.nullable(),
  operation: z.union([z.literal(0), z.literal(1)]),
  safeTxGas: uintLike,
  baseGas: uintLike,
  gasPrice: uintLike,
  gasToken: addressOrZero,
  refundReceiver: addressOrZero,
  nonce: uintLike,
  safeTxHash: hash,
  proposer: hexAddress.nullable().optional(),
  submissionDate: z.string().optional(),
  isExecuted: z.boolean().optional(),
  // Set once executed: when, as the service indexed it, and in which chain transaction.
  executionDate: z.string().nullable().optional(),
  transactionHash: hash.nullable().optional(),
  confirmations: z.array(serviceConfirmationSchema).nullable().optional(),
});

export const servicePageSchema = z.object({
  count: z.number().int().nonnegative(),
  next: z.string().nullable().optional(),
  previous: z.string().nullable().optional(),
  // Items are validated one by one, so one malformed item is refused without losing the others.
  results: z.array(z.unknown()),
});

export type ServiceSafeInfo = z.output<typeof serviceSafeInfoSchema>;
export type ServiceMultisigTransaction = z.output<typeof serviceMultisigTransactionSchema>;

/** Names the first problem zod found, as "field: message", for an error a guardian can read. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}
