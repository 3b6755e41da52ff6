import { z } from 'zod';

/**
 * The device channel, kept apart from contract.ts. It pushes over the one invoke bridge the preload exposes (no
 * listener API to add to the renderer's surface): the renderer asks with the generation it last saw, and the main
 * process answers when plug or unplug makes a newer one, or after a while with the same one, to be asked again.
 */
export const devicesContract = {
  'devices.changed': {
    request: z.object({ after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict(),
    response: z.object({
      generation: z.number().int().min(0),
      /** The Ledgers plugged in now; their USB paths stay in the main process, the renderer needs only the model. */
      devices: z.array(
        z.object({
          model: z.string().nullable(),
          /** What this model means for signing a SafeTx (a Nano S never shows the fields); null when nothing. */
          note: z.string().nullable(),
        }),
      ),
      /** The last plug or unplug, for the screen to say it as it happens. */
      last: z.object({ type: z.enum(['connected', 'unplugged']), model: z.string().nullable() }).nullable(),
      /** Why the USB bus cannot be listed (Linux without Ledger's udev rules, say); null when it can. */
      listingError: z.string().nullable(),
    }),
  },
};
