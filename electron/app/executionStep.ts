import type { ExecutionProgress } from '../core/signing/executeQueueItem.js';

/** One step of an execution as the renderer draws it. */
export interface ExecutionStep {
  stage: ExecutionProgress['stage'];
  detail: string;
}

/** The words an execution's steps are shown with. */
export function executionStep(progress: ExecutionProgress): ExecutionStep {
  const step = (detail: string): ExecutionStep => ({ stage: progress.stage, detail });
  switch (progress.stage) {
    case 'checking-chain':
      return step(
        "Reading the Safe's owners, threshold and nonce from the chain, and checking every signature as it will.",
      );
    case 'final-simulation':
      return step('Running the exact execution once more: nothing is sent if it would fail.');
    case 'awaiting-approval':
      return step(
        `Approve on the Ledger: a transaction to the Safe ${progress.to}, from your account's nonce ${progress.nonce}.`,
      );
    case 'broadcast':
      return step(`Sent as ${progress.transactionHash}; waiting for it to be mined.`);
    case 'mined':
      return step(
        progress.success
          ? `Mined in block ${progress.blockNumber}: the Safe executed it.`
          : `Mined in block ${progress.blockNumber}, but the Safe reported its inner call failed.`,
      );
  }
}
