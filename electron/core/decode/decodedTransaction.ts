import type { ClearSigningField } from './erc7730/descriptorFields.js';

/**
 * Which source decoded a call, in order of trust: an ABI registered for that address, an ERC-7730 descriptor the
 * guardian trusts for that address, the protocol's own artifacts, the bundled standards, the offline selector
 * table (names only: anyone can choose a name).
 */
export type AbiSource = 'registered' | 'descriptor' | 'artifact' | 'bundled' | 'selector-table' | 'none';

/** A trusted ERC-7730 descriptor's words for a call (see erc7730/): its intent and labelled fields. */
export interface ClearSigning {
  intent: string;
  fields: ClearSigningField[];
  /** "ERC-7730 descriptor <owner> (sha256 …, added …)". */
  source: string;
  /** The console's own sentence, kept: the class and the findings come from the signature, not from the descriptor. */
  ownWords: string;
}

export type ActionClass =
  | 'emergency-pause'
  | 'unpause'
  | 'upgrade'
  | 'safe-config'
  | 'role-or-ownership'
  | 'timelock'
  | 'governance'
  | 'token-transfer'
  | 'token-approval'
  | 'native-transfer'
  | 'batch'
  | 'nested-safe'
  /** A call relayed by a contract that adds nothing of its own (AccessManager's execute): judged by the call it carries. */
  | 'relay'
  | 'unknown';

export interface DecodedArg {
  name: string;
  type: string;
  /** JSON-safe: bigints as decimal strings, bytes as hex, arrays and tuples as arrays. */
  value: unknown;
}

export interface DecodedAction {
  /** 0 for the Safe transaction itself, 1 for a call inside a batch or a nested Safe, and so on. */
  depth: number;
  /** "1.3" is the third call inside the first: a path a guardian can point at. */
  path: string;
  to: string;
  value: bigint;
  operation: 0 | 1;
  data: string;
  selector: string | null;
  /** The signature used, when exactly one candidate decoded the data. */
  signature: string | null;
  /** Every signature that matched the selector; more than one means ambiguous. */
  candidates: string[];
  source: AbiSource;
  args: DecodedArg[];
  children: DecodedAction[];
  class: ActionClass;
  sentence: string;
  warnings: string[];
  clearSigning?: ClearSigning;
}

export interface DecodedTransaction {
  chainId: bigint;
  safe: string;
  actions: DecodedAction[];
  /** Every class that occurs anywhere in the tree, most significant first. */
  classes: ActionClass[];
  flags: {
    delegatecall: boolean;
    /** A DELEGATECALL to something that is not a known MultiSend: the Bybit shape. */
    delegatecallToUnknown: boolean;
    ambiguous: boolean;
    undecoded: boolean;
    /** Limits on depth, count or size cut part of the tree off; it is marked, not hidden. */
    truncated: boolean;
  };
  summary: string;
  /** What decoding cost: the bound that hostile calldata cannot push past `DecodeLimits`. */
  work: { actions: number; bytes: number };
}
