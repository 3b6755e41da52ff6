/**
 * A schema built the first time it is asked for, then kept. Building zod's schemas is work at module load (tens
 * of milliseconds over the store's and the files' shapes), so a verb that never validates a shape, such as
 * `guardian hashes FILE` with the store's row schemas, does not pay for it.
 */
export function lazySchema<S>(build: () => S): () => S {
  let schema: S | undefined;
  return () => (schema ??= build());
}
