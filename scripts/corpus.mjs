// `npm run corpus`: deploys the corpus of protocols nobody here wrote (Aave V3, OpenZeppelin 4.9, packed
// storage) on a local anvil, reviews each honest emergency action and each trap, and prints the verdicts.
// Bundles the TypeScript with esbuild (no TS loader at run time), as scripts/bench.mjs does, then runs it.
// Exits 1 while any false alarm or miss remains.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

// Bundled at the same depth as test/ so the helpers' relative paths to their artifacts still resolve.
const outfile = 'test/.corpus/corpusTable.mjs';
await build({
  entryPoints: ['scripts/corpus/corpusTable.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  target: 'node22',
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--no-warnings', outfile], { stdio: 'inherit' });
process.exit(run.status ?? 1);
