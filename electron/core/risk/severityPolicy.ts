import type { Severity } from '../primitives/severity.js';

/**
 * The one place that decides how bad each finding is. Read top to bottom: what raises it, and why it weighs
 * what it weighs. Code elsewhere raises findings by code and never picks a severity itself.
 */
export const SEVERITY_POLICY = {
  // --- Who controls the Safe -------------------------------------------------------------------------------
  /** Bybit, Feb 2025: a DELEGATECALL to the attacker's contract ran as the Safe and rewrote its singleton. */
  DELEGATECALL_UNKNOWN_TARGET: {
    severity: 'critical',
    title: 'DELEGATECALL to a contract that is not a known MultiSend',
  },
  /** Byte for byte the official code (its own address aside): as safe to delegatecall as the listed deployments. */
  MULTISEND_RECOGNISED_BY_CODE: { severity: 'info', title: 'A MultiSend recognised by its code, not its address' },
  /**
   * An owner Safe's approveHash is its whole act: the outer Safe counts it as this Safe's signature of that
   * transaction, so the verdict names it, and the outer transaction is what to review before signing this one.
   */
  OWNER_SAFE_APPROVAL: { severity: 'info', title: 'Approves a transaction of another Safe (owner Safe approval)' },
  /** The singleton is the code the Safe runs: whoever wrote a new one controls every asset. */
  SAFE_SINGLETON_CHANGED: { severity: 'critical', title: "Changes the Safe's singleton (the code it runs)" },
  SAFE_OWNERS_CHANGED: { severity: 'high', title: "Changes the Safe's owners" },
  SAFE_THRESHOLD_CHANGED: { severity: 'high', title: "Changes the Safe's threshold" },
  /** A module executes without any owner's signature. */
  SAFE_MODULES_CHANGED: { severity: 'high', title: "Changes the Safe's modules" },
  /** A guard sees, and can block, every later transaction: a bad one bricks the Safe. */
  SAFE_GUARD_CHANGED: { severity: 'high', title: "Changes the Safe's guard" },
  /** Safe 1.5.0: the module guard sees, and can block, every transaction a module executes. */
  SAFE_MODULE_GUARD_CHANGED: { severity: 'high', title: "Changes the Safe's module guard" },
  /**
   * Standing facts of the Safe, not acts of this transaction: said so every review reads them (a guardian who
   * does not know a module can act alone cannot weigh anything else), but never above info, so they cannot train
   * anyone to click past a warning.
   */
  SAFE_MODULE_INSTALLED: { severity: 'info', title: 'A module can act for this Safe without the owners' },
  SAFE_MODULE_GUARD_SET: { severity: 'info', title: 'A module guard checks what modules execute on this Safe' },
  SAFE_GUARD_LETS_THROUGH: { severity: 'info', title: "The Safe's guard lets this transaction through" },
  /** The guard reverts in the simulation: signed, it cannot execute until the guard or the transaction changes. */
  SAFE_GUARD_BLOCKS: { severity: 'high', title: "The Safe's guard refuses this transaction" },
  /** A guard is set but the simulation never asked it (it failed earlier): whether it would pass is unknown. */
  SAFE_GUARD_NOT_REACHED: { severity: 'medium', title: "The Safe's guard was not reached in simulation" },
  /** The fallback handler answers EIP-1271 signature checks made in the Safe's name. */
  SAFE_FALLBACK_HANDLER_CHANGED: { severity: 'high', title: "Changes the Safe's fallback handler" },
  /** What the calldata says about the Safe's configuration, shown when the simulation could not show it. */
  SAFE_CONFIG_CALL: { severity: 'high', title: "Calls a function that changes the Safe's configuration" },

  // --- Who controls the protocol ---------------------------------------------------------------------------
  /** Radiant Capital, Oct 2024: ownership moved to the attacker inside a batch that looked routine. */
  CONTROL_TO_UNKNOWN_ADDRESS: {
    severity: 'critical',
    title: 'Gives ownership, admin or a role to an address outside the address book',
  },
  /**
   * OpenZeppelin 5's AccessManager: a target's function given PUBLIC_ROLE may be called by anyone, an attacker
   * first. Whatever it guarded (a withdrawal, an upgrade) is no longer guarded: a permission is a control value.
   */
  PERMISSION_OPENED_TO_EVERYONE: {
    severity: 'critical',
    title: "Opens a restricted function to everyone (AccessManager's PUBLIC_ROLE)",
  },
  CONTROL_CHANGED: { severity: 'medium', title: 'Changes an owner, admin or role, to a known address' },
  /**
   * The owner or admin seat this Safe holds, handed to another known address (another Safe of the team, a
   * timelock): no stranger gains it, but this Safe loses it as surely as by renouncing, and getting it back is up
   * to the new holder. A migration to sign deliberately, never a routine action (Uniswap's factory setOwner).
   */
  CONTROL_HANDED_OVER: { severity: 'high', title: 'Hands an owner or admin seat this Safe holds to a known address' },
  /**
   * renounceOwnership, or the Safe revoking its own role: no stranger gains anything, but what is given up (the
   * power to pause in the next incident, to fix, to upgrade) does not come back without whoever else holds it.
   */
  CONTROL_RENOUNCED: { severity: 'high', title: 'Gives up an owner, admin or role the Safe holds' },
  /**
   * A sequencer's block-signing key, a batcher, a relayer, a proposer: not control of the contract, so not
   * critical, but what that key signs is taken as the protocol's word (an unsafe head that is later reorged away,
   * a relayed message), so a new key no one here knows is checked with its operator first.
   */
  SIGNING_KEY_TO_UNKNOWN_ADDRESS: {
    severity: 'high',
    title: 'Hands a key the protocol trusts (a signer, sequencer, relayer) to an address outside the address book',
  },
  SIGNING_KEY_CHANGED: { severity: 'medium', title: 'Changes a key the protocol trusts, to a known address' },
  IMPLEMENTATION_WITHOUT_CODE: { severity: 'critical', title: 'Upgrades to an address with no code' },
  /** A UUPS implementation without proxiableUUID can never be upgraded again: no fix, ever. */
  IMPLEMENTATION_NOT_UPGRADEABLE: { severity: 'critical', title: 'Upgrades to an implementation with no upgrade path' },
  /** Old variables read from the wrong slots: balances, owners and flags silently become other values. */
  STORAGE_LAYOUT_CLASH: { severity: 'high', title: "The new implementation's storage layout clashes with the old one" },
  /** The same clash on owner, admin, paused or a role: control goes to whatever the shifted slot holds. */
  CONTROL_LAYOUT_CLASH: {
    severity: 'critical',
    title: 'After the upgrade, who controls the contract reads another value',
  },
  /** New code now runs with every asset the proxy holds: never routine, even when its layout and upgrade path hold. */
  IMPLEMENTATION_CHANGED: { severity: 'medium', title: 'Upgrades a proxy' },
  /** A shorter delay leaves less time to see and cancel a malicious proposal. */
  TIMELOCK_DELAY_LOWERED: { severity: 'high', title: 'Lowers a timelock delay' },
  TIMELOCK_DELAY_CHANGED: { severity: 'medium', title: 'Changes a timelock delay' },
  /**
   * A zero delay is no timelock: every proposer's call runs at once, with no time for anyone to see or cancel it.
   * Nor is one shorter than the guardians need to react (SHORTEST_DELAY_TO_REACT, timelockDelayChange.ts).
   */
  TIMELOCK_DELAY_REMOVED: {
    severity: 'critical',
    title: "Sets a timelock's delay to zero, or under the hour the guardians need to react",
  },

  // --- Emergencies and money -------------------------------------------------------------------------------
  PROTOCOL_PAUSED: { severity: 'info', title: 'Pauses a contract' },
  /** Said so a guardian reads which switch goes back on; the calldata's word alone does not show it. */
  PROTOCOL_UNPAUSED: { severity: 'info', title: 'Unpauses a contract' },
  /** Urgency is when a signer reads least carefully: a pause must be only a pause. */
  PAUSE_WITH_OTHER_ACTIONS: { severity: 'critical', title: 'An emergency pause that also does something else' },
  /**
   * Other effects that are not evidence of control or value moving (a counter, a timestamp, a write nothing
   * explains): worth reading, not a reason to cry wolf in an emergency.
   */
  PAUSE_WITH_OTHER_EFFECTS: { severity: 'medium', title: 'An emergency pause that also changes other state' },
  /** The Safe pays whoever executes it, in any token, to any receiver: a drain dressed as a refund. */
  GAS_REFUND_SET: { severity: 'high', title: 'Pays a gas refund (gasPrice, gasToken or refundReceiver set)' },
  VALUE_OUTFLOW: { severity: 'medium', title: 'Sends value or tokens, or approves a spender' },
  SAFE_OUTFLOW: { severity: 'medium', title: 'Assets leave the Safe' },

  // --- Whether it runs, and when ---------------------------------------------------------------------------
  SIMULATION_REVERTED: { severity: 'high', title: 'The transaction fails in simulation' },
  NONCE_NOT_NEXT: { severity: 'medium', title: "Not the Safe's next transaction" },
  DUPLICATE_NONCE: { severity: 'medium', title: 'Another queued transaction has the same nonce' },

  // --- What could not be read ------------------------------------------------------------------------------
  AMBIGUOUS_SELECTOR: { severity: 'medium', title: 'A call matches several functions' },
  UNDECODED_CALL: { severity: 'medium', title: 'A call could not be decoded' },
  DECODE_TRUNCATED: { severity: 'high', title: 'Part of the transaction was too deep or too large to decode' },
  /**
   * A slot no layout names and no getter reads: said plainly, never called critical, since most deployed
   * contracts keep private state no ABI exposes. The evidence says what the console does know.
   */
  UNEXPLAINED_STORAGE_WRITE: { severity: 'medium', title: 'A storage write the console cannot attribute' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type FindingCode = keyof typeof SEVERITY_POLICY;
