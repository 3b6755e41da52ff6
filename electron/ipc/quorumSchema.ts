import { z } from 'zod';
import { address } from './contractFields.js';

// Only proven signatures count; refused (not an owner's, another key or hash, disproved by the state) and
// unverified ones (nothing here could check them) are named with the reason.
export const quorum = z.object({
  threshold: z.number().int().min(1),
  signed: z.array(address),
  missing: z.array(address),
  refused: z.array(z.object({ owner: z.string(), reason: z.string() })),
  unverified: z.array(z.object({ owner: z.string(), reason: z.string() })),
  met: z.boolean(),
});
