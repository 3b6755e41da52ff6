import { Interface, toBeHex, type ErrorFragment } from 'ethers';
import { execTransactionCalldata } from './execTransactionCalldata.js';
import { checksumAddress } from '../primitives/checksumAddress.js';
import { GuardianError } from '../errors.js';
import { compareAddresses, encodeSafeSignatures } from '../safe/safeSignature.js';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { executedSafeTxHash } from './executedSafeTxHash.js';
import { blockHeader } from './blockHeader.js';
import { decodeRevert } from './revertReason.js';
import { askGuessedCalls, type GuessedCalls } from './getterBatch.js';
import { mappingSlot, SAFE_SLOTS, SENTINEL } from '../primitives/storageSlots.js';
import { keccak256Hex } from '../safe/wasmKeccak.js';
import type {
  BlockContext,
  CallFrame,
  CallOverrides,
  GuessedCall,
  PreStateCall,
  SimulationProgress,
  SimulationResult,
  StateMap,
  StateOverrides,
  RevertReason,
} from '../primitives/simulationTypes.js';

/** What the simulation needs of a chain: JSON-RPC. An ethers JsonRpcProvider is one; so is anything with `send`. */
export interface RpcClient {
  send(method: string, params: unknown[]): Promise<unknown>;
  /** Sends what is queued now, for a client that batches (batchingRpc): the caller knows its batch is complete. */
  flush?(): void;
}

const safeInterface = new Interface([
  'function getOwners() view returns (address[])',
  'function getModulesPaginated(address start, uint256 pageSize) view returns (address[] array, address next)',
]);

export interface SimulateOptions {
  /** An anvil: a fork of the Safe's chain pinned at a block, or a local chain. */
  provider: RpcClient;
  tx: SafeTx;
  owners: readonly string[];
  threshold: number;
  /** The block to simulate on; the latest when absent. */
  blockTag?: string;
  /**
   * Simulate as if in this block (number, timestamp, base fee, coinbase, gas limit), whatever block the chain is
   * at: a replay on a fresh anvil runs in the environment the review saw, via debug_traceCall's blockOverrides.
   */
  blockEnv?: BlockContext;
  /** The transaction's safeTxHash when the caller computed it already. */
  safeTxHash?: string;
  /**
   * Custom errors the revert data may be, by selector (from the decode ABIs and the artifacts), or how to get
   * them: indexing a protocol's ABIs takes longer than the trace, and only a revert needs them.
   */
  errors?: ReadonlyMap<string, ErrorFragment[]> | (() => ReadonlyMap<string, ErrorFragment[]>);
  /**
   * Keep the code of every touched account, so the pre-state can be carried (carriedState) to a machine with no
   * network. Code is most of a trace's bytes: a review that stays here asks the chain for the few it reads.
   */
  carry?: boolean;
  /**
   * Calls the caller will want answered (a named implementation's proxiableUUID()), asked at the pre-state in
   * the same round trip as the traces, each with what it read: where the transaction changed none of that,
   * the answer holds after it too, and the review need not ask the chain again.
   */
  preStateCalls?: ReadonlyArray<{ to: string; data: string }>;
  /** Accounts whose code the caller will read (an implementation an upgrade names), read in the same round trip. */
  preStateCodes?: readonly string[];
  /**
   * Calls the caller may want answered, asked in the same round trip as the traces, at the pre-state or at a
   * predicted after-state (overrides), each with the accounts it read: an answer is used only for a state that
   * agrees with its own on all of them (guessedAnswer.ts), and a guess never wanted costs two cheap requests.
   */
  guessedCalls?: ReadonlyArray<{ to: string; data: string; overrides?: CallOverrides }>;
  onProgress?: (progress: SimulationProgress) => void;
}

/** approvedHashes[owner][hash] set: the Safe counts that owner's v=1 signature. */
const APPROVED = toBeHex(1, 32);

const WORD_HEX = /^0x[0-9a-fA-F]{64}$/;

/**
 * approvedHashes[owner][hash]'s slot: keccak256(hash ‖ keccak256(owner ‖ 8)). The outer key is a new hash each
 * transaction, so mappingSlot keeps none of them and round-trips each through ethers' hex helpers; here the
 * preimage is one buffer into the fast Keccak. The owner's half is mappingSlot's, which it keeps.
 */
function approvedHashSlot(hash: string, owner: string): string {
  const ownerSlot = mappingSlot(owner, SAFE_SLOTS.approvedHashes);
  // Anything but a whole word is mappingSlot's to refuse, by name.
  if (!WORD_HEX.test(hash)) return mappingSlot(hash, ownerSlot);
  const preimage = Buffer.alloc(64);
  preimage.write(hash.slice(2), 0, 'hex');
  preimage.write(ownerSlot.slice(2), 32, 'hex');
  return `0x${keccak256Hex(preimage)}`;
}

/**
 * The signature requirement met without signatures: approved-hash signatures (v=1) from `threshold` owners,
 * sent from the first of them, with approvedHashes set by state override for the others. Owners and
 * threshold stay exactly as they are, so the diff shows only what the transaction itself does.
 */
export function signatureOverrides(
  tx: SafeTx,
  owners: readonly string[],
  threshold: number,
  hash = safeTxHash(tx),
): { from: string; signatures: string; overrides: StateOverrides } {
  const signers = [...owners]
    .sort(compareAddresses)
    .slice(0, threshold)
    .map((o) => checksumAddress(o));
  if (threshold < 1 || signers.length < threshold)
    throw new GuardianError(
      'SIMULATION_FAILED',
      `The Safe has ${owners.length} owners but a threshold of ${threshold}: it cannot be simulated as it stands.`,
    );
  const stateDiff: Record<string, string> = {};
  for (const signer of signers.slice(1)) stateDiff[approvedHashSlot(hash, signer)] = APPROVED;
  // A queued transaction may sit behind others: simulate it as if its turn had come.
  stateDiff[SAFE_SLOTS.nonce] = toBeHex(tx.nonce, 32);
  const signatures = encodeSafeSignatures(
    signers.map((s) => ({ signer: s, kind: 'approved_hash' as const, data: '0x' })),
  );
  return { from: signers[0]!, signatures, overrides: { [checksumAddress(tx.safe)]: { stateDiff } } };
}

/** The call execTransaction makes, as debug_traceCall takes it. */
export function execTransactionCall(tx: SafeTx, owners: readonly string[], threshold: number, hash = safeTxHash(tx)) {
  const { from, signatures, overrides } = signatureOverrides(tx, owners, threshold, hash);
  const data = execTransactionCalldata(tx, signatures);
  return { call: { from, to: checksumAddress(tx.safe), data, gas: toBeHex(30_000_000n) }, overrides };
}

/** Adds to `into` every account, slot and code that `from` read: the carried state must answer the review's reads too. */
function mergeState(into: StateMap, from: StateMap): void {
  for (const [address, account] of Object.entries(from)) {
    const existing = (into[address] ??= {});
    if (account.code !== undefined && existing.code === undefined) existing.code = account.code;
    if (account.balance !== undefined && existing.balance === undefined) existing.balance = account.balance;
    if (account.nonce !== undefined && existing.nonce === undefined) existing.nonce = account.nonce;
    if (account.storage) existing.storage = { ...account.storage, ...existing.storage };
  }
}

/** The innermost failed call: where a revert started, below the frames that only passed it up. */
function innermostFailure(frame: CallFrame): CallFrame | null {
  // The Safe reverts with its own reason (GS013) for the call that failed inside it: that call's cause is the one.
  const child = (bubbledFrom(frame).calls ?? []).findLast((c) => c.error);
  return child ? bubbledFrom(child) : null;
}

/**
 * Where a failed call's revert came from: down through the children whose revert it passed on unchanged. A child
 * whose failure the frame caught and answered with its own reason (OpenZeppelin 4.9's try proxiableUUID() catch
 * "new implementation is not UUPS") is not the cause; the last one failed is the one a revert passes on.
 */
function bubbledFrom(frame: CallFrame): CallFrame {
  const child = (frame.calls ?? []).findLast((c) => c.error);
  return child && (child.output ?? '0x') === (frame.output ?? '0x') ? bubbledFrom(child) : frame;
}

type RawBlock = {
  hash: string;
  number: string;
  timestamp: string;
  baseFeePerGas?: string;
  stateRoot: string;
  miner?: string;
  gasLimit?: string;
};

/** What the caller asked to be read with the simulation, at the same block (SimulateOptions). */
interface PreStateAsked {
  calls: ReadonlyArray<{ to: string; data: string }>;
  codes: readonly string[];
  guesses: ReadonlyArray<{ to: string; data: string; overrides?: CallOverrides }>;
}

interface Traced {
  block: RawBlock;
  callTree: CallFrame;
  diff: { pre: StateMap; post: StateMap };
  /** The state the transaction and the Safe's configuration read, before the transaction. */
  prestate: StateMap;
  preStateCalls: PreStateCall[];
  preStateCodes: Record<string, string>;
  guessedCalls: GuessedCall[];
  /** The chain's head after the traces: if it moved, "latest" was not one block for all of them. */
  head: string;
}

/**
 * The Safe's configuration slots the risk diff reads: singleton, threshold, guards, fallback handler, and the
 * owners and modules lists walked from the sentinel. The owners' entries are predicted from the owners the
 * review was given; a list that differs costs one more read per entry, never a wrong answer.
 */
function safeConfigSlots(owners: readonly string[]): string[] {
  const fixed = [
    SAFE_SLOTS.singleton,
    SAFE_SLOTS.threshold,
    SAFE_SLOTS.guard,
    SAFE_SLOTS.moduleGuard,
    SAFE_SLOTS.fallbackHandler,
    mappingSlot(SENTINEL, SAFE_SLOTS.modules),
  ];
  return [...fixed, ...[SENTINEL, ...owners].map((o) => mappingSlot(o, SAFE_SLOTS.owners))];
}

/**
 * Every request of a simulation in one JSON-RPC batch (same-tick requests travel together): the call tree with
 * logs, the state diff, the Safe's configuration slots when the transaction may rewrite them, and the
 * caller's pre-state calls and codes. A round trip costs more than a trace on a local anvil, and code is most of a
 * trace's bytes: only a simulation to be carried adds the full pre-state with code, and what the Safe's own
 * getters read, so that a replay with no network can answer every read.
 */
async function traceAll(
  provider: RpcClient,
  tx: SafeTx,
  owners: readonly string[],
  tag: string,
  call: object,
  overrides: StateOverrides,
  blockOverrides: object | null,
  carry: boolean,
  asked: PreStateAsked,
): Promise<Traced> {
  const env = blockOverrides ? { blockOverrides } : {};
  const trace = (target: object, tracer: string, tracerConfig?: object, stateOverrides?: StateOverrides) =>
    provider.send('debug_traceCall', [
      target,
      tag,
      { tracer, ...(tracerConfig ? { tracerConfig } : {}), ...(stateOverrides ? { stateOverrides } : {}), ...env },
    ]);
  const read = (data: string) => trace({ to: tx.safe, data }, 'prestateTracer');
  // Only a call to the Safe itself or a DELEGATECALL can be expected to rewrite its configuration: for those, and
  // for a pre-state to be carried, the configuration is read now. Anything else that does (a module calling
  // back) shows in the diff and is read then.
  // The guards and the head of the modules list are read whatever the transaction is: every review names them,
  // and in this batch they cost no round trip of their own.
  const slots =
    carry || tx.operation === 1 || tx.to.toLowerCase() === tx.safe.toLowerCase()
      ? safeConfigSlots(owners)
      : [SAFE_SLOTS.guard, SAFE_SLOTS.moduleGuard, mappingSlot(SENTINEL, SAFE_SLOTS.modules)];
  const answers = Promise.all([
    provider.send('eth_getBlockByNumber', [tag, false]),
    trace(call, 'callTracer', { withLog: true }, overrides),
    trace(call, 'prestateTracer', { diffMode: true }, overrides),
    carry
      ? Promise.all([
          trace(call, 'prestateTracer', undefined, overrides),
          read(safeInterface.encodeFunctionData('getOwners')),
          read(safeInterface.encodeFunctionData('getModulesPaginated', [SENTINEL, 50])),
        ])
      : [],
    Promise.all(slots.map((slot) => provider.send('eth_getStorageAt', [tx.safe, slot, tag]))),
    Promise.all(
      asked.calls.map(async ({ to, data }): Promise<PreStateCall> => {
        const [answer, read] = await Promise.all([
          (provider.send('eth_call', [{ to, data }, tag]) as Promise<string>).catch(() => null),
          trace({ to, data }, 'prestateTracer') as Promise<StateMap>,
        ]);
        return { to, data, answer, read };
      }),
    ),
    Promise.all(asked.codes.map((address) => provider.send('eth_getCode', [address, tag]) as Promise<string>)),
    // Asked exactly as a state view asks a call (no block overrides), so the answer is the one it would get.
    askGuessedCalls(provider, tag, asked.guesses),
    // Only the number, not a second whole block: a fifth of a pause's answer was the same block twice.
    provider.send('eth_blockNumber', []),
  ]);
  // Every request of the simulation is asked: they leave now, not a turn of the event loop later.
  provider.flush?.();
  const [block, callTree, diff, carried, values, preStateCalls, codes, guessed, head] = (await answers) as [
    RawBlock,
    CallFrame,
    Traced['diff'],
    StateMap[],
    string[],
    PreStateCall[],
    string[],
    GuessedCalls,
    string,
  ];
  // The code the guessed calls read is the block's too (the proxy's, its implementations').
  const preStateCodes = {
    ...guessed.codes,
    ...Object.fromEntries(asked.codes.map((address, i) => [address.toLowerCase(), codes[i]!])),
  };
  const guessedCalls = guessed.calls;
  const prestate: StateMap = {};
  for (const part of carry ? carried : [diff.pre]) mergeState(prestate, part);
  // A replay with no network must answer these reads too, even where the transaction never touched the account.
  if (carry) {
    for (const call of preStateCalls) mergeState(prestate, call.read);
    mergeState(
      prestate,
      Object.fromEntries(Object.entries(preStateCodes).map(([address, code]) => [address, { code }])),
    );
  }
  if (slots.length > 0)
    mergeState(prestate, {
      [tx.safe.toLowerCase()]: { storage: Object.fromEntries(slots.map((slot, i) => [slot, values[i]!])) },
    });
  return {
    block,
    callTree,
    diff,
    prestate,
    preStateCalls,
    preStateCodes,
    guessedCalls,
    head,
  };
}

/** Runs the Safe transaction through execTransaction with debug_traceCall: nothing on the chain changes. */
export async function simulateSafeTx(options: SimulateOptions): Promise<SimulationResult> {
  const { provider, tx } = options;
  const progress = options.onProgress ?? (() => {});
  progress({
    stage: 'preparing',
    detail: `approved-hash signatures from ${options.threshold} owner(s), nonce ${tx.nonce}`,
  });
  const hash = options.safeTxHash ?? safeTxHash(tx);
  const { call, overrides } = execTransactionCall(tx, options.owners, options.threshold, hash);
  const env = options.blockEnv;
  const carry = options.carry ?? false;
  const blockOverrides = env
    ? {
        number: env.number,
        time: env.timestamp,
        ...(env.baseFeePerGas ? { baseFee: env.baseFeePerGas } : {}),
        ...(env.miner ? { coinbase: env.miner } : {}),
        ...(env.gasLimit ? { gasLimit: env.gasLimit } : {}),
      }
    : null;
  let traced: Traced;
  try {
    progress({
      stage: 'tracing',
      detail: `execTransaction on ${tx.safe} at block ${env ? `${BigInt(env.number)} (carried)` : (options.blockTag ?? 'latest')}`,
    });
    const asked: PreStateAsked = {
      calls: options.preStateCalls ?? [],
      codes: options.preStateCodes ?? [],
      guesses: options.guessedCalls ?? [],
    };
    const tag = options.blockTag ?? 'latest';
    traced = await traceAll(provider, tx, options.owners, tag, call, overrides, blockOverrides, carry, asked);
    // "latest" moved between the requests: trace again, pinned, so every part saw the same block. A block given
    // by number is one block whatever the head does.
    if (tag === 'latest' && BigInt(traced.block.number) !== BigInt(traced.head))
      traced = await traceAll(provider, tx, options.owners, traced.head, call, overrides, blockOverrides, carry, asked);
  } catch (cause) {
    throw new GuardianError('SIMULATION_FAILED', `The simulation could not run: ${(cause as Error).message}`, {
      cause,
    });
  }
  const { block, callTree, diff, prestate, preStateCalls, preStateCodes, guessedCalls } = traced;
  const executed = executedSafeTxHash(callTree, tx.safe);
  // What the guardians sign is the hash; what was simulated is the calldata the Safe decoded. They must be one.
  if (executed !== null && executed !== hash.toLowerCase()) {
    throw new GuardianError(
      'SIMULATION_FAILED',
      `The Safe executed a transaction hashing to ${executed}, not the ${hash} to be signed: this simulation shows another transaction, so it cannot be trusted.`,
      { details: { executed, expected: hash } },
    );
  }
  const success = !callTree.error;
  let indexed: ReadonlyMap<string, ErrorFragment[]> | undefined;
  const errors = () =>
    (indexed ??= typeof options.errors === 'function' ? options.errors() : (options.errors ?? new Map()));
  const revert: RevertReason | null = success ? null : decodeRevert(callTree.output, errors());
  const inner = innermostFailure(callTree);
  const innerFailure = inner ? decodeRevert(inner.output, errors()) : null;
  const revertReason = revert
    ? innerFailure && innerFailure.data !== revert.data
      ? `${revert.reason} (inside: ${innerFailure.reason})`
      : revert.reason
    : null;
  const result: SimulationResult = {
    success,
    revertReason,
    revert,
    innerFailure: success ? innerFailure : null,
    gasUsed: BigInt(callTree.gasUsed ?? 0),
    executedSafeTxHash: executed,
    callTree,
    diff,
    prestate,
    carriable: carry,
    chainTag: env ? (options.blockTag ?? 'latest') : block.number,
    block:
      env ??
      ({
        hash: block.hash,
        number: block.number,
        timestamp: block.timestamp,
        baseFeePerGas: block.baseFeePerGas ?? null,
        stateRoot: block.stateRoot,
        ...(block.miner ? { miner: block.miner } : {}),
        ...(block.gasLimit ? { gasLimit: block.gasLimit } : {}),
      } satisfies BlockContext),
    header: env ? null : blockHeader(block),
    overrides,
    from: call.from,
    preStateCalls,
    preStateCodes,
    ...(guessedCalls.length > 0 ? { guessedCalls } : {}),
  };
  progress({ stage: 'tracing', detail: success ? `succeeds, ${result.gasUsed} gas` : `reverts: ${revertReason}` });
  return result;
}
