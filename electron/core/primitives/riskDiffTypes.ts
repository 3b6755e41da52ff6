import type { DecodedLog } from './simulationTypes.js';

// What a transaction changes, as a guardian weighs it: computed by electron/core/simulate (riskDiff.ts) and judged
// by the rules in electron/core/risk, so it lives below both.

export interface Change {
  /** What changed, in a guardian's terms: "paused", "owner", "implementation", "Safe owners", ... */
  what: string;
  before: string;
  after: string;
  /** Who controls the contract: an owner, an admin, an ACL admin, read by a getter that names such a holder. */
  control?: boolean;
}

export interface ContractDiff {
  address: string;
  label: string;
  changes: Change[];
  /**
   * Other storage slots that changed; `variable` names them where the contract's storage layout or a getter
   * reading them is known; `unexplained` says what no getter could attribute.
   */
  otherSlots: Array<{
    slot: string;
    before: string;
    after: string;
    label?: string;
    variable?: string;
    unexplained?: string;
  }>;
  /** The contract's getters that answered the same before and after (explainByGetters). */
  unchangedGetters?: string[];
}

/** An old implementation's getter that reads another value from the same storage under the new code. */
export interface LayoutClash {
  contract: string;
  label: string;
  getter: string;
  oldCodeReads: string;
  newCodeReads: string;
  /** The getter answers who controls the contract or whether it runs (owner, admin, paused, ...). */
  control: boolean;
}

export interface TokenMovement {
  token: string;
  holder: string;
  before: bigint;
  after: bigint;
}

export interface RoleChange {
  contract: string;
  role: string;
  roleName: string;
  account: string;
  granted: boolean;
}

export interface DelayChange {
  contract: string;
  /** Seconds, from TimelockController's MinDelayChange event, or a timelock's own delay getter (explainByGetters). */
  before: bigint;
  after: bigint;
}

export interface RiskDiff {
  contracts: ContractDiff[];
  tokenMovements: TokenMovement[];
  nativeMovements: Array<{ address: string; before: bigint; after: bigint }>;
  roleChanges: RoleChange[];
  delayChanges: DelayChange[];
  events: DecodedLog[];
  /** Found by explainByGetters across an upgrade, artifacts or not. */
  layoutClashes: LayoutClash[];
}
