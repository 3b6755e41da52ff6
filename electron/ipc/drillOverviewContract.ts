import { z } from 'zod';
import { empty, severity } from './contractFields.js';

/** The drill screen before a drill runs: what ships, and the newest report (drillContract.ts follows a run). */
export const drillOverviewContract = {
  // The drills that ship, and the newest report under exports/ (guardian drill run writes it), or why it does not read.
  'drill.overview': {
    request: empty,
    response: z.object({
      scenarios: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          description: z.string(),
          guardians: z.number().int(),
          threshold: z.number().int(),
          steps: z.array(z.object({ label: z.string(), expect: z.enum(['execute', 'refuse']) })),
        }),
      ),
      latest: z
        .object({
          path: z.string(),
          html: z.string().nullable(),
          name: z.string(),
          startedAt: z.string(),
          signer: z.string(),
          steps: z.array(
            z.object({
              label: z.string(),
              expect: z.enum(['execute', 'refuse']),
              outcome: z.enum(['executed', 'refused', 'stalled']),
              worst: severity.nullable(),
              headline: z.string().nullable(),
              quorumMs: z.number().nullable(),
              executionMs: z.number().nullable(),
              passed: z.boolean(),
            }),
          ),
          figures: z.object({
            passed: z.number().int(),
            steps: z.number().int(),
            trapsRefused: z.number().int(),
            trapsSigned: z.number().int(),
            worstQuorumMs: z.number().nullable(),
            quorumTargetMs: z.number(),
            targetsMet: z.boolean(),
          }),
        })
        .nullable(),
      latestFailure: z.string().nullable(),
    }),
  },
};
