// `npm run bench`: measures review speed on a local chain and prints the figures. Bundles the TypeScript
// bench with esbuild (no TS loader at run time) into node_modules/.cache, then runs it.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

// Bundled at the same depth as test/ so the helpers' relative paths to contracts/artifacts still resolve.
const outfile = 'test/.bench/reviewBench.mjs';
await build({
  entryPoints: ['scripts/bench/reviewBench.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  target: 'node22',
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--no-warnings', outfile], { stdio: 'inherit' });
// Then the CLI's start-up figures, on the built CLI (scripts/bench/startup.mjs).
const startup = spawnSync(process.execPath, ['--no-warnings', 'scripts/bench/startup.mjs'], { stdio: 'inherit' });
process.exit(run.status || startup.status || (run.status === null || startup.status === null ? 1 : 0));
