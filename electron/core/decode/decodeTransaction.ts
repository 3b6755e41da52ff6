import type { InterfaceAbi } from 'ethers';
import type { SafeTx } from '../safe/safeTx.js';
import { AbiSources } from './abiSources.js';
import { AddressBook } from './addressBook.js';
import { CLASS_ORDER } from './classifyAction.js';
import { decodeCall, type DecodeContext } from './decodeCall.js';
import type { DecodedAction, DecodedTransaction } from './decodedTransaction.js';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './decodeLimits.js';
import type { TokenInfo } from './describeAction.js';
import { knownMultiSendAddresses } from './knownMultiSend.js';

export interface DecodeOptions {
  /** ABIs the guardian registered, by address (highest trust). */
  registeredAbis?: ReadonlyArray<{ address: string; abi: InterfaceAbi }>;
  addressBook?: AddressBook;
  tokens?: ReadonlyMap<string, TokenInfo>;
  /** MultiSend deployments beyond the official ones (a test chain's own). */
  extraMultiSend?: readonly string[];
  limits?: Partial<DecodeLimits>;
}

function walk(actions: readonly DecodedAction[], visit: (a: DecodedAction) => void): void {
  for (const a of actions) {
    visit(a);
    walk(a.children, visit);
  }
}

/**
 * A Safe transaction in human terms: every call it makes, recursively, each with the ABI source that decoded
 * it, its class and one sentence. Pure and deterministic; bounded by `limits` whatever the calldata.
 */
export function decodeTransaction(tx: Pick<SafeTx, 'chainId' | 'safe' | 'to' | 'value' | 'data' | 'operation'>, options: DecodeOptions = {}): DecodedTransaction {
  const book = options.addressBook ?? new AddressBook();
  book.add(tx.safe, 'this Safe');
  const ctx: DecodeContext = {
    sources: new AbiSources(options.registeredAbis ?? []),
    book,
    tokens: options.tokens ?? new Map(),
    knownMultiSend: knownMultiSendAddresses(tx.chainId, options.extraMultiSend),
    limits: { ...DEFAULT_DECODE_LIMITS, ...options.limits },
    count: 0,
    truncated: false,
  };
  const root = decodeCall({ to: tx.to, value: tx.value, data: tx.data, operation: tx.operation, depth: 0, path: '' }, ctx);
  const classes = new Set<DecodedTransaction['classes'][number]>();
  let delegatecall = false;
  let delegatecallToUnknown = false;
  let ambiguous = false;
  let undecoded = false;
  walk([root], (a) => {
    classes.add(a.class);
    if (a.operation === 1) {
      delegatecall = true;
      if (!ctx.knownMultiSend.has(a.to.toLowerCase())) delegatecallToUnknown = true;
    }
    if (a.candidates.length > 1) ambiguous = true;
    if (a.selector !== null && a.signature === null) undecoded = true;
  });
  // A batch's own class says nothing once its calls are known.
  if (root.class === 'batch' && root.children.length > 0) classes.delete('batch');
  const ordered = CLASS_ORDER.filter((c) => classes.has(c));
  const leaves: string[] = [];
  walk([root], (a) => {
    if (a.children.length === 0) leaves.push(a.sentence);
  });
  return {
    chainId: tx.chainId,
    safe: tx.safe,
    actions: [root],
    classes: ordered,
    flags: { delegatecall, delegatecallToUnknown, ambiguous, undecoded, truncated: ctx.truncated },
    summary: leaves.length <= 3 ? leaves.join('; ') : `${leaves.slice(0, 3).join('; ')}; and ${leaves.length - 3} more`,
  };
}
