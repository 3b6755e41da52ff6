import { z } from 'zod';
import { readArtifactFiles } from '../decode/artifactFiles.js';
import type { KnownLayout } from './implementationFacts.js';

const layoutSchema = z.object({
  contractName: z.string(),
  deployedBytecode: z.string().regex(/^0x[0-9a-fA-F]*$/),
  storageLayout: z.object({
    storage: z.array(z.object({ label: z.string(), slot: z.string(), offset: z.number(), type: z.string() })),
    types: z
      .record(
        z.string(),
        z.object({ label: z.string(), encoding: z.string().optional(), numberOfBytes: z.string().optional() }),
      )
      .nullable(),
  }),
});

/**
 * The storage layouts of compiled contracts (contracts/artifacts/*.json with storageLayout): what names a
 * changed slot and tells a clashing upgrade. Files without a layout (ABIs, a cache key) are skipped.
 */
export function readArtifactLayouts(dir: string): KnownLayout[] {
  return readArtifactFiles(dir).flatMap(({ json }) => {
    const parsed = layoutSchema.safeParse(json);
    return parsed.success && parsed.data.deployedBytecode.length > 2 ? [parsed.data] : [];
  });
}
