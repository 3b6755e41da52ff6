import { LEDGER_MODELS } from './ledgerModels.js';

/** What one Ledger model can show for a Safe transaction, in words the review screen and the CLI can print as is. */
export interface ModelSigningModes {
  model: string;
  /** When the device lists the SafeTx's fields itself (full EIP-712). */
  full: string;
  /** When it shows the domain and message hashes to compare (hashed EIP-712). */
  hashed: string;
  caveat: string | null;
}

/**
 * The model table (ledgerModels.ts) read for a guardian before plugging in: which screen they will compare on
 * their own device, so a Nano S owner knows to read the two hashes, not to wait for the fields.
 */
export function modelSigningModes(): ModelSigningModes[] {
  return LEDGER_MODELS.map((m) => ({
    model: m.name,
    full:
      m.fullFrom === null
        ? 'never: hashed mode only'
        : m.fullAtEveryVersion
          ? 'every Ethereum app it runs'
          : `Ethereum app ${m.fullFrom} or later`,
    hashed: `Ethereum app ${m.hashedFrom} or later`,
    caveat: m.appVersionCaveat ?? null,
  }));
}
