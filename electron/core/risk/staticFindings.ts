import { ZeroAddress } from 'ethers';
import type { AddressBook } from '../decode/addressBook.js';
import type { DecodedAction, DecodedTransaction } from '../decode/decodedTransaction.js';
import type { SafeTx } from '../safe/safeTx.js';
import type { Finding } from './finding.js';

export interface StaticFindingsInput {
  tx: SafeTx;
  decoded: DecodedTransaction;
  book: AddressBook;
  /** The Safe's next nonce, when known. */
  safeNonce?: bigint;
  /** Other queued transactions of the same Safe, to catch two at one nonce. */
  queuedNonces?: readonly bigint[];
}

function walk(actions: readonly DecodedAction[], visit: (a: DecodedAction) => void): void {
  for (const a of actions) {
    visit(a);
    walk(a.children, visit);
  }
}

const SINGLETON_CHANGES = new Set(['changeMasterCopy']);
const HANDOVER: Record<string, number> = { transferOwnership: 0, grantRole: 1, changeProxyAdmin: 1, addOwnerWithThreshold: 0, swapOwner: 2 };

/**
 * Findings that need no simulation: what the fields and the decoded calls already say. Each names the attack
 * it guards against; the severity policy is written here and nowhere else.
 */
export function staticFindings(input: StaticFindingsInput): Finding[] {
  const { tx, decoded, book } = input;
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.push(f);

  walk(decoded.actions, (a) => {
    if (a.operation === 1 && !a.warnings.some((w) => w.startsWith('DELEGATECALL to a known MultiSend'))) {
      // Bybit, Feb 2025: a DELEGATECALL to an attacker's contract rewrote the Safe's singleton.
      add({ code: 'DELEGATECALL_UNKNOWN_TARGET', severity: 'critical', title: 'DELEGATECALL to a contract that is not a known MultiSend', explanation: `The code of ${book.label(a.to)} would run as the Safe itself and can change anything in it, including who controls it.`, evidence: { to: a.to, path: a.path } });
    }
    const name = a.signature?.slice(0, a.signature.indexOf('(')) ?? '';
    if (SINGLETON_CHANGES.has(name)) {
      add({ code: 'SAFE_SINGLETON_CHANGED', severity: 'critical', title: "Changes the Safe's singleton", explanation: 'Replacing the code a Safe runs hands full control to whoever wrote the new code.', evidence: { path: a.path, args: a.args } });
    } else if (a.class === 'safe-config') {
      add({ code: 'SAFE_CONFIG_CHANGED', severity: 'high', title: `Changes the Safe's configuration (${name})`, explanation: `${a.sentence}. Owners, threshold, modules, guard and fallback handler decide who can move the Safe's assets.`, evidence: { path: a.path, args: a.args } });
    }
    const recipientIndex = HANDOVER[name];
    if (recipientIndex !== undefined) {
      const recipient = String(a.args[recipientIndex]?.value ?? '');
      if (recipient && !book.has(recipient)) {
        // Radiant Capital, Oct 2024: ownership moved to an attacker while the screen showed a routine batch.
        add({ code: 'CONTROL_TO_UNKNOWN_ADDRESS', severity: 'critical', title: `Gives control to an address outside the address book`, explanation: `${a.sentence}. ${recipient} is not a known owner, contract or deployment.`, evidence: { path: a.path, recipient } });
      }
    }
    if (name === 'updateDelay') add({ code: 'TIMELOCK_DELAY_CHANGED', severity: 'medium', title: 'Changes a timelock delay', explanation: `${a.sentence}. A shorter delay leaves less time to react to a malicious proposal.`, evidence: { path: a.path } });
    if (a.value > 0n || a.class === 'token-transfer' || a.class === 'token-approval') {
      add({ code: 'VALUE_OUTFLOW', severity: 'medium', title: 'Moves value out', explanation: a.sentence, evidence: { path: a.path, value: a.value.toString() } });
    }
  });

  if (decoded.classes.includes('emergency-pause') && decoded.classes.some((c) => c !== 'emergency-pause' && c !== 'batch' && c !== 'nested-safe')) {
    add({ code: 'PAUSE_WITH_OTHER_ACTIONS', severity: 'critical', title: 'An emergency pause that also does something else', explanation: `Besides pausing, this transaction does: ${decoded.classes.filter((c) => c !== 'emergency-pause').join(', ')}. Urgency is when a signer reads least carefully.`, evidence: { classes: decoded.classes } });
  }
  if (tx.gasPrice > 0n || tx.gasToken !== ZeroAddress || tx.refundReceiver !== ZeroAddress) {
    add({ code: 'GAS_REFUND_SET', severity: 'high', title: 'Pays a gas refund', explanation: 'gasPrice, gasToken or refundReceiver is set: the Safe would pay whoever executes it, which can drain it.', evidence: { gasPrice: tx.gasPrice.toString(), gasToken: tx.gasToken, refundReceiver: tx.refundReceiver } });
  }
  if (decoded.flags.ambiguous) add({ code: 'AMBIGUOUS_SELECTOR', severity: 'medium', title: 'A call matches several functions', explanation: 'Register the target contract\'s ABI to know which function this is.', evidence: {} });
  if (decoded.flags.undecoded) add({ code: 'UNDECODED_CALL', severity: 'medium', title: 'A call could not be decoded', explanation: 'Register the ABI of its target, or read its calldata by hand.', evidence: {} });
  if (decoded.flags.truncated) add({ code: 'DECODE_TRUNCATED', severity: 'high', title: 'Part of the transaction was too deep or too large to decode', explanation: 'Hostile or unusual calldata: what could not be shown could do anything.', evidence: {} });
  if (input.safeNonce !== undefined && tx.nonce !== input.safeNonce) {
    add({ code: 'NONCE_NOT_NEXT', severity: 'medium', title: 'Not the Safe\'s next transaction', explanation: `Its nonce is ${tx.nonce}; the Safe's next is ${input.safeNonce}. It cannot run before the ones ahead of it.`, evidence: { nonce: tx.nonce.toString(), safeNonce: input.safeNonce.toString() } });
  }
  if ((input.queuedNonces ?? []).filter((n) => n === tx.nonce).length > 1) {
    add({ code: 'DUPLICATE_NONCE', severity: 'medium', title: 'Another queued transaction has the same nonce', explanation: 'Only one of them can ever execute; make sure this is the one intended.', evidence: { nonce: tx.nonce.toString() } });
  }
  return findings;
}
