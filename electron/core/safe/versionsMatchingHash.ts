import type { SafeTx } from './safeTx.js';
import { safeTxHash } from './safeTxHash.js';
import { normaliseSafeVersion, SAFE_VERSION_RULES } from './safeVersions.js';

/**
 * The other Safe versions under whose rules these very fields hash to `claimed`. When a claim disagrees but
 * one of these agrees, the fields are what was claimed and the version given here is likely wrong (a typed
 * --safe-version, a stale pull): worth saying, so a guardian does not read a typo as tampering. The transaction
 * stays refused either way: which version the Safe runs is a fact of its chain, not of the claim.
 */
export function versionsMatchingHash(tx: SafeTx, claimed: string): string[] {
  const given = normaliseSafeVersion(tx.safeVersion);
  return SAFE_VERSION_RULES.map((r) => r.version).filter(
    (version) =>
      version !== given && safeTxHash({ ...tx, safeVersion: version }).toLowerCase() === claimed.toLowerCase(),
  );
}

/** "1.3.0, 1.4.1 or 1.5.0", as a message names them. */
export function versionList(versions: readonly string[]): string {
  return versions.length < 2 ? (versions[0] ?? '') : `${versions.slice(0, -1).join(', ')} or ${versions.at(-1)}`;
}
