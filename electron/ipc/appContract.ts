import { z } from 'zod';
import { empty } from './contractFields.js';

/** What the console is: its version, where it keeps its data, the Safe versions it knows. */
export const appContract = {
  'app.info': {
    request: empty,
    response: z.object({ version: z.string(), dataDir: z.string(), safeVersions: z.array(z.string()) }),
  },
};
