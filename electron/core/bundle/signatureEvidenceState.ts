import type { JsonRpcProvider } from 'ethers';
import { decodeSafeSignatures } from '../safe/safeSignature.js';
import { contractSignatureCall } from '../safe/onChainSignatureChecks.js';
import type { QueueItem } from '../safe/queueItem.js';
import type { StateMap } from '../primitives/simulationTypes.js';
import { mappingSlot, SAFE_SLOTS } from '../primitives/storageSlots.js';
import type { Store } from '../store/openStore.js';

/**
 * The Safe's approvedHashes slot of every owner for this hash, to be proven with the carried state: the
 * air-gapped station checks an approved-hash signature against the proof of that slot (carriedSignatureEvidence).
 * Only the proofs need them; the carried storage stays what the simulation read (its own overrides among it).
 */
export function withApprovalSlots(prestate: StateMap, store: Store, item: QueueItem): StateMap {
  const owners = store.getSafeInfo(item.safeTx.chainId, item.safeTx.safe)?.owners ?? [];
  const key =
    Object.keys(prestate).find((a) => a.toLowerCase() === item.safeTx.safe.toLowerCase()) ??
    item.safeTx.safe.toLowerCase();
  const storage = { ...prestate[key]?.storage };
  for (const owner of owners)
    storage[mappingSlot(item.safeTxHash, mappingSlot(owner, SAFE_SLOTS.approvedHashes))] ??= '0x0';
  return { ...prestate, [key]: { ...prestate[key], storage } };
}

/**
 * The prestate with what each contract signature's isValidSignature reads added (the owner contract's code and
 * storage, and whatever it calls), traced on the fork at the simulated block: with it, and its proofs, the
 * air-gapped station can ask the owner contract the same question on the same state. A signature that cannot be
 * read adds nothing; it is refused when verified.
 */
export async function withContractSignatureState(
  prestate: StateMap,
  item: QueueItem,
  provider: JsonRpcProvider,
  block: string,
): Promise<StateMap> {
  const calls: Array<{ to: string; data: string }> = [];
  for (const c of item.confirmations) {
    try {
      const [part] = decodeSafeSignatures(c.signature, 1);
      if (part?.kind === 'contract')
        calls.push(contractSignatureCall(item.safeTx, item.safeTxHash, c.owner, part.contractSignature ?? '0x'));
    } catch {
      // Unreadable: nothing to carry for it.
    }
  }
  if (calls.length === 0) return prestate;
  const reads = (await Promise.all(
    calls.map((call) => provider.send('debug_traceCall', [call, block, { tracer: 'prestateTracer' }])),
  )) as StateMap[];
  const merged: StateMap = Object.fromEntries(
    Object.entries(prestate).map(([a, s]) => [
      a.toLowerCase(),
      { ...s, ...(s.storage ? { storage: { ...s.storage } } : {}) },
    ]),
  );
  for (const read of reads) {
    for (const [address, account] of Object.entries(read)) {
      const into = (merged[address.toLowerCase()] ??= {});
      if (account.code !== undefined && into.code === undefined) into.code = account.code;
      if (account.balance !== undefined && into.balance === undefined) into.balance = account.balance;
      if (account.nonce !== undefined && into.nonce === undefined) into.nonce = account.nonce;
      // What the simulation read first stays: its values of a slot it overrode are the ones its replay expects.
      if (account.storage) into.storage = { ...account.storage, ...into.storage };
    }
  }
  return merged;
}
