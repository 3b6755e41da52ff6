import { getMultiSendCallOnlyDeployment } from '@safe-global/safe-deployments';
import { getAddress, Interface, isAddress, type JsonFragmentType, type ParamType } from 'ethers';
import { z } from 'zod';
import { GuardianError } from '../errors.js';
import { createSafeTx } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { normaliseSafeVersion } from '../safe/safeVersions.js';
import { encodeMultiSend, type MultiSendCall } from './multiSendEncoding.js';
import type { QueueItem } from './queueItem.js';
import { firstIssue } from './serviceSchemas.js';
import { txBuilderChecksum } from './txBuilderChecksum.js';

const inputSchema: z.ZodType<{ name: string; type: string; internalType?: string; components?: unknown[] }> = z.object({
  name: z.string(),
  type: z.string(),
  internalType: z.string().optional(),
  components: z.array(z.unknown()).optional(),
});

export const txBuilderBatchSchema = z.object({
  version: z.string(),
  chainId: z.string().regex(/^[0-9]+$/),
  createdAt: z.number().optional(),
  meta: z
    .object({
      name: z.string().nullable().optional(),
      description: z.string().nullable().optional(),
      txBuilderVersion: z.string().optional(),
      createdFromSafeAddress: z.string().optional(),
      createdFromOwnerAddress: z.string().optional(),
      checksum: z.string().optional(),
    })
    .passthrough(),
  transactions: z
    .array(
      z.object({
        to: z.string().refine((a) => isAddress(a), 'not a 20-byte 0x address'),
        value: z.string().regex(/^[0-9]+$/, 'not a decimal whole number'),
        data: z.string().regex(/^0x([0-9a-fA-F]{2})*$/, 'not whole-byte 0x hex').nullable().optional(),
        contractMethod: z.object({ name: z.string(), inputs: z.array(inputSchema), payable: z.boolean().optional() }).nullable().optional(),
        contractInputsValues: z.record(z.string(), z.string()).nullable().optional(),
      }),
    )
    .min(1, 'a batch needs at least one transaction'),
});

export type TxBuilderBatch = z.infer<typeof txBuilderBatchSchema>;

export interface TxBuilderContext {
  safeVersion: string;
  nonce: bigint;
  /** The MultiSendCallOnly to batch through; defaults to the official deployment for the chain. */
  multiSendCallOnly?: string;
  path: string;
}

/** Values from the builder's form are strings; arrays and tuples arrive as JSON text. */
function inputValue(param: ParamType, text: string): unknown {
  if (param.baseType === 'array' || param.baseType === 'tuple') return JSON.parse(text) as unknown;
  if (param.type === 'bool') return text === 'true';
  return text;
}

function callData(tx: TxBuilderBatch['transactions'][number], index: number): string {
  if (tx.data) return tx.data.toLowerCase();
  if (!tx.contractMethod) return '0x';
  try {
    const iface = new Interface([{ type: 'function', name: tx.contractMethod.name, inputs: tx.contractMethod.inputs as JsonFragmentType[], outputs: [], stateMutability: tx.contractMethod.payable ? 'payable' : 'nonpayable' }]);
    const fragment = iface.getFunction(tx.contractMethod.name)!;
    const values = fragment.inputs.map((p) => inputValue(p, tx.contractInputsValues?.[p.name] ?? ''));
    return iface.encodeFunctionData(fragment, values).toLowerCase();
  } catch (cause) {
    throw new GuardianError('INVALID_FILE', `Transaction ${index + 1} of the batch: cannot encode ${tx.contractMethod.name}(...) from its inputs (${(cause as Error).message}).`, { cause });
  }
}

function multiSendCallOnlyFor(chainId: bigint, safeVersion: string): string {
  const version = normaliseSafeVersion(safeVersion) === '1.4.1' ? '1.4.1' : '1.3.0';
  const deployment = getMultiSendCallOnlyDeployment({ version, network: chainId.toString() });
  const address = deployment?.networkAddresses[chainId.toString()];
  const chosen = Array.isArray(address) ? address[0] : address;
  if (!chosen) throw new GuardianError('INVALID_INPUT', `No known MultiSendCallOnly ${version} on chain ${chainId}; give its address explicitly.`);
  return getAddress(chosen);
}

/**
 * A Transaction Builder batch as the Safe would receive it: one call as itself, several as a DELEGATECALL to
 * MultiSendCallOnly (which refuses nested DELEGATECALLs, so the batch cannot smuggle one in).
 */
export function txBuilderBatchToQueueItem(json: unknown, ctx: TxBuilderContext): QueueItem {
  const parsed = txBuilderBatchSchema.safeParse(json);
  if (!parsed.success) throw new GuardianError('INVALID_FILE', `${ctx.path} is not a valid Transaction Builder batch (${firstIssue(parsed.error)}).`);
  const batch = parsed.data;
  if (batch.meta.checksum && txBuilderChecksum(json as Record<string, unknown>) !== batch.meta.checksum.toLowerCase()) {
    throw new GuardianError('INVALID_FILE', `${ctx.path} was changed after the Transaction Builder exported it: its checksum does not match its contents.`);
  }
  const safeAddress = batch.meta.createdFromSafeAddress;
  if (!safeAddress || !isAddress(safeAddress)) throw new GuardianError('INVALID_FILE', `${ctx.path} does not say which Safe it is for (meta.createdFromSafeAddress).`);
  const chainId = BigInt(batch.chainId);
  const calls: MultiSendCall[] = batch.transactions.map((t, i) => ({ operation: 0, to: getAddress(t.to.toLowerCase()), value: BigInt(t.value), data: callData(t, i) }));
  const single = calls.length === 1 ? calls[0]! : null;
  const tx = createSafeTx({
    chainId,
    safe: safeAddress,
    safeVersion: ctx.safeVersion,
    nonce: ctx.nonce,
    ...(single
      ? { to: single.to, value: single.value, data: single.data, operation: 0 }
      : { to: ctx.multiSendCallOnly ?? multiSendCallOnlyFor(chainId, ctx.safeVersion), value: 0n, data: encodeMultiSend(calls), operation: 1 }),
  });
  return { safeTx: tx, safeTxHash: safeTxHash(tx), claimedSafeTxHash: null, source: { kind: 'tx-builder-file', path: ctx.path }, confirmations: [], fetchedAt: new Date().toISOString() };
}
