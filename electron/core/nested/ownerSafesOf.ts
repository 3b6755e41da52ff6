import { Contract, getAddress, JsonRpcProvider, Network } from 'ethers';
import { approvedHashSignature } from '../safe/safeSignature.js';
import { safeStateOnChain } from '../simulate/safeStateOnChain.js';
import type { Store } from '../store/openStore.js';
import { pendingApproval } from './approveWithOwnerSafe.js';

const outerSafeAbi = ['function approvedHashes(address owner, bytes32 hash) view returns (uint256)'];

/** An owner of the reviewed Safe that is itself a Safe, as this station knows it. */
export interface OwnerSafe {
  address: string;
  /** Its label when this console watches it on the outer Safe's chain; only a watched one can approve from here. */
  watched: boolean;
  label: string | null;
  owners: string[];
  threshold: number;
  /** Where owners and threshold come from: the chain now, or the owner Safe's last pull when there is no chain. */
  source: 'chain' | 'pulled';
  /**
   * approvedHashes(owner Safe, outer safeTxHash) on the outer Safe: true once its approveHash executed. Null when
   * the chain could not be asked: nothing here can tell.
   */
  approvedOnChain: boolean | null;
  /** Its approveHash of this transaction, stored and not yet executed: what its owners review and sign. */
  pendingApproval: string | null;
}

export interface OwnerSafes {
  outer: { chainId: bigint; safe: string; safeTxHash: string };
  ownerSafes: OwnerSafe[];
  /** Why the chain could not be read (no RPC here, or it did not answer): then only watched owner Safes show. */
  chainUnavailable: string | null;
}

function hostOf(rpcUrl: string): string {
  try {
    return new URL(rpcUrl).host || 'its RPC';
  } catch {
    return 'its RPC';
  }
}

/**
 * Which owners of a stored transaction's Safe are Safes: on the chain, an owner with code that answers getOwners
 * and getThreshold; without one, an owner this console watches and has pulled. Each says whether it has approved
 * the transaction on chain. A chain that says it has is kept as that owner's approved-hash confirmation, as an
 * execution here keeps it (recordNestedApproval), so the outer quorum counts an approval executed at another
 * station too; like any approved hash it counts only while the chain's approvedHashes agrees when it is read.
 */
export async function ownerSafesOf(
  store: Store,
  outerSafeTxHash: string,
  options: { provider?: JsonRpcProvider } = {},
): Promise<OwnerSafes> {
  const item = store.getQueueItem(outerSafeTxHash);
  const { chainId, safe } = item.safeTx;
  const outer = { chainId, safe: getAddress(safe), safeTxHash: item.safeTxHash.toLowerCase() };
  const owners = store.getSafeInfo(chainId, safe)?.owners ?? [];
  const rpcUrl = store.getWatchedSafe(chainId, safe)?.rpcUrl ?? null;
  const own =
    options.provider ??
    (rpcUrl ? new JsonRpcProvider(rpcUrl, Network.from(chainId), { staticNetwork: true }) : undefined);
  let chainUnavailable: string | null = own
    ? null
    : `Safe ${outer.safe} has no RPC at this station: only the owner Safes it watches are shown, and none can be asked whether it approved.`;
  try {
    const found: OwnerSafe[] = [];
    for (const owner of owners.map((o) => getAddress(o.toLowerCase()))) {
      const watched = store.getWatchedSafe(chainId, owner);
      const pulled = store.getSafeInfo(chainId, owner);
      let onChain: { owners: string[]; threshold: number } | null = null;
      let approvedOnChain: boolean | null = null;
      if (own && chainUnavailable === null) {
        try {
          if ((await own.getCode(owner)) === '0x') continue;
          // A contract that does not answer as a Safe (a 1271 wallet, a module) owns it some other way.
          onChain = await safeStateOnChain(own, owner).catch(() => null);
          if (!onChain) continue;
          const approved = (await new Contract(safe, outerSafeAbi, own).getFunction('approvedHashes')(
            owner,
            item.safeTxHash,
          )) as bigint;
          approvedOnChain = approved !== 0n;
        } catch (cause) {
          chainUnavailable = `The chain (${rpcUrl ? hostOf(rpcUrl) : 'its RPC'}) did not answer: ${(cause as Error).message}`;
        }
      }
      const known = onChain ?? (watched && pulled ? pulled : null);
      if (!known) continue;
      if (approvedOnChain && !item.confirmations.some((c) => c.owner.toLowerCase() === owner.toLowerCase()))
        store.addConfirmation(
          item.safeTxHash,
          {
            owner,
            signature: approvedHashSignature(owner),
            signatureType: 'APPROVED_HASH',
            submittedAt: new Date().toISOString(),
          },
          'local',
        );
      found.push({
        address: owner,
        watched: watched !== null,
        label: watched?.label ?? null,
        owners: known.owners.map((o) => getAddress(o.toLowerCase())),
        threshold: known.threshold,
        source: onChain ? 'chain' : 'pulled',
        approvedOnChain,
        pendingApproval: pendingApproval(store, item.safeTxHash, { chainId, address: owner })?.inner.safeTxHash ?? null,
      });
    }
    return { outer, ownerSafes: found, chainUnavailable };
  } finally {
    if (!options.provider) own?.destroy();
  }
}
