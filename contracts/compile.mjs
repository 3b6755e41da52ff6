// Compiles contracts/src with solc-js and OpenZeppelin from node_modules into contracts/artifacts (ABI,
// bytecode, storage layout). The artifacts are committed; this recompiles only when the sources, the
// compiler or the OpenZeppelin versions change. Usage: node contracts/compile.mjs [--check]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const sourcesDir = join(here, 'src');
const artifactsDir = join(here, 'artifacts');
const cacheFile = join(artifactsDir, 'cache-key.json');

/** The contracts the tests deploy; everything else compiled is a dependency. */
export const WANTED = [
  'Vault',
  'VaultV2',
  'VaultV2Clash',
  'VaultNoUpgrade',
  'VaultUpgradeDeadEnd',
  'TransparentVault',
  'TransparentVaultV2',
  'GuardToken',
  'ERC1967Proxy',
  'TransparentUpgradeableProxy',
  'ProxyAdmin',
  'TimelockController',
  'HiddenModule',
  'PackedVault',
  'PackedVaultShifted',
];

const settings = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'storageLayout'] } },
};

/** contracts/src as solc's standard-JSON `sources`, in a stable order. */
export function readSources() {
  return Object.fromEntries(
    readdirSync(sourcesDir)
      .filter((f) => f.endsWith('.sol'))
      .sort()
      .map((f) => [f, { content: readFileSync(join(sourcesDir, f), 'utf8') }]),
  );
}

/** What the committed artifacts were built from: a change to any of it makes them stale. */
export function cacheKey(sources = readSources()) {
  const solcVersion = require('solc/package.json').version;
  const oz = require('@openzeppelin/contracts/package.json').version;
  const ozUpgradeable = require('@openzeppelin/contracts-upgradeable/package.json').version;
  return createHash('sha256')
    .update(JSON.stringify({ solcVersion, oz, ozUpgradeable, settings, sources }))
    .digest('hex');
}

function findImport(path) {
  try {
    return { contents: readFileSync(require.resolve(path), 'utf8') };
  } catch {
    return { error: `not found: ${path}` };
  }
}

export function compile() {
  const solc = require('solc');
  const started = performance.now();
  const output = JSON.parse(
    solc.compile(JSON.stringify({ language: 'Solidity', sources: readSources(), settings }), { import: findImport }),
  );
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  mkdirSync(artifactsDir, { recursive: true });
  for (const [sourceName, contracts] of Object.entries(output.contracts)) {
    for (const [contractName, c] of Object.entries(contracts)) {
      if (!WANTED.includes(contractName)) continue;
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
  writeFileSync(cacheFile, `${JSON.stringify({ key: cacheKey() })}\n`);
  return performance.now() - started;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const upToDate = existsSync(cacheFile) && JSON.parse(readFileSync(cacheFile, 'utf8')).key === cacheKey();
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
