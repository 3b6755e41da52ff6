// What a simulation saw and how its state is read, as plain shapes: electron/core/simulate produces them, and the risk
// rules, the store and review bundles read them without loading the simulation (anvil, viem, the decoders).

/** An account as prestateTracer reports it: only the fields present were touched. */
export interface AccountState {
  balance?: string;
  nonce?: number;
  code?: string;
  storage?: Record<string, string>;
}

export type StateMap = Record<string, AccountState>;

export interface CallLog {
  address: string;
  topics: string[];
  data: string;
  position?: string;
  index?: string;
}

export interface CallFrame {
  type: string;
  from: string;
  to?: string;
  value?: string;
  gas?: string;
  gasUsed?: string;
  input: string;
  output?: string;
  error?: string;
  revertReason?: string;
  calls?: CallFrame[];
  logs?: CallLog[];
}

export interface BlockContext {
  number: string;
  timestamp: string;
  baseFeePerGas: string | null;
  stateRoot: string;
  /** The block's hash, bound to the fields above by its header (blockHeader.ts): what a guardian compares elsewhere. */
  hash?: string;
  /** The fee recipient and gas limit, so a replay's block environment matches the one simulated. */
  miner?: string;
  gasLimit?: string;
}

/** A call asked of the pre-state in the simulation's own round trip, with everything it read to answer. */
export interface PreStateCall {
  to: string;
  data: string;
  /** What it returned; null when it reverted. */
  answer: string | null;
  /** The accounts and slots it read (prestateTracer), with their code: whether the answer still holds after. */
  read: StateMap;
}

/** Account state set by override for an eth_call: storage words, and code or balance. */
export type CallOverrides = Record<string, { stateDiff?: Record<string, string>; code?: string; balance?: string }>;

/**
 * A call asked in the simulation's own round trip before its answer is known to be wanted: at the pre-state, or
 * at an after-state predicted from the calldata (an upgrade's new implementation, by `overrides`). It holds for
 * another state only where that state agrees on every account it read (guessedAnswer.ts).
 */
export interface GuessedCall {
  to: string;
  data: string;
  /** The predicted state, laid over the block; empty for a call at the pre-state. */
  overrides: CallOverrides;
  /** What it returned; null when it reverted. */
  answer: string | null;
  /** Every account it read, lowercase (prestateTracer without code or storage: only which). */
  read: string[];
}

/** Slots set by state override: the approved hashes that stand in for signatures, and the queued nonce. */
export type StateOverrides = Record<string, { stateDiff: Record<string, string> }>;

/**
 * Everything a simulation saw, enough to replay it on a machine with no network: the block, the state it
 * touched before the transaction (full accounts), and what changed. JSON-safe apart from `gasUsed`.
 */
export interface SimulationResult {
  success: boolean;
  /** One readable line, or null when it succeeded; `revert` has the kind and the raw data. */
  revertReason: string | null;
  revert: RevertReason | null;
  /** The Safe ran but its inner call failed (safeTxGas or gasPrice set): ExecutionFailure, nonce still used. */
  innerFailure: RevertReason | null;
  gasUsed: bigint;
  /**
   * The safeTxHash the Safe reported executing (ExecutionSuccess/Failure), always this machine's own when
   * present: the simulation refuses a run in which the Safe hashed another transaction. Null when it named none.
   */
  executedSafeTxHash: string | null;
  callTree: CallFrame;
  diff: { pre: StateMap; post: StateMap };
  prestate: StateMap;
  /** Whether `prestate` holds the code of its accounts (SimulateOptions.carry): only then can it be carried. */
  carriable: boolean;
  block: BlockContext;
  /** The block's header as the chain gave it, which hashes to block.hash; null on a replay (it ran in a carried environment). */
  header: BlockHeader | null;
  /** Where this machine's anvil answers the pre-state: the block's number, or "latest" on a replay's fresh anvil. */
  chainTag: string;
  /** What this machine set by override (signatureOverrides): derived here from the transaction and the owners. */
  overrides: StateOverrides;
  from: string;
  /** The calls the caller expected to ask (SimulateOptions.preStateCalls), answered at the same block. */
  preStateCalls: PreStateCall[];
  /** The code of the accounts the caller expected to read (SimulateOptions.preStateCodes), by lowercase address. */
  preStateCodes: Record<string, string>;
  /** The guessed calls (SimulateOptions.guessedCalls), answered at the same block; absent when none were asked. */
  guessedCalls?: GuessedCall[];
}

/** In order: a review on a fork goes through each; a replay or a local chain starts at 'preparing'. */
export const SIMULATION_STAGES = ['forking', 'preparing', 'tracing', 'diffing', 'judging', 'done'] as const;
export type SimulationStage = (typeof SIMULATION_STAGES)[number];

/** Each stage as a person reads it, the same words in the CLI and on the screen. */
export const STAGE_WORDS: Record<SimulationStage, string> = {
  forking: 'forking the chain',
  preparing: 'preparing',
  tracing: 'simulating',
  diffing: 'reading the state before and after',
  judging: 'judging',
  done: 'done',
};

/** One mechanism for long work: the CLI prints it on stderr, the app shows it beside the review. */
export interface SimulationProgress {
  stage: SimulationStage;
  detail: string;
}

/**
 * A block header as eth_getBlockByNumber gives it, with the hash the chain names it by: what binds a carried
 * state root (and the block's number and environment) to one block a guardian can look up elsewhere.
 */
export type BlockHeader = Record<string, string> & { hash: string; number: string; stateRoot: string };

export interface RevertReason {
  kind: 'error-string' | 'safe-code' | 'panic' | 'custom-error' | 'unknown-custom-error' | 'empty';
  /** One line a guardian can read: "GS013: The Safe transaction failed…", "Panic 0x11: arithmetic overflow". */
  reason: string;
  /** The raw revert data, always kept: the decoding above is this machine's reading of it. */
  data: string;
}

/** eth_getProof's answer (EIP-1186). */
export interface AccountProof {
  address: string;
  accountProof: string[];
  balance: string;
  nonce: string;
  codeHash: string;
  storageHash: string;
  storageProof: Array<{ key: string; value: string; proof: string[] }>;
}

/** The world on one side of the transaction. Answers from what the traces saw first; asks the chain only for the rest. */
export interface StateView {
  storage(address: string, slot: string): Promise<string>;
  code(address: string): Promise<string>;
  call(to: string, data: string): Promise<string | null>;
  /**
   * The same call with some storage words set otherwise (address -> slot -> word): what a getter would answer
   * were only that part of the state different. Answered from the simulation's round trip only by a call
   * asked there that read nothing the two states differ in (guessedAnswer).
   */
  callWithStorage?(to: string, data: string, storage: Record<string, Record<string, string>>): Promise<string | null>;
}

export interface DecodedLog {
  address: string;
  /** The event's name, or null when no known ABI declares a matching event. */
  name: string | null;
  signature: string | null;
  /** Arguments by name (or position), JSON-safe: numbers as decimal strings. */
  args: Record<string, string> | null;
  topics: string[];
  data: string;
}
