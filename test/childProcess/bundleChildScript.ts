import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/**
 * Bundles a TypeScript snippet into a script a child Node process can run, for tests that kill a process
 * mid-work. It is written under test/.bench/ (git-ignored), at the depth of test/, so node_modules and the
 * helpers' relative paths to contracts/artifacts resolve as they do in the tests.
 */
export async function bundleChildScript(source: string, resolveDir: string, name: string): Promise<string> {
  const outfile = fileURLToPath(new URL(`../.bench/${name}-${process.pid}.mjs`, import.meta.url));
  await build({
    stdin: { contents: source, resolveDir, loader: 'ts', sourcefile: `${name}.ts` },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}
