import { keccak256, toUtf8Bytes } from 'ethers';
import { GuardianError } from '../errors.js';
import { MAX_JSON_DEPTH } from '../input/jsonLimits.js';

/**
 * The Safe Transaction Builder's batch checksum (apps/tx-builder/src/lib/checksum.ts): keccak256 of the UTF-8
 * of a canonical serialisation in which every object is written as `{` + JSON of its sorted key list + each
 * value followed by `,` + `}`, undefined becoming null. meta.checksum is left out; current builders also null
 * meta.name so a renamed batch still validates, older ones (before that change) hashed the name too.
 *
 * It is a checksum, not a signature: it catches a batch edited by hand or damaged in transit, not an attacker,
 * who can recompute it. The hashes a guardian compares are what protects the signature.
 */
function serialise(value: unknown, depth = 0): string {
  // Bounded: the batch is untrusted, and a 50,000-deep `meta` would overflow the stack here. Files come through
  // the JSON reader, which refuses that nesting already; this holds for any object handed in.
  if (depth > MAX_JSON_DEPTH)
    throw new GuardianError(
      'INVALID_FILE',
      `The Transaction Builder batch nests objects or arrays more than ${MAX_JSON_DEPTH} deep; no batch does.`,
    );
  if (Array.isArray(value)) return `[${value.map((v) => serialise(v, depth + 1)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    let out = `{${JSON.stringify(keys)}`;
    for (const key of keys) out += `${serialise((value as Record<string, unknown>)[key], depth + 1)},`;
    return `${out}}`;
  }
  return JSON.stringify(value === undefined ? null : value);
}

function withoutChecksum(batch: Record<string, unknown>): { meta: Record<string, unknown> } & Record<string, unknown> {
  const { checksum: _checksum, ...meta } = (batch['meta'] ?? {}) as Record<string, unknown>;
  return { ...batch, meta };
}

/** The checksum current Transaction Builders write (meta.name nulled). */
export function txBuilderChecksum(batch: Record<string, unknown>): string {
  const b = withoutChecksum(batch);
  return keccak256(toUtf8Bytes(serialise({ ...b, meta: { ...b.meta, name: null } })));
}

/** Whether meta.checksum matches the batch under the current algorithm or the older one that kept the name. */
export function txBuilderChecksumMatches(batch: Record<string, unknown>, checksum: string): boolean {
  const claimed = checksum.toLowerCase();
  return txBuilderChecksum(batch) === claimed || keccak256(toUtf8Bytes(serialise(withoutChecksum(batch)))) === claimed;
}
