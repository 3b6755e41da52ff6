/** An account as prestateTracer reports it: only the fields present were touched. */
export interface AccountState {
  balance?: string;
  nonce?: number;
  code?: string;
  storage?: Record<string, string>;
}

export type StateMap = Record<string, AccountState>;

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
  logs?: Array<{ address: string; topics: string[]; data: string; position?: string; index?: string }>;
}

export interface BlockContext {
  number: string;
  timestamp: string;
  baseFeePerGas: string | null;
  stateRoot: string;
}

/**
 * Everything a simulation saw, enough to replay it on a machine with no network: the block, the state it
 * touched before the transaction (full accounts), and what changed.
 */
export interface SimulationResult {
  success: boolean;
  revertReason: string | null;
  gasUsed: bigint;
  callTree: CallFrame;
  diff: { pre: StateMap; post: StateMap };
  prestate: StateMap;
  block: BlockContext;
  /** The overrides that stood in for signatures (approved hashes, the queued nonce). */
  overrides: Record<string, { stateDiff: Record<string, string> }>;
  from: string;
}

export type SimulationProgress = { stage: 'preparing' } | { stage: 'tracing'; tracer: string } | { stage: 'done'; success: boolean; gasUsed: bigint };
