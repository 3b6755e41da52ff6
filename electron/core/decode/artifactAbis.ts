import { z } from 'zod';
import type { ArtifactAbi } from './abiSources.js';
import { readArtifactFiles } from './artifactFiles.js';

const artifactSchema = z.object({ contractName: z.string().min(1), abi: z.array(z.unknown()) });

/**
 * The ABIs of the protocol's compiled contracts, every `*.json` in `dir` shaped { contractName, abi }. Other
 * JSON files there (a compiler cache key) are skipped.
 */
export function readArtifactAbis(dir: string): ArtifactAbi[] {
  return readArtifactFiles(dir).flatMap(({ json }) => {
    const parsed = artifactSchema.safeParse(json);
    return parsed.success ? [{ contractName: parsed.data.contractName, abi: parsed.data.abi as never }] : [];
  });
}
