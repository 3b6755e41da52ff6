import type { AddressBook } from '../decode/addressBook.js';
import type { RiskDiff } from '../simulate/riskDiff.js';
import type { SimulationResult } from '../simulate/simulationTypes.js';
import type { Finding } from './finding.js';
import { storageLayoutClashes, type StorageLayout } from './storageLayoutClash.js';

/** What the chain can answer about an implementation address after the transaction. */
export interface ImplementationFacts {
  hasCode(address: string): Promise<boolean>;
  /** UUPS: the implementation answers proxiableUUID() with the ERC-1967 slot, so upgrades stay possible. */
  isUupsUpgradeable(address: string): Promise<boolean>;
  /** The storage layout of the code at `address`, when it matches a known artifact. */
  layoutOf(address: string): Promise<StorageLayout | null>;
}

const SAFE_CHANGE_CODES: Record<string, { code: string; severity: Finding['severity'] }> = {
  'Safe singleton': { code: 'SAFE_SINGLETON_CHANGED', severity: 'critical' },
  'Safe owners': { code: 'SAFE_OWNERS_CHANGED', severity: 'high' },
  'Safe threshold': { code: 'SAFE_THRESHOLD_CHANGED', severity: 'high' },
  'Safe modules': { code: 'SAFE_MODULES_CHANGED', severity: 'high' },
  'Safe guard': { code: 'SAFE_GUARD_CHANGED', severity: 'high' },
  'Safe fallback handler': { code: 'SAFE_FALLBACK_HANDLER_CHANGED', severity: 'high' },
};

/** Findings from what the simulation shows the transaction does, as opposed to what its calldata says. */
export async function simulationFindings(sim: SimulationResult, diff: RiskDiff, safe: string, book: AddressBook, facts: ImplementationFacts): Promise<Finding[]> {
  const findings: Finding[] = [];
  const failed = diff.events.some((e) => e.address.toLowerCase() === safe.toLowerCase() && e.name === 'ExecutionFailure');
  if (!sim.success || failed) {
    findings.push({ code: 'SIMULATION_REVERTED', severity: 'high', title: 'The transaction fails in simulation', explanation: `Executed now, it would ${sim.success ? 'fail inside the Safe (ExecutionFailure) and still use the nonce' : `revert${sim.revertReason ? ` with "${sim.revertReason}"` : ''}`}.`, evidence: { revertReason: sim.revertReason } });
  }
  for (const contract of diff.contracts) {
    for (const change of contract.changes) {
      const safeChange = SAFE_CHANGE_CODES[change.what];
      if (safeChange && contract.address.toLowerCase() === safe.toLowerCase()) {
        findings.push({ code: safeChange.code, severity: safeChange.severity, title: `Changes the ${change.what}`, explanation: `${change.what}: ${change.before} → ${change.after}.`, evidence: { ...change } });
      } else if (change.what === 'paused' && change.after === 'true') {
        findings.push({ code: 'PROTOCOL_PAUSED', severity: 'info', title: `Pauses ${contract.label}`, explanation: 'paused: false → true, as an emergency pause should.', evidence: { ...change } });
      } else if (change.what === 'owner' || change.what === 'admin') {
        const known = book.has(change.after);
        findings.push({ code: 'CONTROL_CHANGED', severity: known ? 'high' : 'critical', title: `Changes the ${change.what} of ${contract.label}`, explanation: `${change.what}: ${book.label(change.before)} → ${book.label(change.after)}${known ? '' : ', an address outside the address book'}.`, evidence: { ...change } });
      } else if (change.what === 'implementation') {
        findings.push(...(await implementationFindings(contract.label, change.before, change.after, facts)));
      }
    }
  }
  const outflows = diff.tokenMovements.filter((m) => m.holder.toLowerCase() === safe.toLowerCase() && m.after < m.before);
  const nativeOut = diff.nativeMovements.filter((m) => m.address.toLowerCase() === safe.toLowerCase() && m.after < m.before);
  if (outflows.length > 0 || nativeOut.length > 0) {
    findings.push({ code: 'SAFE_OUTFLOW', severity: 'medium', title: 'Assets leave the Safe', explanation: [...outflows.map((m) => `${book.label(m.token)}: ${m.before} → ${m.after}`), ...nativeOut.map((m) => `native: ${m.before} → ${m.after}`)].join('; '), evidence: {} });
  }
  return findings;
}

async function implementationFindings(proxy: string, before: string, after: string, facts: ImplementationFacts): Promise<Finding[]> {
  const findings: Finding[] = [];
  const evidence = { proxy, before, after };
  findings.push({ code: 'IMPLEMENTATION_CHANGED', severity: 'info', title: `Upgrades ${proxy}`, explanation: `implementation: ${before} → ${after}.`, evidence });
  if (!(await facts.hasCode(after))) {
    findings.push({ code: 'IMPLEMENTATION_WITHOUT_CODE', severity: 'critical', title: 'The new implementation has no code', explanation: `${after} holds no contract: every call to ${proxy} would do nothing, and it could never be upgraded again.`, evidence });
    return findings;
  }
  if ((await facts.isUupsUpgradeable(before)) && !(await facts.isUupsUpgradeable(after))) {
    findings.push({ code: 'IMPLEMENTATION_NOT_UPGRADEABLE', severity: 'critical', title: 'The new implementation has no upgrade path', explanation: `${after} does not answer proxiableUUID(): after this upgrade ${proxy} can never be upgraded or fixed again.`, evidence });
  }
  const [oldLayout, newLayout] = await Promise.all([facts.layoutOf(before), facts.layoutOf(after)]);
  if (oldLayout && newLayout) {
    const clashes = storageLayoutClashes(oldLayout, newLayout);
    if (clashes.length > 0) findings.push({ code: 'STORAGE_LAYOUT_CLASH', severity: 'high', title: 'The new implementation reads old storage wrongly', explanation: clashes.join('; '), evidence: { ...evidence, clashes } });
  }
  return findings;
}
