import { Interface, type JsonRpcProvider } from 'ethers';
import { decodeTransaction, type DecodeOptions } from '../decode/decodeTransaction.js';
import type { DecodedTransaction } from '../decode/decodedTransaction.js';
import { AddressBook } from '../decode/addressBook.js';
import { bySeverity, worstSeverity, type Finding, type Severity } from '../risk/finding.js';
import { simulationFindings } from '../risk/simulationFindings.js';
import { staticFindings } from '../risk/staticFindings.js';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxHashes, type SafeTxHashes } from '../safe/safeTxHash.js';
import { implementationFacts, type KnownLayout } from './implementationFacts.js';
import type { ImplementationFacts } from '../risk/simulationFindings.js';
import { riskDiff, type RiskDiff } from './riskDiff.js';
import { simulateSafeTx } from './simulateSafeTx.js';
import { EIP1967 } from './storageSlots.js';
import type { SimulationProgress, SimulationResult } from './simulationTypes.js';

/** Events the risk diff names: the Safe's own and the standard ones a guardian must see. */
const SAFE_EVENTS = new Interface([
  'event ExecutionSuccess(bytes32 indexed txHash, uint256 payment)',
  'event ExecutionFailure(bytes32 indexed txHash, uint256 payment)',
  'event Paused(address account)',
  'event Unpaused(address account)',
  'event Upgraded(address indexed implementation)',
  'event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event AddedOwner(address indexed owner)',
  'event RemovedOwner(address indexed owner)',
  'event ChangedThreshold(uint256 threshold)',
  'event ChangedMasterCopy(address singleton)',
]);

export interface ReviewInput {
  provider: JsonRpcProvider;
  tx: SafeTx;
  owners: readonly string[];
  threshold: number;
  safeNonce?: bigint;
  queuedNonces?: readonly bigint[];
  decodeOptions?: DecodeOptions;
  layouts?: readonly KnownLayout[];
  onProgress?: (progress: SimulationProgress) => void;
}

export interface Review {
  hashes: SafeTxHashes;
  decoded: DecodedTransaction;
  simulation: SimulationResult;
  diff: RiskDiff;
  findings: Finding[];
  worst: Severity | null;
}

/**
 * Names changed slots by the storage layout of the code that owns them: the contract's own, or for a proxy its
 * implementation's (ERC-1967). Only whole variables at their base slot are named; mappings stay as slots.
 */
async function nameStorageVariables(provider: JsonRpcProvider, blockTag: string, diff: RiskDiff, facts: ImplementationFacts): Promise<void> {
  for (const contract of diff.contracts) {
    if (contract.otherSlots.length === 0) continue;
    let layout = await facts.layoutOf(contract.address);
    if (!layout) {
      // After an upgrade in this same transaction, the new implementation's layout is the one that applies.
      const upgradedTo = contract.changes.find((c) => c.what === 'implementation')?.after;
      const word = upgradedTo ?? ((await provider.send('eth_getStorageAt', [contract.address, EIP1967.implementation, blockTag])) as string);
      if (BigInt(word) !== 0n) layout = await facts.layoutOf(`0x${word.slice(-40)}`);
    }
    if (!layout) continue;
    for (const slot of contract.otherSlots) {
      const variable = layout.storage.find((v) => BigInt(v.slot) === BigInt(slot.slot) && v.offset === 0);
      if (variable) slot.variable = variable.label;
    }
  }
}

const IMPLEMENTATION_ARG: Record<string, number> = { 'upgradeTo(address)': 0, 'upgradeToAndCall(address,bytes)': 0, 'upgrade(address,address)': 1, 'upgradeAndCall(address,address,bytes)': 1 };

/**
 * Upgrades judged by their target before anything runs: a well-built proxy reverts on a codeless or
 * non-UUPS implementation, so the simulation alone would only say "reverts" where the truth is worse.
 */
async function upgradeTargetFindings(decoded: DecodedTransaction, facts: ImplementationFacts): Promise<Finding[]> {
  const findings: Finding[] = [];
  const visit = async (actions: DecodedTransaction['actions']): Promise<void> => {
    for (const a of actions) {
      const index = a.signature ? IMPLEMENTATION_ARG[a.signature] : undefined;
      const target = index === undefined ? undefined : String(a.args[index]?.value ?? '');
      if (target) {
        if (!(await facts.hasCode(target))) {
          findings.push({ code: 'IMPLEMENTATION_WITHOUT_CODE', severity: 'critical', title: 'Upgrades to an address with no code', explanation: `${a.sentence}, but ${target} holds no contract.`, evidence: { path: a.path, implementation: target } });
        } else if (index === 0 && !(await facts.isUupsUpgradeable(target))) {
          findings.push({ code: 'IMPLEMENTATION_NOT_UPGRADEABLE', severity: 'critical', title: 'Upgrades to an implementation with no upgrade path', explanation: `${a.sentence}, but ${target} does not answer proxiableUUID(): the proxy could never be upgraded again.`, evidence: { path: a.path, implementation: target } });
        }
      }
      await visit(a.children);
    }
  };
  await visit(decoded.actions);
  return findings;
}

/** Hashes, decoded actions, simulation, risk diff and findings: everything a guardian reads before signing. */
export async function reviewSafeTx(input: ReviewInput): Promise<Review> {
  const options = { ...input.decodeOptions, addressBook: input.decodeOptions?.addressBook ?? new AddressBook() };
  const book = options.addressBook;
  input.owners.forEach((o, i) => book.add(o, `owner ${i + 1}`));
  const decoded = decodeTransaction(input.tx, options);
  const simulation = await simulateSafeTx({ provider: input.provider, tx: input.tx, owners: input.owners, threshold: input.threshold, ...(input.onProgress ? { onProgress: input.onProgress } : {}) });
  const diff = await riskDiff(input.provider, simulation, input.tx.safe, book, SAFE_EVENTS);
  const facts = implementationFacts(input.provider, simulation.block.number, input.layouts ?? []);
  await nameStorageVariables(input.provider, simulation.block.number, diff, facts);
  const findings = bySeverity([
    ...(await upgradeTargetFindings(decoded, facts)),
    ...staticFindings({ tx: input.tx, decoded, book, ...(input.safeNonce !== undefined ? { safeNonce: input.safeNonce } : {}), ...(input.queuedNonces ? { queuedNonces: input.queuedNonces } : {}) }),
    ...(await simulationFindings(simulation, diff, input.tx.safe, book, facts)),
  ]);
  return { hashes: safeTxHashes(input.tx), decoded, simulation, diff, findings, worst: worstSeverity(findings) };
}

