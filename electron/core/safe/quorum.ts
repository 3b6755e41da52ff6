import { getAddress } from 'ethers';
import type { ConfirmationVerdict } from './confirmationVerdict.js';

/** A confirmation that does not count, and why, for a person to read. */
export interface UncountedConfirmation {
  owner: string;
  reason: string;
}

export interface QuorumStatus {
  threshold: number;
  /** Owners whose signature is proven over the hash computed here: the only ones counted. */
  signed: string[];
  missing: string[];
  /** Approved hashes and contract signatures nothing here could check: shown, never counted. */
  unverified: UncountedConfirmation[];
  /** Proven wrong (not an owner, another key or hash, a state that says no): never counted, exported or posted. */
  refused: UncountedConfirmation[];
  /** Refused confirmations from addresses that are not owners. */
  strangers: string[];
  met: boolean;
}

/**
 * Who has signed, who has not, and whether the Safe's threshold is reached, from verdicts on every confirmation
 * (confirmationVerdict): only a valid one from an owner counts, once per owner.
 */
export function quorumStatus(
  owners: readonly string[],
  threshold: number,
  verdicts: readonly ConfirmationVerdict[],
): QuorumStatus {
  const ownerSet = new Map(owners.map((o) => [o.toLowerCase(), getAddress(o.toLowerCase())]));
  const signed = new Set<string>();
  const strangers = new Set<string>();
  const unverified: UncountedConfirmation[] = [];
  const refused: UncountedConfirmation[] = [];
  for (const v of verdicts) {
    const owner = ownerSet.get(v.owner.toLowerCase());
    if (!owner) {
      strangers.add(v.owner);
      refused.push({ owner: v.owner, reason: v.reason ?? `${v.owner} is not an owner of this Safe.` });
    } else if (v.status === 'valid') signed.add(owner);
    else (v.status === 'refused' ? refused : unverified).push({ owner, reason: v.reason ?? v.status });
  }
  const missing = [...ownerSet.values()].filter((o) => !signed.has(o));
  return {
    threshold,
    signed: [...signed],
    missing,
    unverified,
    refused,
    strangers: [...strangers],
    met: signed.size >= threshold,
  };
}
