// Compiles test/corpus/contracts with solc-js into test/corpus/artifacts. OpenZeppelin imports resolve to the
// 4.9 package (the @openzeppelin/contracts-v4 alias), the version most deployed protocols were built on; the
// project's own fixtures use 5.x. The artifacts are committed, so the tests never need the compiler; this
// recompiles only when the sources, the compiler or the package change.
// Usage: node test/corpus/compileCorpus.mjs [--check | --force]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const sourcesDir = join(here, 'contracts');
const artifactsDir = join(here, 'artifacts');
const cacheFile = join(artifactsDir, 'cache-key.json');

export const CORPUS_CONTRACTS = [
  'OzVault',
  'OzVaultV2',
  'OzVaultV2Shifted',
  'TransparentUpgradeableProxy',
  'ProxyAdmin',
  'PackedStakingPool',
  'PackedBridge',
  'SafeSweeper',
];

const settings = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'storageLayout'] } },
};

function readSources() {
  return Object.fromEntries(
    readdirSync(sourcesDir)
      .filter((f) => f.endsWith('.sol'))
      .sort()
      .map((f) => [f, { content: readFileSync(join(sourcesDir, f), 'utf8') }]),
  );
}

function cacheKey(sources) {
  const solcVersion = require('solc/package.json').version;
  const oz = require('@openzeppelin/contracts-v4/package.json').version;
  return createHash('sha256').update(JSON.stringify({ solcVersion, oz, settings, sources })).digest('hex');
}

function findImport(path) {
  const mapped = path.replace(/^@openzeppelin\/contracts\//, '@openzeppelin/contracts-v4/');
  try {
    return { contents: readFileSync(require.resolve(mapped), 'utf8') };
  } catch {
    return { error: `not found: ${path}` };
  }
}

function compile(sources) {
  const solc = require('solc');
  const output = JSON.parse(
    solc.compile(JSON.stringify({ language: 'Solidity', sources, settings }), { import: findImport }),
  );
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  mkdirSync(artifactsDir, { recursive: true });
  for (const [sourceName, contracts] of Object.entries(output.contracts)) {
    for (const [contractName, c] of Object.entries(contracts)) {
      if (!CORPUS_CONTRACTS.includes(contractName)) continue;
      const artifact = {
        contractName,
        sourceName,
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
        storageLayout: c.storageLayout,
      };
      writeFileSync(join(artifactsDir, `${contractName}.json`), `${JSON.stringify(artifact, null, 1)}\n`);
    }
  }
  writeFileSync(cacheFile, `${JSON.stringify({ key: cacheKey(sources) })}\n`);
}

const sources = readSources();
const upToDate = existsSync(cacheFile) && JSON.parse(readFileSync(cacheFile, 'utf8')).key === cacheKey(sources);
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
  compile(sources);
  console.log(
    `compiled ${CORPUS_CONTRACTS.length} corpus contracts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
