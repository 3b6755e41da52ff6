import { getAddress } from 'ethers';
import type { Confirmation } from '../queue/queueItem.js';

export interface QuorumStatus {
  threshold: number;
  signed: string[];
  missing: string[];
  /** Confirmations from addresses that are not owners: shown, never counted. */
  strangers: string[];
  met: boolean;
}

/** Who has signed, who has not, and whether the Safe's threshold is reached, from verified confirmations. */
export function quorumStatus(owners: readonly string[], threshold: number, confirmations: readonly Confirmation[]): QuorumStatus {
  const ownerSet = new Map(owners.map((o) => [o.toLowerCase(), getAddress(o)]));
  const signed = new Set<string>();
  const strangers = new Set<string>();
  for (const c of confirmations) {
    const owner = ownerSet.get(c.owner.toLowerCase());
    if (owner) signed.add(owner);
    else strangers.add(getAddress(c.owner));
  }
  const missing = [...ownerSet.values()].filter((o) => !signed.has(o));
  return { threshold, signed: [...signed], missing, strangers: [...strangers], met: signed.size >= threshold };
}
