import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { GuardianError } from '../errors.js';
import type { KnownLayout } from './implementationFacts.js';

const layoutSchema = z.object({
  contractName: z.string(),
  deployedBytecode: z.string().regex(/^0x[0-9a-fA-F]*$/),
  storageLayout: z.object({
    storage: z.array(z.object({ label: z.string(), slot: z.string(), offset: z.number(), type: z.string() })),
    types: z.record(z.string(), z.object({ label: z.string(), encoding: z.string().optional(), numberOfBytes: z.string().optional() })).nullable(),
  }),
});

/**
 * The storage layouts of compiled contracts (contracts/artifacts/*.json with storageLayout): what names a
 * changed slot and tells a clashing upgrade. Files without a layout (ABIs, a cache key) are skipped.
 */
export function readArtifactLayouts(dir: string): KnownLayout[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (cause) {
    throw new GuardianError('INVALID_FILE', `Cannot read the artifacts folder ${dir}: ${(cause as Error).message}`, { cause });
  }
  const layouts: KnownLayout[] = [];
  for (const name of names) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (cause) {
      throw new GuardianError('INVALID_FILE', `${join(dir, name)} is not JSON: ${(cause as Error).message}`, { cause });
    }
    const parsed = layoutSchema.safeParse(json);
    if (parsed.success && parsed.data.deployedBytecode.length > 2) layouts.push(parsed.data);
  }
  return layouts;
}
