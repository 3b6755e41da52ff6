import { keccak256, toUtf8Bytes } from 'ethers';

/**
 * JSON with every object's keys sorted and no whitespace: one text for one value, whatever order or spacing a
 * file was written in, so a digest of it changes only when a value does.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The review bundle's digest, as bundles were signed before they listed their fields: keccak256 of the canonical
 * JSON of everything the file holds but its `producer` (the signature over this digest, which cannot cover itself).
 * Every other key counts, known or not, so nothing can be added to a signed bundle either.
 */
export function bundleDigest(json: object): string {
  const { producer: _producer, ...signed } = json as Record<string, unknown>;
  return keccak256(toUtf8Bytes(canonicalJson(signed)));
}

/**
 * The text the exporting guardian's Ledger signed before bundles listed their fields (EIP-191 personal_sign),
 * kept so those bundles still import: printable ASCII with no line breaks (the Ethereum app shows anything else as
 * hex), so the device shows words, not a blind hash, and never 32 bytes alone, so such a signature cannot pass as a
 * Safe eth_sign signature over some safeTxHash.
 */
export function bundleSigningMessage(safeTxHash: string, digest: string): string {
  return `Guardian review bundle of safeTxHash ${safeTxHash.toLowerCase()} with digest ${digest.toLowerCase()}`;
}

/**
 * The text the exporting guardian's Ledger signs over a bundle's field list (bundleFields.ts), in the same shape
 * for the same reasons. Its words differ from bundleSigningMessage's, so a signature over one is never read as a
 * signature over the other: a whole-file digest cannot be passed off as a field list's, nor the reverse.
 */
export function bundleFieldsSigningMessage(safeTxHash: string, fieldListDigest: string): string {
  return `Guardian review bundle of safeTxHash ${safeTxHash.toLowerCase()} with field list digest ${fieldListDigest.toLowerCase()}`;
}
