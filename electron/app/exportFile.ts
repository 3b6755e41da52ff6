import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a file for a guardian to carry to another station (a review bundle, signatures) into the store's
 * folder, under exports/, and says where: the main process owns the disk, the renderer only shows the path.
 * Never overwrites: a second export of the same thing gets the time in its name.
 */
export function exportFile(dataDir: string, name: string, content: object): string {
  const dir = join(dataDir, 'exports');
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(content, null, 1)}\n`;
  const first = join(dir, name);
  try {
    writeFileSync(first, text, { flag: 'wx' });
    return first;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const stamped = join(dir, name.replace(/\.json$/, `.${new Date().toISOString().replace(/[:.]/g, '-')}.json`));
    writeFileSync(stamped, text, { flag: 'wx' });
    return stamped;
  }
}
