import { getSafeL2SingletonDeployments, getSafeSingletonDeployments } from '@safe-global/safe-deployments';
import { keccak256 } from 'ethers';
import { checksumAddress } from '../primitives/checksumAddress.js';
import type { CallFrame, StateView } from '../primitives/simulationTypes.js';
import { mappingSlot, SAFE_SLOTS } from '../primitives/storageSlots.js';

/** approveHash(bytes32) */
const APPROVE_HASH = '0xd4d9bdcd';
/** The releases whose storage keeps approvedHashes at slot 8 (SafeStorage.sol, Safe.sol of 1.3.0 and 1.4.1). */
const VERSIONS = ['1.3.0', '1.4.1'] as const;

let singletonCodeHashes: ReadonlySet<string> | null = null;

/** The code hashes safe-deployments gives for every official Safe and SafeL2 singleton of those releases. */
function officialSingletonCodeHashes(): ReadonlySet<string> {
  if (singletonCodeHashes) return singletonCodeHashes;
  const hashes = new Set<string>();
  for (const version of VERSIONS)
    for (const get of [getSafeSingletonDeployments, getSafeL2SingletonDeployments])
      for (const deployment of Object.values(get({ version })?.deployments ?? {}))
        if (deployment?.codeHash) hashes.add(deployment.codeHash.toLowerCase());
  return (singletonCodeHashes = hashes);
}

/** An approveHash the official Safe code ran in the simulation, and the approvedHashes slot it wrote. */
export interface OwnerApproval {
  /** The Safe whose storage holds the approval: the outer Safe of a nested approval. */
  safe: string;
  /** Who called approveHash: Safe's code keys the approval by msg.sender, an owner or it reverts (GS030). */
  owner: string;
  /** The hash approved: the outer Safe's safeTxHash. */
  hash: string;
  /** approvedHashes[owner][hash]: keccak256(hash ‖ keccak256(owner ‖ 8)). */
  slot: string;
}

function* frames(frame: CallFrame): Generator<CallFrame> {
  yield frame;
  for (const call of frame.calls ?? []) yield* frames(call);
}

/**
 * The approvals the call tree shows being made by Safe's own code: a call of approveHash(hash) into a contract
 * that DELEGATECALLs the same calldata into code whose hash is an official singleton's. That code writes exactly
 * approvedHashes[msg.sender][hash] = 1 in the caller's storage, so the slot is named from what ran, not from a
 * list of known Safes: a lookalike that writes the same slot under other code stays unexplained.
 */
export async function ownerApprovals(root: CallFrame, before: StateView): Promise<OwnerApproval[]> {
  const candidates: Array<{ call: CallFrame; singleton: string }> = [];
  for (const call of frames(root)) {
    if (call.error || call.type !== 'CALL' || !call.to) continue;
    if (call.input.length !== 74 || call.input.slice(0, 10).toLowerCase() !== APPROVE_HASH) continue;
    const ran = (call.calls ?? []).find(
      (d) =>
        d.type === 'DELEGATECALL' &&
        !d.error &&
        d.to &&
        d.from.toLowerCase() === call.to!.toLowerCase() &&
        d.input.toLowerCase() === call.input.toLowerCase(),
    );
    if (ran?.to) candidates.push({ call, singleton: ran.to });
  }
  if (candidates.length === 0) return [];
  const official = officialSingletonCodeHashes();
  // Code that cannot be read (a carried state without it) names nothing: the write stays unexplained, as before.
  const codes = await Promise.all(candidates.map((c) => before.code(c.singleton).catch(() => '0x')));
  return candidates
    .filter((_, i) => codes[i] !== '0x' && official.has(keccak256(codes[i]!).toLowerCase()))
    .map(({ call }) => {
      const hash = `0x${call.input.slice(10).toLowerCase()}`;
      const owner = checksumAddress(call.from);
      return {
        safe: checksumAddress(call.to!),
        owner,
        hash,
        slot: mappingSlot(hash, mappingSlot(owner, SAFE_SLOTS.approvedHashes)),
      };
    });
}
