import { z } from 'zod';
import { address, decimal, hex32 } from './contractFields.js';

/** Executing a transaction whose threshold is met: what it would cost, sending it, and its steps while it runs. */
export const executeContract = {
  // Once the threshold is met: sent from a Ledger account after a last simulation (executeQueueItem).
  'queue.execute': {
    // The Ledger Live account that sends and pays for gas (44'/60'/n'/0/0); it need not be an owner.
    request: z.object({ safeTxHash: hex32, account: z.number().int().min(0).max(99) }).strict(),
    response: z.object({ transactionHash: hex32, success: z.boolean() }),
  },
  // Before executing: who would send it (the account's address on the Ledger), what it holds, and the gas the
  // execution is estimated to take with the signatures held here, read by the main process from the chain.
  'queue.executePreview': {
    request: z.object({ safeTxHash: hex32, account: z.number().int().min(0).max(99) }).strict(),
    response: z.object({
      sender: address,
      path: z.string(),
      balance: decimal,
      /** The balance in the chain's native units ("1.5 ETH"-like, "native" where the symbol is not known). */
      balanceShown: z.string(),
      gasEstimate: decimal.nullable(),
      /** The most it would cost at the current fees (gas limit as sent × max fee), in native units. */
      maxCostShown: z.string().nullable(),
      /** Why the estimate could not be made (too few signatures, the call would revert). */
      estimateFailure: z.string().nullable(),
    }),
  },
  'queue.executeProgress': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({
      steps: z
        .array(
          z.object({
            stage: z.enum(['checking-chain', 'final-simulation', 'awaiting-approval', 'broadcast', 'mined']),
            detail: z.string(),
          }),
        )
        .nullable(),
    }),
  },
};
