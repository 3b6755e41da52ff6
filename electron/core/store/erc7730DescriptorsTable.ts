import { createHash } from 'node:crypto';
import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import { parseErc7730Descriptor } from '../decode/erc7730/erc7730Descriptor.js';
import type { DescriptorFile } from '../decode/erc7730/readDescriptorFile.js';
import type { TrustedDescriptor } from '../decode/erc7730/trustedDescriptors.js';
import { parseJsonText } from '../input/jsonText.js';
import type { Database } from './store.js';
import { corruptRow, parseRow } from './storedRow.js';

const rowSchema = lazySchema(() =>
  z.object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    file_path: z.string(),
    owner: z.string(),
    descriptor_text: z.string(),
    added_at: z.string(),
    added_by: z.string(),
  }),
);

/**
 * A stored descriptor is read again from its bytes, and its hash recomputed: a row edited in the database
 * (words changed under the hash the review would cite) is refused, not used.
 */
function fromRow(raw: unknown): TrustedDescriptor {
  const row = parseRow(rowSchema(), 'erc7730_descriptors', String((raw as { sha256?: unknown }).sha256), raw);
  const sha256 = createHash('sha256').update(row.descriptor_text, 'utf8').digest('hex');
  if (sha256 !== row.sha256)
    throw corruptRow('erc7730_descriptors', row.sha256, new Error(`its bytes hash to ${sha256}`));
  return {
    descriptor: parseErc7730Descriptor(parseJsonText(row.descriptor_text, row.file_path), row.file_path),
    provenance: { file: row.file_path, sha256: row.sha256, addedAt: row.added_at, addedBy: row.added_by },
  };
}

export function erc7730DescriptorsTable(database: Database) {
  const { db } = database;
  return {
    /** Trusts a descriptor file (`guardian descriptor add`); the same bytes added again keep their first date. */
    saveDescriptor(file: DescriptorFile, addedBy = 'local'): TrustedDescriptor {
      const addedAt = new Date().toISOString();
      database.guarded(`trust the ERC-7730 descriptor ${file.path}`, () =>
        db
          .prepare(
            'INSERT INTO erc7730_descriptors (sha256, file_path, owner, descriptor_text, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING',
          )
          .run(file.sha256, file.path, file.descriptor.owner, file.text, addedAt, addedBy),
      );
      return fromRow(
        database.guarded('read a trusted descriptor', () =>
          db.prepare('SELECT * FROM erc7730_descriptors WHERE sha256 = ?').get(file.sha256),
        ),
      );
    },

    /** Every trusted descriptor, oldest first. */
    listDescriptors(): TrustedDescriptor[] {
      const rows = database.guarded('read trusted descriptors', () =>
        db.prepare('SELECT * FROM erc7730_descriptors ORDER BY added_at, sha256').all(),
      );
      return rows.map(fromRow);
    },
  };
}
