// One solc-js standard-JSON build into committed artifacts (ABI, bytecode, storage layout), shared by
// contracts/compile.mjs and test/corpus/compileCorpus.mjs: they differ in their sources, their wanted contracts
// and where OpenZeppelin resolves from, never in how solc is called or what an artifact holds.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** The compiler settings both builds use; part of each cache key, so a change here makes both stale. */
const SOLC_SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'storageLayout'] } },
};

/** The .sol files of a folder as solc's standard-JSON `sources`, in a stable order. */
export function readSolSources(dir) {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.sol'))
      .sort()
      .map((f) => [f, { content: readFileSync(join(dir, f), 'utf8') }]),
  );
}

/** sha256 of what the artifacts are built from: the compiler, the packages' versions, the settings, the sources. */
export function buildKey(packageVersions, sources) {
  const solcVersion = require('solc/package.json').version;
  const inputs = { solcVersion, ...packageVersions, settings: SOLC_SETTINGS, sources };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

/** solc's import callback, reading from node_modules; `mapImport` may point a package at an alias. */
function nodeModulesImport(mapImport) {
  return (path) => {
    try {
      return { contents: readFileSync(require.resolve(mapImport(path)), 'utf8') };
    } catch {
      return { error: `not found: ${path}` };
    }
  };
}

const cacheFileIn = (artifactsDir) => join(artifactsDir, 'cache-key.json');

/** Whether the committed artifacts were built from exactly what `key` was computed over. */
export function artifactsUpToDate(artifactsDir, key) {
  const cacheFile = cacheFileIn(artifactsDir);
  return existsSync(cacheFile) && JSON.parse(readFileSync(cacheFile, 'utf8')).key === key;
}

/** Compiles `sources`, refuses on any error, writes one artifact per wanted contract and the key they came from. */
export function compileToArtifacts({ sources, mapImport = (path) => path, wanted, artifactsDir, key }) {
  const solc = require('solc');
  const input = JSON.stringify({ language: 'Solidity', sources, settings: SOLC_SETTINGS });
  const output = JSON.parse(solc.compile(input, { import: nodeModulesImport(mapImport) }));
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  mkdirSync(artifactsDir, { recursive: true });
  for (const [sourceName, contracts] of Object.entries(output.contracts)) {
    for (const [contractName, c] of Object.entries(contracts)) {
      if (!wanted.includes(contractName)) continue;
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
  writeFileSync(cacheFileIn(artifactsDir), `${JSON.stringify({ key })}\n`);
}
