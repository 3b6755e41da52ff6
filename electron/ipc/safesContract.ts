import { z } from 'zod';
import { address, decimal, empty, hex32, httpUrl } from './contractFields.js';

/** A stored row that does not read back (edited by hand, a bad restore): named by itself, the rest still shown. */
export const damagedRow = z.object({ table: z.string(), key: z.string(), reason: z.string() });
export type DamagedRowView = z.infer<typeof damagedRow>;

const watchedSafe = z.object({
  chainId: decimal,
  address: z.string(),
  label: z.string().nullable(),
  serviceUrl: z.string().nullable(),
  rpcUrl: z.string().nullable(),
  owners: z.array(z.string()).nullable(),
  threshold: z.number().nullable(),
  nonce: decimal.nullable(),
  version: z.string().nullable(),
  /** Proposal to execution over its executed transactions kept here (governanceLatency): execution times by block where checked on the chain. */
  latency: z.object({
    executed: z.number().int().nonnegative(),
    measured: z.number().int().nonnegative(),
    checkedOnChain: z.number().int().nonnegative(),
    medianMs: z.number().nonnegative().nullable(),
    p90Ms: z.number().nonnegative().nullable(),
    last: z.array(
      z.object({
        safeTxHash: hex32,
        nonce: decimal,
        executedAt: z.string(),
        executedAtSource: z.enum(['chain', 'service']),
        latencyMs: z.number().nonnegative(),
      }),
    ),
  }),
});
export type WatchedSafeView = z.infer<typeof watchedSafe>;

/** The Safes this station watches, and watching one more. */
export const safesContract = {
  'safes.list': { request: empty, response: z.array(watchedSafe) },
  // The watched-Safe rows safes.list leaves out because they do not read back, each named with what is wrong.
  'safes.damaged': { request: empty, response: z.array(damagedRow) },
  // Watch a Safe from the app, as guardian safe add does (watchSafe): the RPC must answer with this chain id.
  'safes.watch': {
    request: z
      .object({
        chainId: z.string().regex(/^[1-9][0-9]{0,19}$/, 'must be a chain id above 0'),
        address,
        serviceUrl: httpUrl.nullable(),
        rpcUrl: httpUrl.nullable(),
        label: z
          .string()
          .trim()
          .min(1)
          .max(80)
          .regex(/^[^\u0000-\u001f]+$/)
          .nullable(),
      })
      .strict(),
    response: watchedSafe,
  },
};
