import { z } from 'zod';

/**
 * The Safe Transaction Service's response shapes, as api-kit 5 receives them (v1 safes, v2 multisig
 * transactions). Numbers arrive as strings or numbers depending on the service's version: both are taken.
 * Everything is checked here, at the edge; nothing past this file trusts the service.
 */
const uintLike = z.union([z.string().regex(/^[0-9]+$/), z.number().int().nonnegative()]).transform((v) => BigInt(v));
const hexAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'not a 20-byte 0x address');
const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'not a 32-byte 0x hash');
const hexData = z.string().regex(/^0x([0-9a-fA-F]{2})*$/, 'not whole-byte 0x hex');

export const serviceSafeInfoSchema = z.object({
  address: hexAddress,
  nonce: uintLike,
  threshold: z.number().int().positive(),
  owners: z.array(hexAddress).min(1),
  singleton: hexAddress.optional(),
  masterCopy: hexAddress.optional(),
  modules: z.array(hexAddress).optional(),
  fallbackHandler: hexAddress.optional(),
  guard: hexAddress.optional(),
  version: z.string().min(1),
});

export const serviceConfirmationSchema = z.object({
  owner: hexAddress,
  signature: hexData,
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
  gasToken: hexAddress,
  refundReceiver: hexAddress,
  nonce: uintLike,
  safeTxHash: hash,
  proposer: hexAddress.nullable().optional(),
  submissionDate: z.string().optional(),
  isExecuted: z.boolean().optional(),
  confirmations: z.array(serviceConfirmationSchema).optional(),
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
