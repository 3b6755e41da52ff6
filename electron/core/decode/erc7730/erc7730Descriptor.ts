import { FunctionFragment, getAddress, isAddress, Interface } from 'ethers';
import { z } from 'zod';
import { lazySchema } from '../../primitives/lazySchema.js';
import { GuardianError } from '../../errors.js';

/**
 * An ERC-7730 clear-signing descriptor for contract calls (the "calldata" kind; EIP-712 descriptors are not read
 * here): the deployments it covers, who wrote it, and, per function, an intent and labelled fields. The subset
 * read is the one the spec (ERC-7730, and LedgerHQ's clear-signing-erc7730-registry schema) makes the core;
 * unknown keys are kept out of the result, never trusted.
 */
const FIELD_FORMATS = [
  'raw',
  'amount',
  'tokenAmount',
  'addressName',
  'date',
  'duration',
  'enum',
  'unit',
  'nftName',
  'calldata',
] as const;
export type FieldFormat = (typeof FIELD_FORMATS)[number];

const address = lazySchema(() =>
  z
    .string()
    .refine((a) => isAddress(a), { message: 'not an address (0x and 40 hex digits)' })
    .transform((a) => getAddress(a.toLowerCase())),
);

const fieldSchema = lazySchema(() =>
  z.object({
    path: z.string().min(1).optional(),
    $ref: z.string().optional(),
    label: z.string().min(1).optional(),
    format: z.enum(FIELD_FORMATS).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  }),
);

const formatSchema = lazySchema(() =>
  z.object({
    intent: z.union([z.string().min(1), z.record(z.string(), z.string())]).optional(),
    fields: z.array(fieldSchema()).default([]),
    required: z.array(z.string()).optional(),
    excluded: z.array(z.string()).optional(),
  }),
);

const descriptorSchema = lazySchema(() =>
  z.object({
    context: z.object({
      $id: z.string().optional(),
      contract: z.object({
        deployments: z.array(z.object({ chainId: z.number().int().positive(), address: address() })).default([]),
        abi: z.union([z.array(z.unknown()), z.string()]).optional(),
      }),
    }),
    metadata: z.object({
      owner: z.string().min(1),
      enums: z.record(z.string(), z.union([z.record(z.string(), z.string()), z.string()])).optional(),
    }),
    display: z.object({
      definitions: z.record(z.string(), fieldSchema()).optional(),
      formats: z.record(z.string(), formatSchema()),
    }),
  }),
);

export interface DescriptorField {
  /** Where the value is read: an argument by name ("to", "#.to"), "@.value" or "@.to" for the call itself. */
  path: string;
  label: string;
  format: FieldFormat;
  params: Record<string, unknown>;
}

export interface DescriptorFormat {
  /** The canonical signature ("pause()"), the one the decoder compares with what it decoded. */
  signature: string;
  selector: string;
  fragment: FunctionFragment;
  intent: string;
  fields: DescriptorField[];
}

export interface Erc7730Descriptor {
  owner: string;
  deployments: Array<{ chainId: bigint; address: string }>;
  /** By lowercase selector. */
  formats: Map<string, DescriptorFormat>;
  enums: Record<string, Record<string, string>>;
}

function invalid(where: string, message: string, cause?: unknown): GuardianError {
  return new GuardianError('INVALID_FILE', `${where} is not an ERC-7730 descriptor this console reads: ${message}`, {
    cause,
    details: { where },
  });
}

/** A format key is a signature with parameter names ("transfer(address to,uint256 amount)") or a selector. */
function fragmentFor(key: string, abi: Interface | null, where: string): FunctionFragment {
  if (/^0x[0-9a-fA-F]{8}$/.test(key)) {
    const fragment = abi?.getFunction(key.toLowerCase());
    if (!fragment)
      throw invalid(
        where,
        `format ${key} is a selector, and the descriptor's context.contract.abi has no function with it`,
      );
    return fragment;
  }
  try {
    return FunctionFragment.from(`function ${key}`);
  } catch (cause) {
    throw invalid(where, `format key "${key}" is neither a function signature nor a 4-byte selector`, cause);
  }
}

function resolveField(
  field: z.infer<ReturnType<typeof fieldSchema>>,
  definitions: Record<string, z.infer<ReturnType<typeof fieldSchema>>>,
  where: string,
): DescriptorField {
  const base = field.$ref ? definitions[field.$ref.replace(/^\$\.display\.definitions\./, '')] : undefined;
  if (field.$ref && !base)
    throw invalid(
      where,
      `field ${field.path ?? ''} refers to ${field.$ref}, which display.definitions does not define`,
    );
  const merged = { ...base, ...field, params: { ...base?.params, ...field.params } };
  if (!merged.path) throw invalid(where, 'a field has no path');
  return {
    path: merged.path,
    label: merged.label ?? merged.path,
    format: merged.format ?? 'raw',
    params: merged.params,
  };
}

function intentText(intent: string | Record<string, string> | undefined, signature: string): string {
  if (typeof intent === 'string') return intent;
  // An intent may be a map of words to values; its keys read as one line.
  if (intent)
    return Object.entries(intent)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  return signature;
}

/**
 * Reads a descriptor from parsed JSON; `where` names the file in every error. Only the descriptor shipped for a
 * Safe's own calls may list no deployment (`ownSafe`): every Safe is its own deployment, so it covers calls from
 * a Safe to itself and nothing else.
 */
export function parseErc7730Descriptor(
  json: unknown,
  where: string,
  options: { ownSafe?: boolean } = {},
): Erc7730Descriptor {
  const parsed = descriptorSchema().safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(where, `${issue.path.join('.') || '(top level)'}: ${issue.message}`, parsed.error);
  }
  const d = parsed.data;
  if (d.context.contract.deployments.length === 0 && !options.ownSafe)
    throw invalid(where, 'context.contract.deployments lists no chainId and address, so it would describe no contract');
  let abi: Interface | null = null;
  if (Array.isArray(d.context.contract.abi)) {
    try {
      abi = new Interface(d.context.contract.abi as never);
    } catch (cause) {
      throw invalid(where, 'context.contract.abi is not a valid ABI', cause);
    }
  }
  const definitions = d.display.definitions ?? {};
  const formats = new Map<string, DescriptorFormat>();
  for (const [key, format] of Object.entries(d.display.formats)) {
    const fragment = fragmentFor(key, abi, where);
    const signature = fragment.format('sighash');
    formats.set(fragment.selector.toLowerCase(), {
      signature,
      selector: fragment.selector.toLowerCase(),
      fragment,
      intent: intentText(format.intent, signature),
      fields: format.fields.map((f) => resolveField(f, definitions, where)),
    });
  }
  const enums: Record<string, Record<string, string>> = {};
  for (const [name, values] of Object.entries(d.metadata.enums ?? {}))
    if (typeof values !== 'string') enums[name] = values;
  return {
    owner: d.metadata.owner,
    deployments: d.context.contract.deployments.map((x) => ({ chainId: BigInt(x.chainId), address: x.address })),
    formats,
    enums,
  };
}
