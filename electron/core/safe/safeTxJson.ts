import { getAddress, isAddress } from 'ethers';
import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import { GuardianError } from '../errors.js';
import type { SafeTx } from './safeTx.js';
import { decimalUint256 } from '../input/uint256.js';
import { isWholeByteHex } from '../primitives/wholeByteHex.js';

const address = lazySchema(() =>
  z
    .string()
    .refine((a) => isAddress(a), 'not a 20-byte 0x address')
    .transform((a) => getAddress(a.toLowerCase())),
);
const uint = decimalUint256;
const hexData = lazySchema(() =>
  z
    .string()
    .refine(isWholeByteHex, 'not 0x-prefixed whole-byte hex')
    .transform((v) => v.toLowerCase()),
);

/** A SafeTx as JSON: numbers as decimal strings, so files, IPC and the store carry it without loss. */
export const safeTxJsonSchema = lazySchema(() =>
  z.object({
    chainId: uint,
    safe: address(),
    safeVersion: z.string().min(1),
    to: address(),
    value: uint,
    data: hexData(),
    operation: z.union([z.literal(0), z.literal(1)]),
    safeTxGas: uint,
    baseGas: uint,
    gasPrice: uint,
    gasToken: address(),
    refundReceiver: address(),
    nonce: uint,
  }),
);

export type SafeTxJson = z.input<ReturnType<typeof safeTxJsonSchema>>;

export function safeTxToJson(tx: SafeTx): SafeTxJson {
  return {
    chainId: tx.chainId.toString(),
    safe: tx.safe,
    safeVersion: tx.safeVersion,
    to: tx.to,
    value: tx.value.toString(),
    data: tx.data,
    operation: tx.operation,
    safeTxGas: tx.safeTxGas.toString(),
    baseGas: tx.baseGas.toString(),
    gasPrice: tx.gasPrice.toString(),
    gasToken: tx.gasToken,
    refundReceiver: tx.refundReceiver,
    nonce: tx.nonce.toString(),
  };
}

export function safeTxFromJson(json: unknown, where: string): SafeTx {
  const parsed = safeTxJsonSchema().safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GuardianError(
      'INVALID_SAFE_TX',
      `${where}: field "${issue.path.join('.') || '(root)'}" ${issue.message}.`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
