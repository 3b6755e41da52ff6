import { isHexString } from 'ethers';
import { GuardianError } from '../errors.js';
import type { SafeTx } from '../safe/safeTx.js';
import { abiSourcesFor, type ArtifactAbi, type RegisteredAbi } from './abiSources.js';
import { AddressBook } from './addressBook.js';
import { checksumAddress } from '../primitives/checksumAddress.js';
import { CLASS_ORDER } from './classifyAction.js';
import { decodeCall, type DecodeContext } from './decodeCall.js';
import type { ActionClass, DecodedAction, DecodedTransaction } from './decodedTransaction.js';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './decodeLimits.js';
import { schedulingPrefix } from './describeAction.js';
import type { ReadProposal } from './proposalActions.js';
import type { TokenInfo } from '../primitives/tokenInfo.js';
import { knownMultiSendAddresses, knownMultiSendCallOnlyAddresses } from './knownMultiSend.js';
import type { TrustedDescriptor } from './erc7730/trustedDescriptors.js';
import { knownSafeDeployments } from './knownSafeDeployments.js';

export interface DecodeOptions {
  /** ABIs the guardian registered, by address (highest trust). */
  registeredAbis?: readonly RegisteredAbi[];
  /** The protocol's compiled contracts (contracts/artifacts): trusted below a registered ABI, at any address. */
  artifacts?: readonly ArtifactAbi[];
  /** Names for addresses; the Safe itself and official Safe deployments are added when missing. */
  addressBook?: AddressBook;
  /** Decimals and symbol per token address, for amounts. */
  tokens?: ReadonlyMap<string, TokenInfo>;
  /** MultiSend deployments beyond the official ones (a test chain's own). */
  extraMultiSend?: readonly string[];
  /** ERC-7730 descriptors the guardian trusts, with their provenance (erc7730/); each covers the deployments it names. */
  descriptors?: readonly TrustedDescriptor[];
  limits?: Partial<DecodeLimits>;
  /**
   * What a governor holds for a proposal voted on, read from the chain (reviewSafeTx.ts): a vote for it is
   * decoded as the calls it would make. Without it a vote names only the proposal's number.
   */
  readProposal?: ReadProposal;
}

/** What is decoded: a Safe transaction, or a bare call from a Safe on a chain. */
export type DecodeInput = Pick<SafeTx, 'chainId' | 'safe' | 'to' | 'value' | 'data' | 'operation'>;

function walk(actions: readonly DecodedAction[], visit: (a: DecodedAction) => void): void {
  for (const a of actions) {
    visit(a);
    walk(a.children, visit);
  }
}

/**
 * The sentences of the calls that do something, each under the timelock that schedules it: a scheduled upgrade
 * reads "Schedules on timelock …, to run after 2 days (172800 s): Upgrades …", never "Upgrades …" as if now.
 */
function summaryLeaves(actions: readonly DecodedAction[], book: AddressBook, scheduledBy: string | null): string[] {
  return actions.flatMap((a) => {
    if (a.children.length === 0) return [scheduledBy ? `${scheduledBy}: ${a.sentence}` : a.sentence];
    return summaryLeaves(a.children, book, schedulingPrefix(a, book) ?? scheduledBy);
  });
}

/** ethers' isAddress, through the remembered checksum: the Safe and its targets recur in every decode. */
function isAddressLike(address: string): boolean {
  try {
    checksumAddress(address);
    return true;
  } catch {
    return false;
  }
}

function checkInput(tx: DecodeInput): void {
  if (!isAddressLike(tx.to) || !isAddressLike(tx.safe))
    throw new GuardianError('INVALID_INPUT', `Not an address: ${isAddressLike(tx.to) ? tx.safe : tx.to}.`);
  if (!isHexString(tx.data) || tx.data.length % 2 !== 0)
    throw new GuardianError('INVALID_INPUT', 'The calldata is not 0x-prefixed hex of whole bytes.');
  if (tx.value < 0n) throw new GuardianError('INVALID_INPUT', 'The value is negative.');
  if (tx.operation !== 0 && tx.operation !== 1)
    throw new GuardianError(
      'INVALID_INPUT',
      `Operation ${String(tx.operation)} is neither CALL (0) nor DELEGATECALL (1).`,
    );
}

/**
 * A Safe transaction in human terms: every call it makes, recursively, each with the ABI source that decoded
 * it, its class and one sentence. Pure and deterministic; bounded by `limits` whatever the calldata. Throws
 * only a GuardianError INVALID_INPUT for an input that is not a transaction at all (bad address or hex).
 */
export function decodeTransaction(tx: DecodeInput, options: DecodeOptions = {}): DecodedTransaction {
  checkInput(tx);
  const book = options.addressBook ?? new AddressBook();
  book.add(tx.safe, 'this Safe');
  const officialSafe = knownSafeDeployments(tx.chainId);
  for (const [address, name] of officialSafe) book.add(address, name);
  for (const address of options.extraMultiSend ?? []) book.add(address, 'MultiSend');
  const ctx: DecodeContext = {
    sources: abiSourcesFor(options.registeredAbis, options.artifacts),
    book,
    tokens: options.tokens ?? new Map(),
    knownMultiSend: knownMultiSendAddresses(tx.chainId, options.extraMultiSend),
    multiSendCallOnly: knownMultiSendCallOnlyAddresses(tx.chainId),
    officialSafe,
    chainId: tx.chainId,
    safe: tx.safe,
    descriptors: options.descriptors ?? [],
    limits: { ...DEFAULT_DECODE_LIMITS, ...options.limits },
    ...(options.readProposal ? { readProposal: options.readProposal } : {}),
    count: 0,
    bytes: 0,
    truncated: false,
  };
  const root = decodeCall(
    { to: checksumAddress(tx.to), value: tx.value, data: tx.data, operation: tx.operation, depth: 0, path: '' },
    ctx,
  );
  const classes = new Set<ActionClass>();
  const flags = {
    delegatecall: false,
    delegatecallToUnknown: false,
    ambiguous: false,
    undecoded: false,
    truncated: ctx.truncated,
  };
  walk([root], (a) => {
    classes.add(a.class);
    // Value sent along with a call moves funds whatever the call is.
    if (a.value > 0n) classes.add('native-transfer');
    if (a.operation === 1) {
      flags.delegatecall = true;
      if (!ctx.knownMultiSend.has(a.to.toLowerCase())) flags.delegatecallToUnknown = true;
    }
    if (a.candidates.length > 1) flags.ambiguous = true;
    if (a.selector !== null && a.signature === null) flags.undecoded = true;
  });
  // A batch's own class says nothing once its calls are known.
  if (root.class === 'batch' && root.children.length > 0) classes.delete('batch');
  const leaves = summaryLeaves([root], book, null);
  return {
    chainId: tx.chainId,
    safe: tx.safe,
    actions: [root],
    classes: CLASS_ORDER.filter((c) => classes.has(c)),
    flags,
    summary: leaves.length <= 3 ? leaves.join('; ') : `${leaves.slice(0, 3).join('; ')}; and ${leaves.length - 3} more`,
    work: { actions: ctx.count, bytes: ctx.bytes },
  };
}
