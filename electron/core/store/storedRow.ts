import { getAddress, isAddress } from 'ethers';
import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import { GuardianError, isGuardianError } from '../errors.js';
import { parseJsonText } from '../input/jsonText.js';
import { isLowerWholeByteHex } from '../primitives/wholeByteHex.js';

/**
 * Columns as they must read back. The store is a file on the guardian's disk: a hand edit, a bad restore or
 * another program may have changed it, and a wrong owner or threshold shown as fact is worse than an error.
 */
export const storedDecimal = lazySchema(() => z.string().regex(/^(0|[1-9][0-9]*)$/, 'not a decimal whole number'));
export const storedBigint = lazySchema(() => storedDecimal().transform((v) => BigInt(v)));
export const storedAddress = lazySchema(() =>
  z
    .string()
    .refine((a) => isAddress(a), 'not a 20-byte 0x address')
    .transform((a) => getAddress(a.toLowerCase())),
);
export const storedHash = lazySchema(() =>
  z.string().regex(/^0x[0-9a-f]{64}$/, 'not a lowercase 0x-prefixed 32-byte hash'),
);
export const storedHex = lazySchema(() =>
  z.string().refine(isLowerWholeByteHex, 'not lowercase 0x-prefixed whole-byte hex'),
);
export const storedJson = lazySchema(() =>
  z.string().transform((text, ctx) => {
    try {
      return parseJsonText(text, 'the column');
    } catch (cause) {
      ctx.addIssue({
        code: 'custom',
        message: isGuardianError(cause) ? cause.message.replace(/^the column /, '') : 'is not valid JSON',
      });
      return z.NEVER;
    }
  }),
);

/** A row that does not read back as written: names the table and row, never returns garbage. */
export function corruptRow(table: string, key: string, cause: unknown): GuardianError {
  let reason = cause instanceof Error ? cause.message : String(cause);
  if (cause instanceof z.ZodError) {
    const issue = cause.issues[0]!;
    reason = `column ${issue.path.join('.') || '(row)'} ${issue.message}`;
  }
  return new GuardianError(
    'STORE_FAILED',
    `The local store has an unreadable row in ${table} (${key}): ${reason}. It was changed outside Guardian Console or is damaged; remove the row or restore a backup.`,
    { cause, details: { table, key } },
  );
}

/** Parses one row with its schema, or throws STORE_FAILED naming the table and row. */
export function parseRow<S extends z.ZodType>(schema: S, table: string, key: string, row: unknown): z.output<S> {
  const parsed = schema.safeParse(row);
  if (!parsed.success) throw corruptRow(table, key, parsed.error);
  return parsed.data;
}

/** A readable key for error messages, whatever shape the damaged row has. */
export function rowKey(row: unknown, ...columns: string[]): string {
  const r = (row ?? {}) as Record<string, unknown>;
  return columns.map((c) => String(r[c])).join(':');
}
