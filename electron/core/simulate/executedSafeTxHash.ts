import { id } from 'ethers';
import type { CallFrame } from '../primitives/simulationTypes.js';

/**
 * The events in which a Safe names the safeTxHash it has just executed, hashed from the calldata it decoded.
 * 1.1.1 to 1.3.0 put the hash in the data, 1.4.1 and later in a topic; 0.1.0 and 1.0.0 name it only on failure.
 */
const EXECUTION_TOPICS = new Set(
  ['ExecutionSuccess(bytes32,uint256)', 'ExecutionFailure(bytes32,uint256)', 'ExecutionFailed(bytes32)'].map(
    (signature) => id(signature),
  ),
);

/**
 * The safeTxHash the Safe itself reported executing in a simulation, or null when it reported none (it
 * reverted, or is a version that names only failures). Logs of a reverted frame were never emitted. A frame's
 * own logs are read before its children's: the execution's event comes from the shallowest frame, not from a
 * nested execution or from delegatecalled code emitting a look-alike as the Safe.
 */
export function executedSafeTxHash(frame: CallFrame, safe: string): string | null {
  if (frame.error) return null;
  for (const log of frame.logs ?? []) {
    if (log.address.toLowerCase() !== safe.toLowerCase() || !EXECUTION_TOPICS.has(log.topics[0]?.toLowerCase() ?? ''))
      continue;
    const hash = log.topics.length > 1 ? log.topics[1] : log.data.slice(0, 66);
    if (hash && /^0x[0-9a-fA-F]{64}$/.test(hash)) return hash.toLowerCase();
  }
  for (const child of frame.calls ?? []) {
    const found = executedSafeTxHash(child, safe);
    if (found) return found;
  }
  return null;
}
