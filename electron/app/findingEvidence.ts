/** Evidence is for reading: one long value (a hostile revert string, a clash list) is cut, not sent whole. */
const MAX_VALUE = 400;
const MAX_ENTRIES = 16;

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'none';
  if (
    Array.isArray(value) &&
    value.every((v) => typeof v === 'string' || typeof v === 'bigint' || typeof v === 'number')
  )
    return value.map(String).join(', ');
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/**
 * A finding's evidence (whatever its rule kept: the contract, before and after, the path in a batch) as lines a
 * person reads beside the finding, in the order the rule wrote them.
 */
export function findingEvidence(evidence: Record<string, unknown>): Array<{ key: string; value: string }> {
  return Object.entries(evidence)
    .filter(([, v]) => v !== undefined)
    .slice(0, MAX_ENTRIES)
    .map(([key, v]) => {
      // An empty path is the transaction itself, not a missing value.
      const value = text(v) || (key === 'path' ? 'the transaction itself' : 'none');
      return { key, value: value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value };
    });
}
