// `npm run bench`: measures review speed on a local chain and prints the figures. Bundles the TypeScript
// bench with esbuild (no TS loader at run time) into node_modules/.cache, then runs it.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

// Bundled at the same depth as test/ so the helpers' relative paths to contracts/artifacts still resolve.
const outfile = 'test/.bench/reviewBench.mjs';
const abiOutfile = 'test/.bench/abiDecodeBench.mjs';
await build({
  entryPoints: { reviewBench: 'scripts/bench/reviewBench.ts', abiDecodeBench: 'scripts/bench/abiDecodeBench.ts' },
  outdir: 'test/.bench',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  target: 'node22',
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--no-warnings', outfile], { stdio: 'inherit' });
// ethers' ABI decoding against viem's on the shapes a review decodes (why the core uses ethers alone).
const abi = spawnSync(process.execPath, ['--no-warnings', abiOutfile], { stdio: 'inherit' });
// Then the CLI's start-up figures, on the built CLI (scripts/bench/startup.mjs).
const startup = spawnSync(process.execPath, ['--no-warnings', 'scripts/bench/startup.mjs'], { stdio: 'inherit' });
const runs = [run, abi, startup];
process.exit(runs.find((r) => r.status)?.status ?? (runs.some((r) => r.status === null) ? 1 : 0));
