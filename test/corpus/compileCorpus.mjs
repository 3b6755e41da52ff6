// Compiles test/corpus/contracts with solc-js into test/corpus/artifacts. OpenZeppelin imports resolve to the
// 4.9 package (the @openzeppelin/contracts-v4 alias), the version most deployed protocols were built on; the
// project's own fixtures use 5.x. The artifacts are committed, so the tests never need the compiler; this
// recompiles only when the sources, the compiler or the package change.
// Usage: node test/corpus/compileCorpus.mjs [--check | --force]
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactsUpToDate, buildKey, compileToArtifacts, readSolSources } from '../../contracts/solcArtifacts.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const sourcesDir = join(here, 'contracts');
const artifactsDir = join(here, 'artifacts');

export const CORPUS_CONTRACTS = [
  'OzVault',
  'OzVaultV2',
  'OzVaultV2Shifted',
  'TransparentUpgradeableProxy',
  'ProxyAdmin',
  'PackedStakingPool',
  'PackedBridge',
  'SafeSweeper',
  'Oz5Treasury',
  'TimelockController',
  'OzAdminRules',
  'BeaconVault',
  'BeaconVaultV2',
  'BeaconVaultV2Shifted',
  'UpgradeableBeacon',
  'BeaconProxy',
  'ERC1967Proxy',
  'UupsVault',
  'UupsVaultV2',
  'AccessManager',
  'ManagedVault',
];

function cacheKey(sources) {
  const oz = require('@openzeppelin/contracts-v4/package.json').version;
  const oz5 = require('@openzeppelin/contracts/package.json').version;
  return buildKey({ oz, oz5 }, sources);
}

const sources = readSolSources(sourcesDir);
const upToDate = artifactsUpToDate(artifactsDir, cacheKey(sources));
if (process.argv.includes('--check')) {
  console.log(
    upToDate
      ? 'test/corpus/artifacts are up to date'
      : 'test/corpus/artifacts are stale: run node test/corpus/compileCorpus.mjs',
  );
  process.exit(upToDate ? 0 : 1);
}
if (upToDate && !process.argv.includes('--force'))
  console.log('test/corpus/artifacts are up to date (nothing compiled)');
else {
  const started = performance.now();
  compileToArtifacts({
    sources,
    // The corpus is built against OpenZeppelin 4.9: its imports name the package, the alias holds that version.
    // A source that means 5.x says so with the -v5 prefix (Ownable2Step as 5.x ships it).
    mapImport: (path) =>
      path
        .replace(/^@openzeppelin\/contracts\//, '@openzeppelin/contracts-v4/')
        .replace(/^@openzeppelin\/contracts-v5\//, '@openzeppelin/contracts/'),
    wanted: CORPUS_CONTRACTS,
    artifactsDir,
    key: cacheKey(sources),
  });
  console.log(
    `compiled ${CORPUS_CONTRACTS.length} corpus contracts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
