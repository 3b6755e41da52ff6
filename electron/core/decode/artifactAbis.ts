import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { GuardianError } from '../errors.js';
import type { ArtifactAbi } from './abiSources.js';

const artifactSchema = z.object({ contractName: z.string().min(1), abi: z.array(z.unknown()) });

/**
 * The ABIs of the protocol's compiled contracts, every `*.json` in `dir` shaped { contractName, abi }. Other
 * JSON files there (a compiler cache key) are skipped; a file that is not JSON is refused, naming it.
 */
export function readArtifactAbis(dir: string): ArtifactAbi[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (cause) {
    throw new GuardianError('INVALID_FILE', `Cannot read the artifacts folder ${dir}: ${(cause as Error).message}`, { cause });
  }
  const artifacts: ArtifactAbi[] = [];
  for (const name of names) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (cause) {
      throw new GuardianError('INVALID_FILE', `${join(dir, name)} is not JSON: ${(cause as Error).message}`, { cause });
    }
    const parsed = artifactSchema.safeParse(json);
    if (parsed.success) artifacts.push({ contractName: parsed.data.contractName, abi: parsed.data.abi as never });
  }
  return artifacts;
}
