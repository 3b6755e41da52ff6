import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
// @ts-expect-error: a build script in plain JavaScript, without declarations
import { zodEnglishOnly } from './esbuildZodEnglishOnly.mjs';

const dir = mkdtempSync(join(tmpdir(), 'zod-english-only-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One refusal of each kind zod words from its locale, and the values that draw them. */
const REFUSALS = `
export const schemas = {
  type: z.object({ nonce: z.string() }),
  small: z.string().min(5),
  big: z.array(z.number()).max(1),
  format: z.string().regex(/^0x[0-9a-f]*$/),
  value: z.enum(['CALL', 'DELEGATECALL']),
  literal: z.literal(1),
  keys: z.strictObject({ to: z.string() }),
  union: z.union([z.string(), z.number()]),
  custom: z.string().refine((s) => s.length === 42, 'not an address'),
  nested: z.object({ results: z.array(z.object({ value: z.bigint() })) }),
};
`;
const INPUTS: Record<string, unknown> = {
  type: { nonce: 7 },
  small: 'abc',
  big: [1, 2, 3],
  format: '0xZZ',
  value: 'STATICCALL',
  literal: 2,
  keys: { to: 'a', from: 'b' },
  union: true,
  custom: '0x12',
  nested: { results: [{ value: '1' }] },
};

async function bundled(plugins: unknown[], name: string): Promise<{ file: string; text: string }> {
  const file = join(dir, `${name}.mjs`);
  await build({
    stdin: { contents: `import { z } from 'zod';${REFUSALS}`, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: file,
    logLevel: 'silent',
    plugins: plugins as never,
  });
  return { file, text: readFileSync(file, 'utf8') };
}

/** The locale files a bundle holds, from the path comment esbuild writes above each file it bundles. */
const localesIn = (text: string) =>
  [...text.matchAll(/^\/\/ node_modules\/zod\/v4\/locales\/(.+)$/gm)].map((m) => m[1]);

const refusalsBy = (schemas: Record<string, z.ZodType>) =>
  Object.fromEntries(Object.entries(INPUTS).map(([k, v]) => [k, schemas[k]!.safeParse(v).error?.issues]));

describe('the CLI build answers zod’s locales barrel with English alone', () => {
  it('leaves the other locales out of the bundle', async () => {
    const plain = await bundled([], 'plain');
    const english = await bundled([zodEnglishOnly()], 'english');
    // German's wording, to show the check can see a locale that is there.
    expect(plain.text).toContain('Eingabe: erwartet');
    expect(english.text).not.toContain('Eingabe: erwartet');
    expect(localesIn(plain.text).length).toBeGreaterThan(40);
    expect(localesIn(english.text)).toEqual(['en.js']);
  });

  it('refuses with the same issues and messages as zod itself', async () => {
    const english = await bundled([zodEnglishOnly()], 'english-refusals');
    const { schemas } = (await import(pathToFileURL(english.file).href)) as {
      schemas: Record<string, z.ZodType>;
    };
    const ours = refusalsBy(schemas);
    const reference = refusalsBy(
      (
        new Function('z', `${REFUSALS.replace('export const schemas =', 'return')}`) as (
          zod: typeof z,
        ) => Record<string, z.ZodType>
      )(z),
    );
    for (const key of Object.keys(INPUTS)) expect(ours[key], key).toBeDefined();
    expect(ours).toEqual(reference);
    expect(ours['type']![0]!.message).toBe('Invalid input: expected string, received number');
  });
});
