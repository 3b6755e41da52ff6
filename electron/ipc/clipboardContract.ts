import { z } from 'zod';
import { address, hex32 } from './contractFields.js';

/** Copying to the clipboard, narrowed to what the main process can vouch for. */
export const clipboardContract = {
  // Only a hash, in either spelling, or an address the main process itself showed in this transaction's latest
  // review: a renderer must not be able to plant an address or a command on the clipboard.
  'clipboard.writeHash': {
    request: z.union([
      z.object({ text: z.string().regex(/^0x[0-9a-fA-F]{64}$/) }).strict(),
      z.object({ address, safeTxHash: hex32 }).strict(),
    ]),
    response: z.object({ written: z.literal(true) }),
  },
};
