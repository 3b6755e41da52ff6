// Compiles contracts/src with solc-js and OpenZeppelin from node_modules into contracts/artifacts (ABI,
// bytecode, storage layout). The artifacts are committed; this recompiles only when the sources, the
// compiler or the OpenZeppelin versions change. Usage: node contracts/compile.mjs [--check]
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactsUpToDate, buildKey, compileToArtifacts, readSolSources } from './solcArtifacts.mjs';
import { WANTED } from './wantedContracts.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const sourcesDir = join(here, 'src');
const artifactsDir = join(here, 'artifacts');

export { WANTED };

/** contracts/src as solc's standard-JSON `sources`, in a stable order. */
export function readSources() {
  return readSolSources(sourcesDir);
}

/** What the committed artifacts were built from: a change to any of it makes them stale. */
export function cacheKey(sources = readSources()) {
  const oz = require('@openzeppelin/contracts/package.json').version;
  const ozUpgradeable = require('@openzeppelin/contracts-upgradeable/package.json').version;
  return buildKey({ oz, ozUpgradeable }, sources);
}

/** Compiles contracts/src into contracts/artifacts; returns the milliseconds solc took. */
export function compile() {
  const started = performance.now();
  const sources = readSources();
  compileToArtifacts({ sources, wanted: WANTED, artifactsDir, key: cacheKey(sources) });
  return performance.now() - started;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const upToDate = artifactsUpToDate(artifactsDir, cacheKey());
  if (process.argv.includes('--check')) {
    console.log(
      upToDate ? 'contracts/artifacts are up to date' : 'contracts/artifacts are stale: run npm run compile-contracts',
    );
    process.exit(upToDate ? 0 : 1);
  }
  if (upToDate && !process.argv.includes('--force'))
    console.log('contracts/artifacts are up to date (nothing compiled)');
  else console.log(`compiled ${WANTED.length} contracts in ${(compile() / 1000).toFixed(1)} s`);
}
