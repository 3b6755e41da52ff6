import { createHash } from 'node:crypto';
import safeOwnCalls from './safeOwnCalls.erc7730.json' with { type: 'json' };
import { parseErc7730Descriptor } from './erc7730Descriptor.js';
import type { TrustedDescriptor } from './trustedDescriptors.js';

const FILE = 'electron/core/decode/erc7730/safeOwnCalls.erc7730.json';

/**
 * The descriptor the console carries for a Safe's calls to itself (owners, threshold, modules, guard). Its hash is
 * of the JSON as shipped, so a review names exactly which words it used.
 */
export const SHIPPED_DESCRIPTORS: readonly TrustedDescriptor[] = [
  {
    descriptor: parseErc7730Descriptor(safeOwnCalls, FILE, { ownSafe: true }),
    provenance: {
      file: FILE,
      sha256: createHash('sha256').update(JSON.stringify(safeOwnCalls)).digest('hex'),
      addedAt: 'with this console',
      addedBy: 'shipped',
    },
  },
];
