import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { GuardianError } from '../../errors.js';
import { MAX_JSON_BYTES } from '../../input/jsonLimits.js';
import { megabytes, parseJsonText } from '../../input/jsonText.js';
import { parseErc7730Descriptor, type Erc7730Descriptor } from './erc7730Descriptor.js';

export interface DescriptorFile {
  path: string;
  /** The file's bytes as read, hashed: what the guardian trusted is exactly what is stored. */
  text: string;
  sha256: string;
  descriptor: Erc7730Descriptor;
}

/** A descriptor file the guardian chose to trust, read once: its bytes hashed, then parsed and checked. */
export function readDescriptorFile(path: string): DescriptorFile {
  const full = resolve(path);
  let bytes: Buffer;
  try {
    if (statSync(full).size > MAX_JSON_BYTES)
      throw new GuardianError(
        'INVALID_FILE',
        `${path} is larger than ${megabytes(MAX_JSON_BYTES)}; no descriptor is that large.`,
        { details: { where: path } },
      );
    bytes = readFileSync(full);
  } catch (cause) {
    if (cause instanceof GuardianError) throw cause;
    throw new GuardianError('INVALID_FILE', `Cannot read ${path}: ${(cause as Error).message}`, {
      cause,
      details: { where: path },
    });
  }
  const text = bytes.toString('utf8');
  const descriptor = parseErc7730Descriptor(parseJsonText(text, path), path);
  return { path: full, text, sha256: createHash('sha256').update(bytes).digest('hex'), descriptor };
}
