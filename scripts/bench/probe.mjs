// `node scripts/bench/probe.mjs NAME [args]`: bundles scripts/bench/NAME.ts as `npm run bench` bundles the bench
// (esbuild, into test/.bench beside it, so the helpers' paths to contracts/artifacts resolve) and runs it.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const [name, ...args] = process.argv.slice(2);
await build({
  entryPoints: { [name]: `scripts/bench/${name}.ts` },
  outdir: 'test/.bench',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  target: 'node22',
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--no-warnings', `test/.bench/${name}.mjs`, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
