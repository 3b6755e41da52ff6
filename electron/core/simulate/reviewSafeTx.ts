import { Interface, type InterfaceAbi, type JsonRpcProvider } from 'ethers';
import { abiSourcesFor } from '../decode/abiSources.js';
import { AddressBook } from '../decode/addressBook.js';
import { knownMultiSendAddresses } from '../decode/knownMultiSend.js';
import { decodeTransaction, type DecodeOptions } from '../decode/decodeTransaction.js';
import type { TokenInfo } from '../primitives/tokenInfo.js';
import type { DecodedTransaction } from '../decode/decodedTransaction.js';
import {
  getActionsCall,
  getActionsHint,
  proposalActionsFrom,
  votedProposals,
  type ProposalActions,
} from '../decode/proposalActions.js';
import { claimContradictions, type ClaimContradiction } from '../risk/claimContradictions.js';
import { bySeverity, finding, worstSeverity, type Finding } from '../risk/finding.js';
import type { Severity } from '../primitives/severity.js';
import { groupFindings } from '../risk/groupFindings.js';
import { pauseEffectsFindings } from '../risk/pauseEffectsFindings.js';
import { guardAndModuleFindings } from '../risk/guardAndModuleFindings.js';
import { ownerApprovalFindings } from '../risk/ownerApprovalFindings.js';
import { simulationFindings } from '../risk/simulationFindings.js';
import { staticFindings, walkActions } from '../risk/staticFindings.js';
import { SETS_DELAY } from '../risk/timelockDelayChange.js';
import { upgradeTargetFindings } from '../risk/upgradeTargetFindings.js';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxHashes, type SafeTxHashes } from '../safe/safeTxHash.js';
import { GuardianError } from '../errors.js';
import { keccakReady, keccakSettled } from '../safe/wasmKeccak.js';
import { callTreeLines, type CallTree } from './callTreeLines.js';
import { implementationFacts, type KnownLayout } from './implementationFacts.js';
import { namedImplementations, upgradedProxies } from './namedImplementations.js';
import { PROXIABLE_UUID_CALL } from '../decode/upgradeFunctions.js';
import { officialMultiSendByCode, type OfficialMultiSend } from './multiSendByCode.js';
import { eventIndex } from './logDecoding.js';
import { errorFragments } from './revertReason.js';
import { riskDiff } from './riskDiff.js';
import { ownerApprovals } from './ownerApprovals.js';
import type { RiskDiff } from '../primitives/riskDiffTypes.js';
import { rpcClientFor } from './batchingRpc.js';
import { simulateSafeTx, type RpcClient } from './simulateSafeTx.js';
import type {
  BlockContext,
  CallFrame,
  SimulationProgress,
  SimulationResult,
  StateView,
} from '../primitives/simulationTypes.js';
import { nameStorageVariables } from './storageVariables.js';
import { explainByGetters } from './explainByGetters.js';
import { getterGuesses } from './getterGuesses.js';
import { readTokenInfo, tokenCandidates } from './tokenInfo.js';
import { stateViews } from './stateView.js';

export interface ReviewInput {
  /** An anvil: a pinned fork of the Safe's chain (withFork), a local chain, or one loaded with a carried state. */
  provider: RpcClient | JsonRpcProvider;
  tx: SafeTx;
  owners: readonly string[];
  threshold: number;
  /** The block to simulate on; the latest when absent. */
  blockTag?: string;
  /** Simulate in this block's environment (a replay of a carried state); see SimulateOptions.blockEnv. */
  blockEnv?: BlockContext;
  safeNonce?: bigint;
  queuedNonces?: readonly bigint[];
  decodeOptions?: DecodeOptions;
  /** Compiled contracts with storage layouts (contracts/artifacts): variables by name, layout clashes. */
  layouts?: readonly KnownLayout[];
  /** Keep what carrying the pre-state to a machine with no network needs; see SimulateOptions.carry. */
  carry?: boolean;
  onProgress?: (progress: SimulationProgress) => void;
}

export interface Review {
  hashes: SafeTxHashes;
  decoded: DecodedTransaction;
  simulation: SimulationResult;
  diff: RiskDiff;
  /** Decimals and symbols of the tokens involved, as given or as each token answered on the chain. */
  tokens: ReadonlyMap<string, TokenInfo>;
  /** Those of them this review asked of the chain: what a store learns from it. */
  tokensRead: ReadonlyMap<string, TokenInfo>;
  /** What the transaction did, call by call: the simulation's call tree, functions named by the decode ABIs. */
  calls: CallTree;
  findings: Finding[];
  worst: Severity | null;
  /** Where the simulation says otherwise than the calldata's description (empty: it bears it out). */
  contradictions: ClaimContradiction[];
}

const timelock = new Interface([
  'function getMinDelay() view returns (uint256)',
  'function delay() view returns (uint256)',
]);
const OWNER_CALL = new Interface(['function owner() view returns (address)']).encodeFunctionData('owner');

/**
 * Each timelock whose delay the transaction sets, with its delay now: lowered or raised is the question. OZ's
 * TimelockController answers getMinDelay(), Compound's Timelock delay(); both are asked at once, in one round trip.
 * A queued setDelay on the timelock itself is a child of its queueTransaction, which the walk reaches.
 */
async function timelockDelays(before: StateView, decoded: DecodedTransaction): Promise<Map<string, bigint>> {
  const targets = new Set<string>();
  walkActions(
    decoded.actions,
    (a) => a.signature !== null && SETS_DELAY.has(a.signature) && targets.add(a.to.toLowerCase()),
  );
  const delays = new Map<string, bigint>();
  const answered = (answer: string | null) => (answer && answer !== '0x' ? BigInt(answer) : undefined);
  await Promise.all(
    [...targets].map(async (to) => {
      const [minDelay, delay] = await Promise.all(
        (['getMinDelay', 'delay'] as const).map((fn) => before.call(to, timelock.encodeFunctionData(fn))),
      );
      // No answer: not a timelock after all, and the static finding says "changes", not "lowers".
      const current = answered(minDelay ?? null) ?? answered(delay ?? null);
      if (current !== undefined) delays.set(to, current);
    }),
  );
  return delays;
}

/**
 * What each governor holds for the proposals the transaction votes on, by `governor:id`: getActions(id) at the
 * pre-state: the Safe's own vote's was asked with the simulation (getActionsHint) and is answered from it; a vote
 * in a batch is asked with the other reads after it (one round trip with the diff's). Only votes ask.
 */
async function proposalsVotedOn(
  before: StateView,
  decoded: DecodedTransaction,
): Promise<Map<string, ProposalActions | null>> {
  const read = await Promise.all(
    votedProposals(decoded.actions).map(async ({ governor, proposalId }) => {
      const answer = await before.call(governor, getActionsCall(proposalId));
      return [`${governor.toLowerCase()}:${proposalId}`, proposalActionsFrom(answer)] as const;
    }),
  );
  return new Map(read);
}

/**
 * DELEGATECALL targets that no list knows but whose code, unchanged by the transaction, is an official
 * MultiSend's. Only read when there is such a target: a pause stays one round trip.
 */
async function multiSendsByCode(
  before: StateView,
  sim: SimulationResult,
  decoded: DecodedTransaction,
  extra: readonly string[],
): Promise<Array<{ at: string; official: OfficialMultiSend }>> {
  const known = knownMultiSendAddresses(decoded.chainId, extra);
  const targets = new Set<string>();
  walkActions(decoded.actions, (a) => a.operation === 1 && !known.has(a.to.toLowerCase()) && targets.add(a.to));
  const rewritten = (address: string) =>
    Object.entries(sim.diff.post).some(
      ([a, post]) => a.toLowerCase() === address.toLowerCase() && post.code !== undefined,
    );
  const found = await Promise.all(
    [...targets]
      .filter((t) => !rewritten(t))
      .map(async (at) => {
        const official = officialMultiSendByCode(at, await before.code(at));
        return official ? [{ at, official }] : [];
      }),
  );
  return found.flat();
}

/** Every account a call frame came from or went to. */
function callAddresses(frame: CallFrame, into: Set<string>): Set<string> {
  into.add(frame.from.toLowerCase());
  if (frame.to) into.add(frame.to.toLowerCase());
  for (const child of frame.calls ?? []) callAddresses(child, into);
  return into;
}

/** Addresses a mapping entry may be keyed by: every account touched or called, every address in an event, the owners. */
function knownAddresses(sim: SimulationResult, diff: RiskDiff, owners: readonly string[]): string[] {
  const found = callAddresses(
    sim.callTree,
    new Set([...Object.keys(sim.prestate), ...owners].map((a) => a.toLowerCase())),
  );
  for (const e of diff.events)
    for (const topic of e.topics.slice(1))
      if (/^0x0{24}[0-9a-f]{40}$/i.test(topic)) found.add(`0x${topic.slice(26)}`.toLowerCase());
  return [...found];
}

/**
 * The same fact found twice (by the calldata and by the simulation) is shown once: the simulation's, which
 * carries what the chain showed (the contract, the value before and after), where both found it.
 */
function distinct(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const simulatedSafeChange = findings.some(
    (f) => f.code.startsWith('SAFE_') && f.code.endsWith('_CHANGED') && f.evidence['contract'] !== undefined,
  );
  const keyOf = (f: Finding) => {
    // A timelock's delay change is said by the calldata and seen by the simulation: one finding, not a group of two.
    const timelock = f.code.startsWith('TIMELOCK_DELAY_') ? f.evidence['contract'] : undefined;
    const subject = f.evidence['recipient'] ?? f.evidence['implementation'] ?? timelock;
    return subject === undefined ? null : `${f.code}:${String(subject).toLowerCase()}`;
  };
  // The calldata's findings name the action's path; the simulation's do not.
  const fromCalldata = (f: Finding) => f.evidence['path'] !== undefined;
  const simulated = new Set(findings.filter((f) => !fromCalldata(f)).map(keyOf));
  return findings.filter((f) => {
    if (f.code === 'SAFE_CONFIG_CALL' && simulatedSafeChange) return false;
    const key = keyOf(f);
    if (key === null) return true;
    if (seen.has(key) || (fromCalldata(f) && simulated.has(key))) return false;
    seen.add(key);
    return true;
  });
}

/** Hashes, decoded actions, simulation, calls, risk diff and findings: everything a guardian reads before signing. */
export async function reviewSafeTx(input: ReviewInput): Promise<Review> {
  // The first review of a run waits for the WebAssembly Keccak (milliseconds, once): every later one is faster.
  if (!keccakSettled()) await keccakReady();
  const provider = rpcClientFor(input.provider);
  const progress = input.onProgress ?? (() => {});
  // The simulation approves the very hash that is shown and signed.
  const hashes = safeTxHashes(input.tx);
  const approvedHash = hashes.safeTxHash;
  const abis: InterfaceAbi[] = [
    ...(input.decodeOptions?.registeredAbis ?? []).map((r) => r.abi),
    ...(input.decodeOptions?.artifacts ?? []).map((a) => a.abi),
  ];
  // What the findings will ask about each implementation an upgrade names, read with the simulation: its code,
  // and whether it answers proxiableUUID() unless the upgrade itself will be seen asking (a UUPS upgrade).
  const named = namedImplementations(input.tx);
  // And each upgraded proxy asked owner(): what that call reads is the proxy's code and its implementation's
  // before the upgrade, which the getter comparison needs (and its answer is that getter's, before).
  const owners = upgradedProxies(input.tx).map((to) => ({ to, data: OWNER_CALL }));
  // And each upgraded proxy's getters, before and as the upgrade is predicted to leave it: the comparison of its
  // getters then needs no round trip of its own. Its owner() is one more getter of that batch at the pre-state,
  // and the code the batch reads (the proxy's, the implementations' before and after) comes with it: no trace
  // of owner() and no eth_getCode of the new implementation beside it. Not for a pre-state to be carried: what a
  // replay must answer is read as ever, the full accounts owner() read included.
  const guessedCalls = input.carry
    ? []
    : getterGuesses(input.tx, owners, {
        registered: input.decodeOptions?.registeredAbis ?? [],
        artifacts: input.decodeOptions?.artifacts ?? [],
      });
  const guessing = guessedCalls.length > 0;
  // And what the proposal a vote is for would do: asked with the simulation, it is carried with the pre-state.
  const proposalRead = getActionsHint(input.tx);
  const preStateCalls = [
    ...named.filter((n) => !n.toProxy).map((n) => ({ to: n.address, data: PROXIABLE_UUID_CALL })),
    ...(guessing ? [] : owners),
    ...(proposalRead ? [proposalRead] : []),
  ];
  if (guessing) guessedCalls.unshift(...owners);
  const preStateCodes = guessing ? [] : named.filter((n) => n.toProxy).map((n) => n.address);
  const simulating = simulateSafeTx({
    provider,
    tx: input.tx,
    safeTxHash: approvedHash,
    owners: input.owners,
    threshold: input.threshold,
    errors: () => errorFragments(abis),
    carry: input.carry ?? false,
    preStateCalls,
    preStateCodes,
    guessedCalls,
    onProgress: progress,
    ...(input.blockTag ? { blockTag: input.blockTag } : {}),
    ...(input.blockEnv ? { blockEnv: input.blockEnv } : {}),
  });
  // Decoding may throw before the simulation is awaited: its failure is reported there, never left unhandled.
  simulating.catch(() => {});
  // Let the simulation's batch leave before decoding: the chain traces while this machine decodes.
  await new Promise((resolve) => setImmediate(resolve));
  const book = input.decodeOptions?.addressBook ?? new AddressBook();
  input.owners.forEach((o, i) => book.add(o, `owner ${i + 1}`));
  const decodeOptions: DecodeOptions = { ...input.decodeOptions, addressBook: book };
  const firstReading = decodeTransaction(input.tx, decodeOptions);
  const simulation = await simulating;
  progress({ stage: 'diffing', detail: `state before and after at block ${BigInt(simulation.block.number)}` });
  const views = stateViews(provider, simulation);
  const unknownTokens = tokenCandidates(firstReading, simulation.callTree).filter((t) => !decodeOptions.tokens?.has(t));
  // Tokens and delegatecall targets are asked in the same round trip as the balances the diff reads.
  const [diff, delays, found, recognised, approvals, proposals] = await Promise.all([
    riskDiff(views, simulation, input.tx.safe, book, eventIndex(abis)),
    timelockDelays(views.before, firstReading),
    readTokenInfo(views.before, unknownTokens),
    multiSendsByCode(views.before, simulation, firstReading, decodeOptions.extraMultiSend ?? []),
    ownerApprovals(simulation.callTree, views.before),
    proposalsVotedOn(views.before, firstReading),
  ]);
  const tokens = new Map([...(decodeOptions.tokens ?? []), ...found]);
  const extraMultiSend = [...(decodeOptions.extraMultiSend ?? []), ...recognised.map((r) => r.at)];
  // Amounts in a token's own units, not raw (1000000000 raw USDC is a thousand dollars, not a billion), a
  // MultiSend known by its code read as one, and a vote as what its proposal would do.
  const readProposal = (governor: string, proposalId: bigint) =>
    proposals.get(`${governor.toLowerCase()}:${proposalId}`);
  const decoded =
    found.size > 0 || recognised.length > 0 || proposals.size > 0
      ? decodeTransaction(input.tx, { ...decodeOptions, tokens, extraMultiSend, readProposal })
      : firstReading;
  const { after } = views;
  const facts = implementationFacts(after, input.layouts ?? [], simulation.callTree);
  await nameStorageVariables(diff, after, facts, knownAddresses(simulation, diff, input.owners));
  await explainByGetters(diff, views, input.tx.safe, {
    registered: decodeOptions.registeredAbis ?? [],
    artifacts: decodeOptions.artifacts ?? [],
  });
  progress({ stage: 'judging', detail: 'findings by severity' });
  const [targetFindings, simFindings, standing] = await Promise.all([
    upgradeTargetFindings(decoded, facts),
    simulationFindings(simulation, diff, input.tx.safe, book, facts, tokens),
    guardAndModuleFindings(views.before, simulation, input.tx.safe, book),
  ]);
  const byCode = recognised.map(({ at, official }) =>
    finding(
      'MULTISEND_RECOGNISED_BY_CODE',
      `${at} is not an address safe-deployments lists for this chain, but its code is the official ${official.name} ${official.version}'s, byte for byte.`,
      {
        address: at,
        official: official.address,
        name: official.name,
        version: official.version,
        codeHash: official.codeHash,
      },
    ),
  );
  const fromCalldata = staticFindings({
    tx: input.tx,
    decoded,
    book,
    extraMultiSend,
    timelockDelays: delays,
    tokens,
    ...(input.safeNonce !== undefined ? { safeNonce: input.safeNonce } : {}),
    ...(input.queuedNonces ? { queuedNonces: input.queuedNonces } : {}),
  });
  // A pause already flagged by its calldata need not be flagged again by its effects.
  const pauseEffects = fromCalldata.some((f) => f.code === 'PAUSE_WITH_OTHER_ACTIONS')
    ? []
    : pauseEffectsFindings(decoded, diff).filter((f) => !fromCalldata.some((g) => g.code === f.code));
  const findings = bySeverity(
    groupFindings(
      distinct([
        ...fromCalldata,
        ...byCode,
        ...ownerApprovalFindings(approvals, input.tx.safe, book),
        ...pauseEffects,
        ...simFindings,
        ...targetFindings,
        ...standing,
      ]),
    ),
  );
  const worst = worstSeverity(findings);
  const calls = callTreeLines(
    simulation.callTree,
    abiSourcesFor(decodeOptions.registeredAbis, decodeOptions.artifacts),
    book,
  );
  const contradictions = claimContradictions({ decoded, simulation, diff, book, tokens, extraMultiSend });
  progress({ stage: 'done', detail: `${findings.length} finding(s), worst: ${worst ?? 'none'}` });
  return { hashes, decoded, simulation, diff, tokens, tokensRead: found, calls, findings, worst, contradictions };
}
