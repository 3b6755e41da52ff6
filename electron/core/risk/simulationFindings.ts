import { formatEther, formatUnits } from 'ethers';
import type { AddressBook } from '../decode/addressBook.js';
import type { TokenInfo } from '../primitives/tokenInfo.js';
import type { ContractDiff, RiskDiff } from '../primitives/riskDiffTypes.js';
import { checksumAddress } from '../primitives/checksumAddress.js';
import type { SimulationResult } from '../primitives/simulationTypes.js';
import { finding, type Finding } from './finding.js';
import { pauseDirection } from './pauseFlags.js';
import { queuedHandoverFindings } from './queuedHandovers.js';
import { signingKeyFinding } from './signingKeyFindings.js';
import type { FindingCode } from './severityPolicy.js';
import { delayChangeCode, removedBecause } from './timelockDelayChange.js';
import { storageLayoutClashes, type StorageLayout } from './storageLayoutClash.js';
import { upgradedByUupsCode } from './upgradedByUupsCode.js';

/** What the chain can answer about an implementation address after the transaction. */
export interface ImplementationFacts {
  hasCode(address: string): Promise<boolean>;
  /** UUPS: the implementation answers proxiableUUID() with the ERC-1967 slot, so upgrades stay possible. */
  isUupsUpgradeable(address: string): Promise<boolean>;
  /** The code at `address` can still be asked to upgrade (its dispatcher knows upgradeToAndCall or upgradeTo). */
  hasUpgradeFunction(address: string): Promise<boolean>;
  /** The storage layout of the code at `address`, when it matches a known artifact. */
  layoutOf(address: string): Promise<StorageLayout | null>;
}

const SAFE_CHANGES: Record<string, FindingCode> = {
  'Safe singleton': 'SAFE_SINGLETON_CHANGED',
  'Safe owners': 'SAFE_OWNERS_CHANGED',
  'Safe threshold': 'SAFE_THRESHOLD_CHANGED',
  'Safe modules': 'SAFE_MODULES_CHANGED',
  'Safe guard': 'SAFE_GUARD_CHANGED',
  'Safe module guard': 'SAFE_MODULE_GUARD_CHANGED',
  'Safe fallback handler': 'SAFE_FALLBACK_HANDLER_CHANGED',
};

/** A holder-to-be, not a holder: cleared when the handover completes or is withdrawn. */
const AWAITING = /pending|nominated/i;

function controlFinding(
  book: AddressBook,
  contract: string,
  what: string,
  recipient: string,
  evidence: Record<string, unknown>,
  givenUpBySafe = false,
): Finding {
  if (givenUpBySafe && book.has(recipient))
    return finding(
      'CONTROL_HANDED_OVER',
      `${contract}: ${what} goes from this Safe to ${book.label(recipient)}. This Safe can no longer do what only the ${what} can; only ${book.label(recipient)} can give it back.`,
      evidence,
    );
  if (book.has(recipient))
    return finding('CONTROL_CHANGED', `${contract}: ${what} goes to ${book.label(recipient)}.`, evidence);
  return finding(
    'CONTROL_TO_UNKNOWN_ADDRESS',
    `${contract}: ${what} goes to ${recipient}, an address outside the address book (not an owner, a registered contract or a known deployment).`,
    { ...evidence, recipient },
  );
}

/** Findings from what the simulation shows the transaction does, as opposed to what its calldata says. */
export async function simulationFindings(
  sim: SimulationResult,
  diff: RiskDiff,
  safe: string,
  book: AddressBook,
  facts: ImplementationFacts,
  tokens: ReadonlyMap<string, TokenInfo> = new Map(),
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const failedInside = diff.events.some(
    (e) => e.address.toLowerCase() === safe.toLowerCase() && e.name === 'ExecutionFailure',
  );
  if (!sim.success) {
    findings.push(
      finding('SIMULATION_REVERTED', `Executed now, it would revert: ${sim.revertReason ?? 'no reason given'}.`, {
        revert: sim.revert,
        innerFailure: sim.innerFailure,
      }),
    );
  } else if (failedInside) {
    findings.push(
      finding(
        'SIMULATION_REVERTED',
        `The Safe would run it but its call fails (ExecutionFailure)${sim.innerFailure ? `: ${sim.innerFailure.reason}` : ''}; the nonce is used up all the same.`,
        { innerFailure: sim.innerFailure },
      ),
    );
  }
  const judged: Array<Promise<Finding[]>> = [];
  for (const contract of diff.contracts) {
    const isSafe = contract.address.toLowerCase() === safe.toLowerCase();
    for (const change of contract.changes) {
      const evidence = { contract: contract.address, ...change };
      const safeCode = isSafe ? SAFE_CHANGES[change.what] : undefined;
      if (safeCode) findings.push(finding(safeCode, `${change.what}: ${change.before} → ${change.after}.`, evidence));
      else if (pauseDirection(change) === 'pause')
        findings.push(finding('PROTOCOL_PAUSED', `${contract.label}: ${change.what} false → true.`, evidence));
      else if (pauseDirection(change) === 'unpause')
        findings.push(finding('PROTOCOL_UNPAUSED', `${contract.label}: ${change.what} true → false.`, evidence));
      else if (
        change.control ||
        change.what === 'owner' ||
        change.what === 'admin' ||
        change.what === 'pending owner'
      ) {
        // The Safe's own single seat handed on (not a pending one, which it never held): its power given up.
        const givenUp =
          change.before.toLowerCase() === safe.toLowerCase() &&
          change.after.toLowerCase() !== safe.toLowerCase() &&
          !AWAITING.test(change.what);
        if (BigInt(change.after) !== 0n)
          findings.push(controlFinding(book, contract.label, change.what, change.after, evidence, givenUp));
        // A pending or nominated holder cleared is a handover completed or withdrawn; a holder cleared is control gone.
        else if (BigInt(change.before) !== 0n && !AWAITING.test(change.what))
          findings.push(
            finding(
              'CONTROL_RENOUNCED',
              `${contract.label}: ${change.what} ${change.before} → nobody (the zero address). Whatever only the ${change.what} could do, no one can do again.`,
              evidence,
            ),
          );
      } else if (change.what === 'implementation')
        judged.push(
          implementationFindings(
            contract.label,
            change.before,
            change.after,
            facts,
            upgradedByUupsCode(sim.callTree, contract.address, change.before, change.after),
            proxiesBehind(diff, contract.address),
          ),
        );
      else {
        const key = signingKeyFinding(book, contract.label, change, evidence);
        if (key) findings.push(key);
      }
    }
  }
  for (const d of diff.delayChanges) {
    const evidence = { contract: d.contract, before: String(d.before), after: String(d.after) };
    const code = delayChangeCode(d.after, d.before);
    const moves = `${book.label(d.contract)}: the minimum delay goes from ${d.before} s to ${d.after} s`;
    findings.push(
      finding(
        code,
        code === 'TIMELOCK_DELAY_REMOVED' ? `${moves}, ${removedBecause(d.after)}.` : `${moves}.`,
        evidence,
      ),
    );
  }
  for (const role of diff.roleChanges.filter((r) => r.granted))
    findings.push(controlFinding(book, book.label(role.contract), role.roleName, role.account, { ...role }));
  // Another account's role revoked is a clean-up (a retired key, a compromised one); the Safe's own is its power given up.
  for (const role of diff.roleChanges.filter((r) => !r.granted && r.account.toLowerCase() === safe.toLowerCase()))
    findings.push(
      finding(
        'CONTROL_RENOUNCED',
        `${book.label(role.contract)}: this Safe gives up ${role.roleName}; it can no longer do what only that role can, unless another holder gives it back.`,
        { ...role },
      ),
    );
  for (const list of await Promise.all(judged)) findings.push(...list);
  // What a governor queues for the Safe is in the trace, not the calldata; nothing is queued by a failed call.
  if (sim.success && !failedInside) findings.push(...queuedHandoverFindings(sim, safe, book));
  findings.push(...layoutClashFindings(diff), ...unexplainedWrites(diff, safe));
  const outflows = diff.tokenMovements.filter(
    (m) => m.holder.toLowerCase() === safe.toLowerCase() && m.after < m.before,
  );
  const nativeOut = diff.nativeMovements.filter(
    (m) => m.address.toLowerCase() === safe.toLowerCase() && m.after < m.before,
  );
  if (outflows.length > 0 || nativeOut.length > 0) {
    // In the token's units where its decimals are known: 21 digits of wei are misread by a factor of ten.
    const amount = (token: string, value: bigint) => {
      const info = tokens.get(token.toLowerCase());
      return info ? `${formatUnits(value, info.decimals)} ${info.symbol}` : `${value} (raw units)`;
    };
    const moved = outflows.map((m) => `${amount(m.token, m.before)} → ${amount(m.token, m.after)}`);
    const native = nativeOut.map((m) => `${formatEther(m.before)} → ${formatEther(m.after)} native`);
    const lines = [
      ...outflows.map((m, i) => `${book.label(m.token)}: ${moved[i]}`),
      ...native.map((n) => `native: ${n}`),
    ];
    findings.push(
      finding('SAFE_OUTFLOW', `The Safe's balances after: ${lines.join('; ')}.`, {
        tokens: outflows.map((m, i) => `${m.token}: ${moved[i]}`),
        native,
      }),
    );
  }
  return findings;
}

/**
 * The change a proxy behind an upgraded beacon shows (simulate/beaconProxies.ts): its code is the beacon's, though
 * its own storage is untouched.
 */
export const THROUGH_BEACON = 'implementation, through beacon ';
export const throughBeacon = (beacon: string) => `${THROUGH_BEACON}${checksumAddress(beacon)}`;

/** The proxies found behind a beacon this transaction upgrades (explainByGetters, beaconProxies.ts). */
function proxiesBehind(diff: RiskDiff, beacon: string): ContractDiff[] {
  const what = throughBeacon(beacon);
  return diff.contracts.filter((c) => c.changes.some((ch) => ch.what === what));
}

/**
 * `seenUups`: the simulation showed the old implementation's UUPS code performing the upgrade (upgradedByUupsCode).
 * `behind`: the proxies of a beacon, which the guardian must be told all change code at once.
 */
async function implementationFindings(
  proxy: string,
  before: string,
  after: string,
  facts: ImplementationFacts,
  seenUups: boolean,
  behind: readonly ContractDiff[] = [],
): Promise<Finding[]> {
  const evidence = {
    proxy,
    before,
    after,
    implementation: after,
    ...(behind.length > 0 ? { proxies: behind.map((c) => c.address) } : {}),
  };
  const beacon =
    behind.length > 0
      ? ` It is a beacon: every proxy behind it runs the new code at once, ${behind.map((c) => (c.label === c.address ? c.address : `${c.label} (${c.address})`)).join(', ')} among the contracts the console knows, and any other proxy deployed against it.`
      : '';
  const findings = [
    finding('IMPLEMENTATION_CHANGED', `${proxy}: implementation ${before} → ${after}.${beacon}`, evidence),
  ];
  const [hasCode, wasUups, isUups, canUpgrade, oldLayout, newLayout] = await Promise.all([
    facts.hasCode(after),
    seenUups || facts.isUupsUpgradeable(before),
    facts.isUupsUpgradeable(after),
    facts.hasUpgradeFunction(after),
    facts.layoutOf(before),
    facts.layoutOf(after),
  ]);
  if (!hasCode) {
    findings.push(
      finding(
        'IMPLEMENTATION_WITHOUT_CODE',
        `${after} holds no contract: every call to ${proxy} would do nothing, and it could never be upgraded again.`,
        evidence,
      ),
    );
    return findings;
  }
  if (wasUups && !isUups)
    findings.push(
      finding(
        'IMPLEMENTATION_NOT_UPGRADEABLE',
        `${after} does not answer proxiableUUID(): after this upgrade ${proxy} can never be upgraded or fixed again.`,
        evidence,
      ),
    );
  else if (wasUups && !canUpgrade)
    findings.push(
      finding(
        'IMPLEMENTATION_NOT_UPGRADEABLE',
        `${after} answers proxiableUUID() but has no upgradeToAndCall or upgradeTo: after this upgrade ${proxy} is frozen on it, never to be fixed again.`,
        evidence,
      ),
    );
  if (oldLayout && newLayout) {
    const clashes = storageLayoutClashes(oldLayout, newLayout);
    if (clashes.length > 0)
      findings.push(finding('STORAGE_LAYOUT_CLASH', clashes.join('; '), { ...evidence, clashes }));
  }
  return findings;
}

/** Clashes the old implementation's own getters showed (explainByGetters): found with or without artifacts. */
function layoutClashFindings(diff: RiskDiff): Finding[] {
  const findings: Finding[] = [];
  for (const control of [true, false]) {
    const byContract = new Map<string, RiskDiff['layoutClashes']>();
    for (const c of diff.layoutClashes.filter((l) => l.control === control))
      byContract.set(c.contract, [...(byContract.get(c.contract) ?? []), c]);
    for (const [contract, clashes] of byContract) {
      const implementation = diff.contracts
        .find((c) => c.address === contract)
        ?.changes.find((c) => c.what === 'implementation')?.after;
      const lines = clashes.map(
        (c) =>
          `${c.getter}() reads ${c.newCodeReads} under the new code where the same storage reads ${c.oldCodeReads} under the old`,
      );
      findings.push(
        finding(
          control ? 'CONTROL_LAYOUT_CLASH' : 'STORAGE_LAYOUT_CLASH',
          `${clashes[0]!.label}: ${lines.join('; ')}. The upgrade moves where the old variables are read from.`,
          { contract, ...(implementation ? { implementation } : {}), clashes },
        ),
      );
    }
  }
  return findings;
}

/** What no layout names and no getter reads, said as such: what the console knows, at a severity that does not cry wolf. */
function unexplainedWrites(diff: RiskDiff, safe: string): Finding[] {
  return diff.contracts
    .filter((c) => c.address.toLowerCase() !== safe.toLowerCase())
    .flatMap((c) =>
      c.otherSlots
        .filter((slot) => slot.unexplained !== undefined || (!slot.variable && !slot.label))
        .map((slot) => {
          const known = [
            ...c.changes.map((ch) => `${ch.what} ${ch.before} → ${ch.after}`),
            ...(c.unchangedGetters?.length ? [`unchanged: ${c.unchangedGetters.join(', ')}`] : []),
          ];
          return finding(
            'UNEXPLAINED_STORAGE_WRITE',
            `Unexplained write to slot ${slot.slot} of ${c.label}: ${slot.before} → ${slot.after}${slot.unexplained ? `; ${slot.unexplained}` : ''}.${known.length > 0 ? ` What its getters say: ${known.join('; ')}.` : ' It answers no getter the console knows.'}`,
            {
              contract: c.address,
              slot: slot.slot,
              before: slot.before,
              after: slot.after,
              unexplained: slot.unexplained ?? null,
              changes: c.changes,
              unchangedGetters: c.unchangedGetters ?? [],
            },
          );
        }),
    );
}
