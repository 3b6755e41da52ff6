import { JsonRpcProvider, keccak256, Network } from 'ethers';
import { carriedSignatureEvidence } from './carriedSignatureEvidence.js';
import { isGuardianError } from '../errors.js';
import { chainSignatureEvidence } from '../safe/chainSignatureEvidence.js';
import { confirmationVerdict, type ConfirmationVerdict, type SignatureEvidence } from '../safe/confirmationVerdict.js';
import type { Store } from '../store/openStore.js';
import type { StoredConfirmation, StoredQueueItem } from '../store/queueItems.js';
import { quorumStatus, type QuorumStatus } from '../safe/quorum.js';

export type StoredVerdict = ConfirmationVerdict<StoredConfirmation>;

export interface VerifiedConfirmations {
  item: StoredQueueItem;
  verdicts: StoredVerdict[];
  /** Null when the Safe's owners have not been pulled here: then nothing counts. */
  quorum: QuorumStatus | null;
  /** Where approved hashes and contract signatures were checked, or null when nowhere could. */
  evidence: string | null;
}

export interface VerifyOptions {
  /** Never ask the chain, even when the Safe has an RPC here (guardian queue --offline). */
  offline?: boolean;
  /** Evidence the caller already holds (a provider it is executing on); otherwise chosen as below. */
  evidence?: SignatureEvidence | null;
  /** The owners as the chain has them now (executing), instead of those last pulled. */
  owners?: readonly string[];
}

function hostOf(rpcUrl: string): string {
  try {
    return new URL(rpcUrl).host || 'its RPC';
  } catch {
    return 'its RPC';
  }
}

/**
 * The Safe's RPC when this station has one (online), else the pre-state a review bundle carried (air-gapped),
 * else nothing: then approved hashes and contract signatures stay unverified.
 */
function chooseEvidence(
  store: Store,
  item: StoredQueueItem,
  offline: boolean,
): { evidence: SignatureEvidence | null; close(): void } {
  const watched = store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe);
  if (!offline && watched?.rpcUrl) {
    const provider = new JsonRpcProvider(watched.rpcUrl, Network.from(item.safeTx.chainId), { staticNetwork: true });
    return {
      evidence: chainSignatureEvidence(provider, item.safeTx, hostOf(watched.rpcUrl)),
      close: () => provider.destroy(),
    };
  }
  let carried = null;
  try {
    carried = store.getCarriedState(item.safeTxHash);
  } catch (error) {
    // A kept pre-state that no longer reads is reported where it is replayed; here it is simply no evidence.
    if (!isGuardianError(error)) throw error;
  }
  return {
    evidence: carried
      ? carriedSignatureEvidence(
          carried,
          item.safeTx,
          store.getSafeInfo(item.safeTx.chainId, item.safeTx.safe) ?? undefined,
        )
      : null,
    close: () => {},
  };
}

/**
 * Each refusal is audited once: a store read many times a day must not fill its log with the same line, yet a
 * new signature for the same owner (edited again, or sent again) is a new entry.
 */
function auditRefusals(store: Store, item: StoredQueueItem, verdicts: readonly StoredVerdict[]): void {
  const refused = verdicts.filter((v) => v.status === 'refused');
  if (refused.length === 0) return;
  try {
    const known = new Set(
      store
        .listAudit({ safeTxHash: item.safeTxHash, kind: 'confirmation-refused' })
        .map((e) => `${String(e.details?.['owner']).toLowerCase()}:${String(e.details?.['signatureHash'])}`),
    );
    for (const v of refused) {
      const signatureHash = keccak256(v.confirmation.signature);
      if (known.has(`${v.owner.toLowerCase()}:${signatureHash}`)) continue;
      store.appendAudit({
        kind: 'confirmation-refused',
        safeTxHash: item.safeTxHash,
        actor: v.owner,
        details: { owner: v.owner, origin: v.confirmation.origin, kind: v.kind, reason: v.reason, signatureHash },
      });
      known.add(`${v.owner.toLowerCase()}:${signatureHash}`);
    }
  } catch (error) {
    // A read-only store still shows the refusal; it only cannot record it.
    if (!isGuardianError(error)) throw error;
  }
}

/**
 * The stored confirmations of one transaction, each verified again as it is read (a row edited on disk is
 * judged by what it now holds), against the owners and the safeTxHash computed here. What reads signatures to
 * count, export or post goes through here, never through the store directly.
 */
export async function verifiedConfirmations(
  store: Store,
  safeTxHash: string,
  options: VerifyOptions = {},
): Promise<VerifiedConfirmations> {
  const item = store.getQueueItem(safeTxHash);
  const pulled = store.getSafeInfo(item.safeTx.chainId, item.safeTx.safe);
  const info = pulled && options.owners ? { ...pulled, owners: [...options.owners] } : pulled;
  if (!info) {
    const reason = `The owners of Safe ${item.safeTx.safe} have not been pulled here, so no signature can be checked.`;
    return {
      item,
      verdicts: item.confirmations.map((c) => ({
        confirmation: c,
        owner: c.owner,
        kind: null,
        status: 'unverified',
        reason,
      })),
      quorum: null,
      evidence: null,
    };
  }
  const needsEvidence = options.evidence === undefined && item.confirmations.length > 0;
  const chosen = needsEvidence
    ? chooseEvidence(store, item, options.offline ?? false)
    : { evidence: options.evidence ?? null, close: () => {} };
  try {
    const verdicts = await Promise.all(
      item.confirmations.map((c) => confirmationVerdict(item.safeTxHash, c, info.owners, chosen.evidence)),
    );
    auditRefusals(store, item, verdicts);
    return {
      item,
      verdicts,
      quorum: quorumStatus(info.owners, info.threshold, verdicts),
      evidence: chosen.evidence?.source ?? null,
    };
  } finally {
    chosen.close();
  }
}

/** The confirmations that may leave this machine (exported, carried, posted): every one not refused. */
export const leavingConfirmations = (verified: VerifiedConfirmations): StoredConfirmation[] =>
  verified.verdicts.filter((v) => v.status !== 'refused').map((v) => v.confirmation);
