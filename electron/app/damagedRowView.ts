import type { GuardianError } from '../core/errors.js';
import type { DamagedRowView } from '../ipc/contract.js';

/** A damaged store row as the renderer shows it: its table, its key, and the store's sentence about it. */
export function damagedRowView(error: GuardianError): DamagedRowView {
  return {
    table: String(error.details?.['table'] ?? '?'),
    key: String(error.details?.['key'] ?? '?'),
    reason: error.message,
  };
}
