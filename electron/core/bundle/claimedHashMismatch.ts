import { GuardianError } from '../errors.js';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxToJson } from '../safe/safeTxJson.js';

/**
 * A claimed safeTxHash its fields do not give. A hash cannot say which of its inputs changed, and in a bundle
 * with no field list signed nothing else can: every field it covers is shown, by its path in the file, for a
 * guardian to compare with a second source. (A signed field list was compared before: if it got here, the
 * producer signed the disagreement itself.)
 */
export function claimedHashMismatch(
  name: string,
  safeTx: SafeTx,
  claimed: string,
  computed: string,
  signed: 'none' | 'whole' | 'fields',
): GuardianError {
  const hashFields = Object.keys(safeTxToJson(safeTx)).map((k) => `safeTx.${k}`);
  const values = Object.entries(safeTxToJson(safeTx))
    .map(([k, v]) => `safeTx.${k} ${String(v).length > 66 ? `${String(v).slice(0, 66)}…` : String(v)}`)
    .join(', ');
  const why = {
    none: 'the claim or one of these fields was edited, and with no producer signature to compare against this station cannot tell which',
    whole:
      "the claim or one of these fields was edited, and this station cannot tell which: its producer's signature covers the whole file at once, not each field",
    fields: 'its producer signed the claim and these fields as they are: the bundle was wrong when it was signed',
  }[signed];
  return new GuardianError(
    'HASH_MISMATCH',
    `${name} is refused: safeTx: the bundle says its safeTxHash is ${claimed} (claimedSafeTxHash), but with these fields it is ${computed} (${values}): ${why}. Compare them with a second source. Do not sign it.`,
    { details: { bundleField: 'safeTx', claimed, computed, hashFields: [...hashFields, 'claimedSafeTxHash'] } },
  );
}
