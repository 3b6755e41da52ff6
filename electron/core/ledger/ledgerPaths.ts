import { GuardianError } from '../errors.js';

/**
 * The BIP-32 layouts wallets have used for Ethereum accounts on a Ledger:
 * - Ledger Live: 44'/60'/x'/0/0, one hardened account index per account.
 * - legacy (Ledger Chrome app, MyEtherWallet, MetaMask's "Ledger Legacy"): 44'/60'/0'/x.
 * - BIP44 standard (MetaMask's own accounts, Frame, Rabby, Trezor): 44'/60'/0'/0/x, the address index moving.
 * An owner key may sit on any, depending on which tool first set the Safe up. Account 0 of Ledger Live and of
 * BIP44 is the same path.
 */
export type LedgerPathStyle = 'ledger-live' | 'legacy' | 'bip44';

export const LEDGER_PATH_STYLES: readonly LedgerPathStyle[] = ['ledger-live', 'legacy', 'bip44'];

export function ledgerPath(style: LedgerPathStyle, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= 0x80000000) {
    throw new GuardianError('INVALID_INPUT', `Account index must be a whole number from 0, got ${index}.`);
  }
  if (style === 'ledger-live') return `44'/60'/${index}'/0/0`;
  return style === 'legacy' ? `44'/60'/0'/${index}` : `44'/60'/0'/0/${index}`;
}

const PATH_PATTERN = /^(m\/)?(\d+'?)(\/\d+'?){0,9}$/;

/** Checks a path typed by a person (`--path`): hw-app-eth silently skips segments it cannot parse. */
export function parseLedgerPath(path: string): string {
  const trimmed = path.trim().replace(/h/g, "'");
  if (!PATH_PATTERN.test(trimmed)) {
    throw new GuardianError('INVALID_INPUT', `"${path}" is not a derivation path; expected e.g. 44'/60'/0'/0/0.`);
  }
  const bare = trimmed.replace(/^m\//, '');
  for (const segment of bare.split('/')) {
    if (Number.parseInt(segment, 10) >= 0x80000000)
      throw new GuardianError('INVALID_INPUT', `Path segment ${segment} is out of range.`);
  }
  return bare;
}
