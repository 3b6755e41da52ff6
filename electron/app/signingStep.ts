import type { StationProgress } from '../core/signing/signOnDevice.js';

/** One step of a signing as the renderer draws it: the stage, a line for a person, and what to compare. */
export interface SigningStep {
  stage: StationProgress['stage'];
  detail: string;
  /** What the Ledger will show and the guardian must compare, while it waits for approval. */
  compare: { domainHash?: string; messageHash?: string; safeTxHash?: string } | null;
}

const MODE_WORDS = {
  full: 'full EIP-712: the Ledger shows each field',
  hashed: 'hashed EIP-712: the Ledger shows two hashes',
  eth_sign: 'eth_sign, the last resort: the Ledger shows one hash',
} as const;

/** The words a signing's steps are shown with, the same in every view of the app. */
export function signingStep(progress: StationProgress): SigningStep {
  const step = (detail: string, compare: SigningStep['compare'] = null): SigningStep => ({
    stage: progress.stage,
    detail,
    compare,
  });
  switch (progress.stage) {
    case 'reviewing':
      return step(
        progress.from === 'bundle'
          ? "Reviewing again from the bundle's proven pre-state: nothing is signed unless the review can run."
          : 'Reviewing again on a fresh fork: nothing is signed unless the review can run.',
      );
    case 'waiting-for-device':
      return step('Waiting for the Ledger: plug it in, unlock it and open the Ethereum app.');
    case 'checking-address':
      return step(
        progress.onDevice
          ? `Check the Ledger: it shows its address at ${progress.path}. Approve only if it is ${progress.onDevice}, the owner this console chose.`
          : `Reading the owner's address at ${progress.path}.`,
      );
    case 'streaming':
      return step("Sending the transaction's fields to the Ledger.");
    case 'awaiting-approval':
      return step(
        `Approve on the Ledger only if it shows what is below (${MODE_WORDS[progress.mode]}).`,
        progress.compare,
      );
    case 'fallback':
      return step(`The Ledger cannot sign in ${progress.from} mode (${progress.reason}); using ${progress.to}.`);
    case 'verifying':
      return step("Checking the signature: it must be this owner's, over this transaction's hash.");
    case 'signed':
      return step(`Signed by ${progress.signer} (${progress.mode}), verified and stored.`);
  }
}
