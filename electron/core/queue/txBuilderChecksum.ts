import { keccak256, toUtf8Bytes } from 'ethers';

/**
 * The Safe Transaction Builder's batch checksum: keccak256 of a canonical serialisation (object keys sorted,
 * each object opened by the JSON of its key list), with meta.name nulled because users rename files.
 * Reimplemented from the Transaction Builder's documented algorithm so a batch edited after export is caught.
 */
function serialise(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    let out = `{${JSON.stringify(keys)}`;
    for (const key of keys) out += `${serialise((value as Record<string, unknown>)[key])},`;
    return `${out}}`;
  }
  return JSON.stringify(value === undefined ? null : value);
}

export function txBuilderChecksum(batch: { meta?: Record<string, unknown> } & Record<string, unknown>): string {
  const { checksum: _ignored, ...meta } = batch.meta ?? {};
  return keccak256(toUtf8Bytes(serialise({ ...batch, meta: { ...meta, name: null } })));
}
