import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { GuardianError, isGuardianError } from '../errors.js';
import { readJsonFile } from '../input/jsonFile.js';
import { SEVERITIES } from '../primitives/severity.js';

/**
 * What a screen shows of a drill report: read back from exports/, where anything may have been put or edited,
 * so only the figures it needs, each checked; the full report is the HTML beside it.
 */
const reportSchema = z.object({
  scenario: z.object({ name: z.string().max(100), emergency: z.boolean() }),
  startedAt: z.string().max(40),
  signer: z.string().max(200),
  steps: z
    .array(
      z.object({
        label: z.string().max(200),
        expect: z.enum(['execute', 'refuse']),
        outcome: z.enum(['executed', 'refused', 'stalled']),
        worst: z.enum(SEVERITIES).nullable(),
        headline: z.string().max(500).nullable(),
        verifiedOnChain: z.boolean(),
        quorumMs: z.number().nonnegative().nullable(),
        executionMs: z.number().nonnegative().nullable(),
        passed: z.boolean(),
      }),
    )
    .max(20),
  figures: z.object({
    steps: z.number().int().nonnegative(),
    passed: z.number().int().nonnegative(),
    trapsRefused: z.number().int().nonnegative(),
    trapsSigned: z.number().int().nonnegative(),
    worstQuorumMs: z.number().nonnegative().nullable(),
    worstExecutionMs: z.number().nonnegative().nullable(),
    quorumTargetMs: z.number().nonnegative(),
    executionTargetMs: z.number().nonnegative().nullable(),
    targetsMet: z.boolean(),
  }),
});

export type DrillReportSummary = z.output<typeof reportSchema> & { path: string; html: string | null };

const REPORT_NAME = /^drill-[0-9TZ-]+\.json$/;

/**
 * The newest drill report under `exportsDir` (names carry the start time, so they sort by it), or null when no
 * drill has run here. A newest report that does not read is refused by name rather than skipped for an older
 * one: a screen must not present last year's drill as the latest.
 */
export function latestDrillReport(exportsDir: string): DrillReportSummary | null {
  let names: string[];
  try {
    names = readdirSync(exportsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new GuardianError(
      'STORE_FAILED',
      `Cannot read the exports folder ${exportsDir}: ${(error as Error).message}.`,
      { cause: error },
    );
  }
  const newest = names
    .filter((n) => REPORT_NAME.test(n))
    .sort()
    .at(-1);
  if (!newest) return null;
  const path = join(exportsDir, newest);
  let json: unknown;
  try {
    json = readJsonFile(path);
  } catch (error) {
    if (!isGuardianError(error)) throw error;
    throw new GuardianError('INVALID_FILE', `The latest drill report ${path} does not read: ${error.message}`, {
      cause: error,
    });
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GuardianError(
      'INVALID_FILE',
      `The latest drill report ${path} is not one this console wrote: ${issue?.path.join('.') || '(root)'}: ${issue?.message}.`,
    );
  }
  const html = names.includes(newest.replace(/\.json$/, '.html'))
    ? join(exportsDir, newest.replace(/\.json$/, '.html'))
    : null;
  return { ...parsed.data, path, html };
}
