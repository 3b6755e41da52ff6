/**
 * An ISO-8601 timestamp as a service or file claims it, read strictly: Date.parse alone takes "1", "May 5" and
 * local-time forms that mean different instants on different stations, and a figure built on one would differ
 * between two guardians looking at the same transaction.
 */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function claimedTime(value: string | null | undefined): number | null {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return null;
  // Sub-millisecond digits (the service sends microseconds) are beyond what Date keeps; drop them before parsing.
  const ms = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isFinite(ms) ? ms : null;
}
