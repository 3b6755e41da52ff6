import { getAddress, Interface, isAddress, type JsonFragment } from 'ethers';
import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import { GuardianError } from '../errors.js';
import type { SafeInfo } from '../safe/safeInfo.js';
import { createSafeTx, Operation } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { safeVersionRules } from '../safe/safeVersions.js';
import { encodeMultiSend, type MultiSendCall } from '../primitives/multiSendEncoding.js';
import { multiSendCallOnlyAddress } from './multiSendCallOnlyAddress.js';
import type { QueueItem } from '../safe/queueItem.js';
import { firstIssue } from './serviceSchemas.js';
import { txBuilderChecksumMatches } from './txBuilderChecksum.js';
import { TxBuilderInputError, txBuilderInputValue } from './txBuilderInputs.js';
import { decimalUint256 } from '../input/uint256.js';
import { isWholeByteHex } from '../primitives/wholeByteHex.js';

const methodInputSchema = lazySchema(
  (): z.ZodType<{ name?: string; type: string; internalType?: string; components?: unknown[] }> =>
    z.object({
      name: z.string().optional(),
      type: z.string(),
      internalType: z.string().optional(),
      components: z.array(z.unknown()).optional(),
    }),
);

/** The Safe{Wallet} Transaction Builder's export (its BatchFile type). Numbers must be strings, as the builder insists. */
export const txBuilderBatchSchema = lazySchema(() =>
  z.object({
    version: z.string(),
    chainId: z.string().regex(/^[0-9]+$/, 'not a decimal chain id'),
    createdAt: z.number().optional(),
    meta: z.looseObject({
      name: z.string().nullable().optional(),
      description: z.string().nullable().optional(),
      txBuilderVersion: z.string().optional(),
      createdFromSafeAddress: z.string().optional(),
      createdFromOwnerAddress: z.string().optional(),
      checksum: z.string().optional(),
    }),
    transactions: z
      .array(
        z.object({
          to: z.string().refine((a) => isAddress(a), 'not a 20-byte 0x address'),
          value: z
            .string()
            .regex(/^[0-9]+$/, 'not a decimal whole number of wei (as a string)')
            .pipe(decimalUint256),
          data: z
            .string()
            .refine((d) => d === '' || isWholeByteHex(d), 'not whole-byte 0x hex')
            .nullable()
            .optional(),
          contractMethod: z
            .object({ name: z.string(), inputs: z.array(methodInputSchema()), payable: z.boolean().optional() })
            .nullable()
            .optional(),
          contractInputsValues: z
            .record(z.string(), z.string('must be a string, as the Transaction Builder writes it'))
            .nullable()
            .optional(),
        }),
      )
      .min(1, 'a batch needs at least one transaction')
      .max(1000, 'more than 1000 transactions is no batch a guardian can review'),
  }),
);

export type TxBuilderBatch = z.infer<ReturnType<typeof txBuilderBatchSchema>>;

export interface TxBuilderFileContext {
  /** The chain the guardian expects; the file's own chainId must match. */
  chainId?: bigint;
  /** The Safe the guardian expects; meta.createdFromSafeAddress must match (and stands in when it is absent). */
  safe?: string;
  /** The Safe as last pulled: gives chain, address, version and next nonce. */
  safeInfo?: SafeInfo;
  safeVersion?: string;
  /** The nonce to propose at; defaults to safeInfo.nonce. */
  nonce?: bigint;
  /** The MultiSendCallOnly to batch through; defaults to the official deployment for the chain and version. */
  multiSendAddress?: string;
  /** Where the file came from, for messages and the item's source. */
  path?: string;
}

/** Builders that never swallow errors: where the Transaction Builder would fall back to empty calldata, we refuse. */
function callData(tx: TxBuilderBatch['transactions'][number], index: number, where: string): string {
  if (tx.data) return tx.data.toLowerCase();
  const method = tx.contractMethod;
  // The builder sends receive/fallback (and a transfer with no method) as a plain call with empty data.
  if (!method || method.name === 'receive' || method.name === 'fallback') return '0x';
  try {
    const fragment: JsonFragment = {
      type: 'function',
      name: method.name,
      inputs: method.inputs as JsonFragment['inputs'],
      outputs: [],
      stateMutability: method.payable ? 'payable' : 'nonpayable',
    };
    const iface = new Interface([fragment]);
    const fn = iface.getFunction(method.name)!;
    const values = fn.inputs.map((param, i) =>
      txBuilderInputValue(param, tx.contractInputsValues?.[method.inputs[i]?.name || String(i)] ?? ''),
    );
    return iface.encodeFunctionData(fn, values).toLowerCase();
  } catch (cause) {
    const reason = cause instanceof TxBuilderInputError ? cause.message : (cause as Error).message.split(' (')[0];
    throw new GuardianError(
      'INVALID_FILE',
      `${where}, transaction ${index + 1}: cannot encode ${method.name}(…) from its inputs: ${reason}.`,
      { cause, details: { index } },
    );
  }
}

function checkBelongs(
  batch: TxBuilderBatch,
  ctx: TxBuilderFileContext,
  where: string,
): { chainId: bigint; safe: string } {
  const chainId = BigInt(batch.chainId);
  const expectedChain = ctx.chainId ?? ctx.safeInfo?.chainId;
  if (expectedChain !== undefined && expectedChain !== chainId) {
    throw new GuardianError('WRONG_CHAIN', `${where} was built for chain ${chainId}, not chain ${expectedChain}.`, {
      details: { file: chainId.toString(), expected: expectedChain.toString() },
    });
  }
  const fileSafe = batch.meta.createdFromSafeAddress;
  if (fileSafe && !isAddress(fileSafe))
    throw new GuardianError('INVALID_FILE', `${where}: meta.createdFromSafeAddress "${fileSafe}" is not an address.`);
  const expectedSafe = ctx.safe ?? ctx.safeInfo?.address;
  if (fileSafe && expectedSafe && fileSafe.toLowerCase() !== expectedSafe.toLowerCase()) {
    throw new GuardianError(
      'WRONG_SAFE',
      `${where} was built for Safe ${getAddress(fileSafe.toLowerCase())}, not ${getAddress(expectedSafe.toLowerCase())}.`,
      {
        details: { file: fileSafe, expected: expectedSafe },
      },
    );
  }
  const safe = fileSafe || expectedSafe;
  if (!safe)
    throw new GuardianError(
      'INVALID_FILE',
      `${where} does not say which Safe it is for (meta.createdFromSafeAddress); name the Safe.`,
    );
  return { chainId, safe: getAddress(safe.toLowerCase()) };
}

/**
 * A Transaction Builder batch as the Safe would receive it: one call as itself, several as a DELEGATECALL to
 * MultiSendCallOnly (which reverts on a nested DELEGATECALL, so the batch cannot smuggle one in). It has no
 * claimed hash: the file never had one, the guardian's device will show the one computed here.
 */
export function parseTxBuilderFile(json: unknown, ctx: TxBuilderFileContext = {}): QueueItem {
  const where = ctx.path ?? 'The Transaction Builder batch';
  const parsed = txBuilderBatchSchema().safeParse(json);
  if (!parsed.success) {
    throw new GuardianError(
      'INVALID_FILE',
      `${where} is not a valid Transaction Builder batch (${firstIssue(parsed.error)}).`,
      { cause: parsed.error, details: { path: parsed.error.issues[0]?.path.join('.') } },
    );
  }
  const batch = parsed.data;
  if (batch.meta.checksum && !txBuilderChecksumMatches(json as Record<string, unknown>, batch.meta.checksum)) {
    throw new GuardianError(
      'INVALID_FILE',
      `${where} was changed after the Transaction Builder exported it: its meta.checksum does not match its contents.`,
      {
        details: { checksum: batch.meta.checksum },
      },
    );
  }
  const { chainId, safe } = checkBelongs(batch, ctx, where);
  const safeVersion = ctx.safeVersion ?? ctx.safeInfo?.version;
  const nonce = ctx.nonce ?? ctx.safeInfo?.nonce;
  if (safeVersion === undefined || nonce === undefined) {
    throw new GuardianError(
      'INVALID_INPUT',
      `${where}: the Safe's version and next nonce are needed to hash the batch; pull the Safe first or give them.`,
    );
  }
  safeVersionRules(safeVersion);
  const calls: MultiSendCall[] = batch.transactions.map((t, i) => ({
    operation: 0,
    to: getAddress(t.to.toLowerCase()),
    value: t.value,
    data: callData(t, i, where),
  }));
  const single = calls.length === 1 ? calls[0]! : null;
  const tx = createSafeTx({
    chainId,
    safe,
    safeVersion,
    nonce,
    ...(single
      ? { to: single.to, value: single.value, data: single.data, operation: Operation.Call }
      : {
          to: ctx.multiSendAddress ?? multiSendCallOnlyAddress(chainId, safeVersion),
          value: 0n,
          data: encodeMultiSend(calls),
          operation: Operation.DelegateCall,
        }),
  });
  return {
    safeTx: tx,
    safeTxHash: safeTxHash(tx),
    claimedSafeTxHash: null,
    source: { kind: 'tx-builder-file', path: ctx.path ?? '' },
    confirmations: [],
    fetchedAt: new Date().toISOString(),
  };
}
