import { z } from 'zod';

/**
 * A BIP-32 path typed by the guardian, as the CLI's --path takes it (44'/60'/0'/0/0, m/ or h allowed). The core
 * checks each segment's range again (parseLedgerPath): hw-app-eth silently skips a segment it cannot parse, so a
 * typo would sign with another account.
 */
export const derivationPath = z
  .string()
  .max(120)
  .regex(/^(m\/)?\d{1,10}['h]?(\/\d{1,10}['h]?){0,9}$/, "a derivation path such as 44'/60'/0'/0/0");

/** How many accounts of each layout (Ledger Live, legacy, BIP44) are searched for an owner, as --scan takes it. */
export const scanCount = z.number().int().min(1).max(9999);

/** Which Ledger account signs: one path, or the first `scan` accounts of each layout searched for an owner. */
export const ledgerAccount = z.union([
  z.object({ path: derivationPath }).strict(),
  z.object({ scan: scanCount }).strict(),
]);
