import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GuardianError } from '../errors.js';
import { readJsonFile } from '../input/jsonFile.js';

/**
 * Every `*.json` in a compiled-artifacts folder, parsed, in name order: the one reader behind the ABIs the
 * decoder trusts and the storage layouts the risk diff names slots by. A file that is not JSON is refused,
 * naming it; what each file must hold is for its reader to say.
 */
export function readArtifactFiles(dir: string): Array<{ path: string; json: unknown }> {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch (cause) {
    throw new GuardianError('INVALID_FILE', `Cannot read the artifacts folder ${dir}: ${(cause as Error).message}`, {
      cause,
    });
  }
  return names.map((name) => {
    const path = join(dir, name);
    return { path, json: readJsonFile(path) };
  });
}
