import { AbiCoder, dataSlice, getAddress, Interface, toBeHex, type JsonRpcProvider } from 'ethers';
import { GuardianError } from '../errors.js';
import { compareAddresses, encodeSafeSignatures } from '../safe/safeSignature.js';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { mappingSlot, SAFE_SLOTS } from './storageSlots.js';
import type { BlockContext, CallFrame, SimulationProgress, SimulationResult, StateMap } from './simulationTypes.js';

const safeGetters = new Interface([
  'function getOwners() view returns (address[])',
  'function getThreshold() view returns (uint256)',
  'function getModulesPaginated(address start, uint256 pageSize) view returns (address[] array, address next)',
]);

/** Adds to `into` every account, slot and code that `from` read: the carried state must answer the review's reads too. */
function mergeState(into: StateMap, from: StateMap): void {
  for (const [address, account] of Object.entries(from)) {
    const existing = (into[address] ??= {});
    if (account.code !== undefined && existing.code === undefined) existing.code = account.code;
    if (account.balance !== undefined && existing.balance === undefined) existing.balance = account.balance;
    if (account.nonce !== undefined && existing.nonce === undefined) existing.nonce = account.nonce;
    if (account.storage) existing.storage = { ...account.storage, ...existing.storage };
  }
}

const execInterface = new Interface([
  'function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool)',
]);

export interface SimulateOptions {
  /** An anvil: a fork of the Safe's chain pinned at a block, or a local chain. */
  provider: JsonRpcProvider;
  tx: SafeTx;
  owners: readonly string[];
  threshold: number;
  onProgress?: (progress: SimulationProgress) => void;
}

/** Error(string) and Panic(uint256), plus the Safe's own GS codes, as a guardian can read them. */
export function decodeRevert(output: string | undefined, fallback: string | undefined): string | null {
  if (output && output.startsWith('0x08c379a0')) {
    try {
      return AbiCoder.defaultAbiCoder().decode(['string'], dataSlice(output, 4))[0] as string;
    } catch {
      // fall through
    }
  }
  if (output && output.startsWith('0x4e487b71')) return `Panic(${BigInt(dataSlice(output, 4)).toString()})`;
  return fallback ?? (output && output !== '0x' ? `custom error ${output.slice(0, 10)}` : null);
}

/**
 * The signature requirement met without signatures: approved-hash signatures (v=1) from `threshold` owners,
 * sent from the first of them, with approvedHashes set by state override for the others. Owners and
 * threshold stay exactly as they are, so the diff shows only what the transaction itself does.
 */
export function signatureOverrides(tx: SafeTx, owners: readonly string[], threshold: number) {
  const hash = safeTxHash(tx);
  const signers = [...owners].sort(compareAddresses).slice(0, threshold).map((o) => getAddress(o));
  if (signers.length < threshold) throw new GuardianError('SIMULATION_FAILED', `The Safe has ${owners.length} owners but a threshold of ${threshold}.`);
  const stateDiff: Record<string, string> = {};
  for (const signer of signers.slice(1)) stateDiff[mappingSlot(hash, mappingSlot(signer, SAFE_SLOTS.approvedHashes))] = toBeHex(1, 32);
  // A queued transaction may sit behind others: simulate it as if its turn had come.
  stateDiff[SAFE_SLOTS.nonce] = toBeHex(tx.nonce, 32);
  const signatures = encodeSafeSignatures(signers.map((s) => ({ signer: s, kind: 'approved_hash' as const, data: '0x' })));
  return { from: signers[0]!, signatures, overrides: { [tx.safe]: { stateDiff } } };
}

/** Runs the Safe transaction through execTransaction with debug_traceCall: nothing on the chain changes. */
export async function simulateSafeTx(options: SimulateOptions): Promise<SimulationResult> {
  const { provider, tx } = options;
  const progress = options.onProgress ?? (() => {});
  progress({ stage: 'preparing' });
  const { from, signatures, overrides } = signatureOverrides(tx, options.owners, options.threshold);
  const data = execInterface.encodeFunctionData('execTransaction', [tx.to, tx.value, tx.data, tx.operation, tx.safeTxGas, tx.baseGas, tx.gasPrice, tx.gasToken, tx.refundReceiver, signatures]);
  const call = { from, to: tx.safe, data, gas: toBeHex(30_000_000n) };
  const block = (await provider.send('eth_getBlockByNumber', ['latest', false])) as { number: string; timestamp: string; baseFeePerGas?: string; stateRoot: string };
  const tag = block.number;
  const trace = (tracer: string, tracerConfig?: object) => {
    progress({ stage: 'tracing', tracer });
    return provider.send('debug_traceCall', [call, tag, { tracer, ...(tracerConfig ? { tracerConfig } : {}), stateOverrides: overrides }]);
  };
  let callTree: CallFrame;
  let diff: { pre: StateMap; post: StateMap };
  let prestate: StateMap;
  try {
    [callTree, diff, prestate] = (await Promise.all([trace('callTracer', { withLog: true }), trace('prestateTracer', { diffMode: true }), trace('prestateTracer')])) as [CallFrame, { pre: StateMap; post: StateMap }, StateMap];
  } catch (cause) {
    throw new GuardianError('SIMULATION_FAILED', `The simulation could not run on ${provider._getConnection().url}: ${(cause as Error).message}`, { cause });
  }
  // The risk diff reads the Safe's owners, threshold and modules before and after; carry what those reads touch.
  const reads = await Promise.all(
    [safeGetters.encodeFunctionData('getOwners'), safeGetters.encodeFunctionData('getThreshold'), safeGetters.encodeFunctionData('getModulesPaginated', ['0x0000000000000000000000000000000000000001', 50])].map(
      (getter) => provider.send('debug_traceCall', [{ to: tx.safe, data: getter }, tag, { tracer: 'prestateTracer' }]) as Promise<StateMap>,
    ),
  );
  for (const read of reads) mergeState(prestate, read);
  const success = !callTree.error;
  const result: SimulationResult = {
    success,
    revertReason: success ? null : decodeRevert(callTree.output, callTree.revertReason ?? callTree.error),
    gasUsed: BigInt(callTree.gasUsed ?? 0),
    callTree,
    diff,
    prestate,
    block: { number: block.number, timestamp: block.timestamp, baseFeePerGas: block.baseFeePerGas ?? null, stateRoot: block.stateRoot } satisfies BlockContext,
    overrides,
    from,
  };
  progress({ stage: 'done', success, gasUsed: result.gasUsed });
  return result;
}
