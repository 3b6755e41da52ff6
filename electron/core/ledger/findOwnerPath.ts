import { getAddress } from 'ethers';
import { GuardianError } from '../errors.js';
import type { LedgerEthApp } from './ethApp.js';
import { LEDGER_PATH_STYLES, ledgerPath, type LedgerPathStyle } from './ledgerPaths.js';

export interface OwnerPath {
  path: string;
  address: string;
  style: LedgerPathStyle;
  index: number;
}

export interface FindOwnerPathOptions {
  /** How many account indexes to try per style (default 5). */
  scan?: number;
  styles?: readonly LedgerPathStyle[];
  onProgress?: (checked: { path: string; address: string }) => void;
}

/**
 * The first path on this Ledger whose address is an owner of the Safe. Indexes are tried lowest first,
 * both styles at each index, so the account most likely meant is found first.
 */
export async function findOwnerPath(
  app: LedgerEthApp,
  owners: readonly string[],
  options: FindOwnerPathOptions = {},
): Promise<OwnerPath> {
  const scan = options.scan ?? 5;
  if (!Number.isInteger(scan) || scan < 1)
    throw new GuardianError('INVALID_INPUT', `The number of paths to scan must be at least 1, got ${scan}.`);
  const styles = options.styles ?? LEDGER_PATH_STYLES;
  const ownerSet = new Set(owners.map((o) => getAddress(o).toLowerCase()));
  let checked = 0;
  const asked = new Set<string>();
  for (let index = 0; index < scan; index++) {
    for (const style of styles) {
      const path = ledgerPath(style, index);
      // Ledger Live's and BIP44's first account share a path: one question to the device is enough.
      if (asked.has(path)) continue;
      asked.add(path);
      const { address } = await app.getAddress(path);
      checked++;
      options.onProgress?.({ path, address });
      if (ownerSet.has(address.toLowerCase())) return { path, address, style, index };
    }
  }
  throw new GuardianError(
    'NOT_FOUND',
    `None of the ${checked} addresses on this Ledger (the first ${scan} ${styles.join(' and ')} paths) is an owner of this Safe. Check this is the right Ledger (and passphrase), or scan more paths.`,
    { details: { scanned: checked, styles: [...styles], owners: [...owners].map((o) => getAddress(o)) } },
  );
}
