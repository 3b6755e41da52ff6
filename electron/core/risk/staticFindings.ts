import { formatUnits, ZeroAddress } from 'ethers';
import type { AddressBook } from '../decode/addressBook.js';
import type { DecodedAction, DecodedTransaction } from '../decode/decodedTransaction.js';
import { schedulingPrefix } from '../decode/describeAction.js';
import { knownMultiSendAddresses } from '../decode/knownMultiSend.js';
import { tokenAmount } from '../decode/tokenAmount.js';
import type { TokenInfo } from '../primitives/tokenInfo.js';
import type { SafeTx } from '../safe/safeTx.js';
import { finding, type Finding } from './finding.js';
import { accessManagerFindings } from './accessManagerFindings.js';
import { delayChangeCode, removedBecause, SETS_DELAY } from './timelockDelayChange.js';

export interface StaticFindingsInput {
  tx: SafeTx;
  decoded: DecodedTransaction;
  book: AddressBook;
  /** MultiSend deployments beyond the official ones (a test chain's own). */
  extraMultiSend?: readonly string[];
  /** The Safe's next nonce, when known. */
  safeNonce?: bigint;
  /** Other queued transactions of the same Safe, to catch two at one nonce. */
  queuedNonces?: readonly bigint[];
  /** Each timelock's current minimum delay, by lowercase address, to tell a lowered delay from a raised one. */
  timelockDelays?: ReadonlyMap<string, bigint>;
  /** Symbol and decimals by lowercase token address, to give amounts in the token's own units. */
  tokens?: ReadonlyMap<string, TokenInfo>;
}

/** Classes of action that move control or value: beside a pause, evidence of something else going on. */
const EVIDENCE_CLASSES = new Set<string>([
  'upgrade',
  'safe-config',
  'role-or-ownership',
  'token-transfer',
  'token-approval',
  'native-transfer',
]);

export function walkActions(actions: readonly DecodedAction[], visit: (a: DecodedAction) => void): void {
  for (const a of actions) {
    visit(a);
    walkActions(a.children, visit);
  }
}

/** Which argument receives control, per function: the recipient a guardian must recognise. */
export const HANDOVER: Readonly<Record<string, number>> = {
  'transferOwnership(address)': 0,
  'grantRole(bytes32,address)': 1,
  // OpenZeppelin 5's AccessManager: a role by number, and a target handed to another manager.
  'grantRole(uint64,address,uint32)': 1,
  'updateAuthority(address,address)': 1,
  'beginDefaultAdminTransfer(address)': 0,
  'setACLAdmin(address)': 0,
  'setPendingAdmin(address)': 0,
  'setAdmin(address)': 0,
  'setOwner(address)': 0,
  'changeProxyAdmin(address,address)': 1,
  'changeAdmin(address)': 0,
  'addOwnerWithThreshold(address,uint256)': 0,
  'swapOwner(address,address,address)': 2,
  // A guard or module decides what runs on the Safe (a module runs it without the owners): read from the calldata
  // too, so one the Safe refuses to install (no code: GS300) still says who it would have been.
  'setGuard(address)': 0,
  'setModuleGuard(address)': 0,
  'enableModule(address)': 0,
};

/** Where the zero address removes a protection (no guard) rather than hands control to anyone. */
export const ZERO_REMOVES: ReadonlySet<string> = new Set(['setGuard(address)', 'setModuleGuard(address)']);

/** Where the amount of an ERC-20 transfer or approval sits, or the approval flag: zero there moves nothing. */
const AMOUNT: Record<string, number> = {
  'transfer(address,uint256)': 1,
  'transferFrom(address,address,uint256)': 2,
  'approve(address,uint256)': 1,
  'increaseAllowance(address,uint256)': 1,
  'setApprovalForAll(address,bool)': 1,
};

/**
 * Whether a call sends value or tokens or approves a spender. A zero amount moves nothing (approve(x, 0)
 * revokes); a DELEGATECALL runs the target's code as the Safe, so its decoded "transfer" is a claim about a
 * function name, not a transfer: what it does is judged by DELEGATECALL_UNKNOWN_TARGET and the simulation.
 */
function sendsSomething(a: DecodedAction): boolean {
  if (a.value > 0n && a.operation === 0) return true;
  if (a.operation === 1 || (a.class !== 'token-transfer' && a.class !== 'token-approval')) return false;
  const at = a.signature ? AMOUNT[a.signature] : undefined;
  if (at === undefined) return true;
  const amount = String(a.args[at]?.value ?? '');
  return !(amount === '0' || amount === 'false');
}

/**
 * What a call sends, as evidence: the token amount in its own units where its decimals are known, and the
 * native value only when there is some. "value 0" beside a token transfer reads as "sends nothing".
 */
function outflowEvidence(a: DecodedAction, tokens: ReadonlyMap<string, TokenInfo>): Record<string, unknown> {
  const evidence: Record<string, unknown> = { path: a.path };
  if (a.value > 0n && a.operation === 0) evidence['value'] = `${formatUnits(a.value)} native (${a.value} wei)`;
  const at = a.signature ? AMOUNT[a.signature] : undefined;
  const amount = at === undefined ? undefined : String(a.args[at]?.value ?? '');
  if (a.operation === 0 && amount && (a.class === 'token-transfer' || a.class === 'token-approval')) {
    evidence['token'] = a.to;
    evidence['amount'] =
      a.signature === 'setApprovalForAll(address,bool)'
        ? 'every token it holds there'
        : tokenAmount(BigInt(amount), tokens.get(a.to.toLowerCase()));
  }
  return evidence;
}

const nameOf = (a: DecodedAction) => a.signature?.slice(0, a.signature.indexOf('(')) ?? '';

/**
 * Each action with the timelock operation that schedules it, if one does: a queued handover is judged as the
 * handover it schedules, and said to be scheduled ("Queues on timelock …, to run from …: …"), never as if now.
 */
function walkScheduled(
  actions: readonly DecodedAction[],
  book: AddressBook,
  scheduledBy: string | null,
  visit: (a: DecodedAction, scheduledBy: string | null) => void,
): void {
  for (const a of actions) {
    visit(a, scheduledBy);
    walkScheduled(a.children, book, schedulingPrefix(a, book) ?? scheduledBy, visit);
  }
}

function actionFindings(
  a: DecodedAction,
  input: StaticFindingsInput,
  multiSend: ReadonlySet<string>,
  scheduledBy: string | null,
): Finding[] {
  const { book } = input;
  const found: Finding[] = [];
  const name = nameOf(a);
  const sentence = scheduledBy ? `${scheduledBy}: ${a.sentence}` : a.sentence;
  const scheduled = scheduledBy ? { scheduledBy } : {};
  if (a.operation === 1 && !multiSend.has(a.to.toLowerCase())) {
    found.push(
      finding(
        'DELEGATECALL_UNKNOWN_TARGET',
        `The code of ${book.label(a.to)} would run as the Safe itself and could change anything in it, including who controls it.`,
        { to: a.to, path: a.path },
      ),
    );
  }
  if (name === 'changeMasterCopy')
    found.push(
      finding(
        'SAFE_SINGLETON_CHANGED',
        `${sentence}. Replacing the code a Safe runs hands full control to whoever wrote it.`,
        { path: a.path, args: a.args, ...scheduled },
      ),
    );
  else if (a.class === 'safe-config')
    found.push(
      finding(
        'SAFE_CONFIG_CALL',
        `${sentence}. Owners, threshold, modules, guard and fallback handler decide who can move the Safe's assets.`,
        { path: a.path, args: a.args, ...scheduled },
      ),
    );
  const recipientIndex = a.signature ? HANDOVER[a.signature] : undefined;
  const recipient = recipientIndex === undefined ? '' : String(a.args[recipientIndex]?.value ?? '');
  const removes = ZERO_REMOVES.has(a.signature ?? '') && /^0x0{40}$/i.test(recipient);
  if (recipient && !removes && !book.has(recipient)) {
    found.push(
      finding('CONTROL_TO_UNKNOWN_ADDRESS', `${sentence}. ${recipient} is not a known owner, contract or deployment.`, {
        path: a.path,
        recipient,
        ...scheduled,
      }),
    );
  }
  if (a.signature && SETS_DELAY.has(a.signature)) {
    const current = input.timelockDelays?.get(a.to.toLowerCase());
    const next = BigInt(String(a.args[0]?.value ?? '0'));
    const code = delayChangeCode(next, current);
    const from = current !== undefined ? `: from ${current} s now` : '';
    // The timelock the delay belongs to: what the simulation's finding of the same change names (one finding, not two).
    const known = { contract: a.to, ...(current !== undefined ? { current: String(current) } : {}) };
    found.push(
      code === 'TIMELOCK_DELAY_REMOVED'
        ? finding(code, `${sentence}${from} ${removedBecause(next)}.`, {
            path: a.path,
            ...known,
            next: String(next),
            ...scheduled,
          })
        : code === 'TIMELOCK_DELAY_LOWERED'
          ? finding(code, `${sentence}${from} to ${next} s.`, {
              path: a.path,
              ...known,
              next: String(next),
              ...scheduled,
            })
          : finding(code, `${sentence}${from}.`, { path: a.path, contract: a.to, ...scheduled }),
    );
  }
  found.push(...accessManagerFindings(a, book, sentence, scheduled));
  if (sendsSomething(a))
    found.push(finding('VALUE_OUTFLOW', sentence, { ...outflowEvidence(a, input.tokens ?? new Map()), ...scheduled }));
  return found;
}

/**
 * Findings that need no simulation: what the fields and the decoded calls already say. Severities come from
 * severityPolicy.ts.
 */
export function staticFindings(input: StaticFindingsInput): Finding[] {
  const { tx, decoded } = input;
  const multiSend = knownMultiSendAddresses(tx.chainId, input.extraMultiSend ?? []);
  const findings: Finding[] = [];
  walkScheduled(decoded.actions, input.book, null, (a, scheduledBy) =>
    findings.push(...actionFindings(a, input, multiSend, scheduledBy)),
  );
  const others = decoded.classes.filter(
    (c) => c !== 'emergency-pause' && c !== 'batch' && c !== 'nested-safe' && c !== 'relay',
  );
  if (decoded.classes.includes('emergency-pause') && others.length > 0) {
    // Control or value moving beside a pause is the evidence; anything else is worth reading, not a critical.
    const evidence = others.filter((c) => EVIDENCE_CLASSES.has(c));
    if (evidence.length > 0)
      findings.push(
        finding(
          'PAUSE_WITH_OTHER_ACTIONS',
          `Besides pausing, this transaction does: ${others.join(', ')}. Urgency is when a signer reads least carefully.`,
          { classes: decoded.classes },
        ),
      );
    else
      findings.push(
        finding('PAUSE_WITH_OTHER_EFFECTS', `Besides pausing, this transaction does: ${others.join(', ')}.`, {
          classes: decoded.classes,
        }),
      );
  }
  if (tx.gasPrice > 0n || tx.gasToken !== ZeroAddress || tx.refundReceiver !== ZeroAddress) {
    findings.push(
      finding(
        'GAS_REFUND_SET',
        'gasPrice, gasToken or refundReceiver is set: the Safe would pay whoever executes it, in that token, to that receiver, which can drain it.',
        { gasPrice: tx.gasPrice.toString(), gasToken: tx.gasToken, refundReceiver: tx.refundReceiver },
      ),
    );
  }
  if (decoded.flags.ambiguous)
    findings.push(finding('AMBIGUOUS_SELECTOR', "Register the target contract's ABI to know which function this is."));
  if (decoded.flags.undecoded)
    findings.push(finding('UNDECODED_CALL', 'Register the ABI of its target, or read its calldata by hand.'));
  if (decoded.flags.truncated)
    findings.push(
      finding('DECODE_TRUNCATED', 'Hostile or unusual calldata: what could not be shown could do anything.'),
    );
  if (input.safeNonce !== undefined && tx.nonce !== input.safeNonce) {
    findings.push(
      finding(
        'NONCE_NOT_NEXT',
        `Its nonce is ${tx.nonce}; the Safe's next is ${input.safeNonce}. ${tx.nonce < input.safeNonce ? 'That nonce is used already: it can never execute.' : 'It cannot run before the ones ahead of it.'}`,
        { nonce: tx.nonce.toString(), safeNonce: input.safeNonce.toString() },
      ),
    );
  }
  if ((input.queuedNonces ?? []).filter((n) => n === tx.nonce).length > 1) {
    findings.push(
      finding('DUPLICATE_NONCE', 'Only one of them can ever execute; make sure this is the one intended.', {
        nonce: tx.nonce.toString(),
      }),
    );
  }
  return findings;
}
