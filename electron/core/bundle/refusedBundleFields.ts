import { z } from 'zod';

const paths = z.array(z.string()).optional();
/** What auditedReviewBundle keeps of matchSignedFields' refusal, under the entry's facts. */
const refusal = z.object({ facts: z.object({ edited: paths, added: paths, removed: paths }) });

/**
 * The fields of a refused signed bundle that differ from what its producer signed, read from the audit entry's
 * details, in the words the app's Audit screen and `guardian audit list` both print: "fields edited: safeTx.data,
 * safe.threshold; fields added: note". The log is read as data written by any version of this console, so a
 * shape it does not know names nothing. Null for an entry that names no field: a bundle refused for another
 * reason, or signed whole before field lists.
 */
export function refusedBundleFields(details: unknown): string | null {
  const parsed = refusal.safeParse(details);
  if (!parsed.success) return null;
  const { edited = [], added = [], removed = [] } = parsed.data.facts;
  const clauses = [
    ...(edited.length ? [`fields edited: ${edited.join(', ')}`] : []),
    ...(added.length ? [`fields added: ${added.join(', ')}`] : []),
    ...(removed.length ? [`fields removed: ${removed.join(', ')}`] : []),
  ];
  return clauses.length ? clauses.join('; ') : null;
}
