import { z } from 'zod';
import { SEVERITIES } from '../core/primitives/severity.js';

/** The field schemas many channels share, so a hash or an address is checked the same way on every channel. */
export const empty = z.object({}).strict();
export const hex32 = z.string().regex(/^0x[0-9a-f]{64}$/);
export const anyCaseHex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/);
export const decimal = z.string().regex(/^[0-9]+$/);
export const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
export const severity = z.enum(SEVERITIES);
export const httpUrl = z
  .string()
  .max(2048)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');
