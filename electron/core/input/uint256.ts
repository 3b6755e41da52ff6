import { z } from 'zod';
import { fitsUint256 } from './fitsUint256.js';

export { MAX_UINT256, fitsUint256 } from './fitsUint256.js';

/**
 * A decimal whole number a uint256 can hold, as files, IPC and the store write one. Checked at the edge: past
 * it, ethers' encoders throw a bare TypeError on 2^300, which the console would show as its own bug. At most
 * 78 digits before BigInt runs, so ten megabytes of digits cost nothing.
 */
const TOO_LARGE = 'larger than a uint256 can hold (2^256 - 1)';
export const decimalUint256 = z
  .string()
  .regex(/^[0-9]+$/, 'not a decimal whole number')
  .refine((v) => v.replace(/^0+/, '').length <= 78, TOO_LARGE)
  .transform((v) => BigInt(v))
  .refine(fitsUint256, TOO_LARGE);
