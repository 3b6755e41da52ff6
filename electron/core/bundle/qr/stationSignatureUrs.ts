import type { UR } from '@ngraveio/bc-ur';
import type { Store } from '../../store/openStore.js';
import { signaturesFile } from '../signaturesFile.js';
import { signatureUr, signatureUrText } from './signatureUr.js';

export interface StationSignatureUrs {
  safeTxHash: string;
  /** Per signature, in the order of the owners. */
  signatures: Array<{ owner: string; ur: UR; text: string }>;
}

/**
 * The signatures this station holds for one transaction, one eth-signature UR each: the same ones the
 * signatures file would carry, verified again as they are read (signaturesFile), so a refused one never leaves.
 */
export async function stationSignatureUrs(store: Store, hash: string): Promise<StationSignatureUrs> {
  const file = await signaturesFile(store, hash);
  return {
    safeTxHash: file.safeTxHash,
    signatures: file.confirmations.map((c) => {
      const ur = signatureUr(file.safeTxHash, c.signature);
      return { owner: c.owner, ur, text: signatureUrText(ur) };
    }),
  };
}
