// An esbuild plugin for the code-split CLI build: each file's `import { … } from 'ethers'` is answered by a small
// module that re-exports those names from the ethers files that define them, not by ethers' root barrel.
// Why: esbuild assigns code to chunks by which entry points reach a file, and the barrel reaches every part of
// ethers, so a verb that only hashes (guardian hashes) loaded all of it (providers, wallets, ENS: 0.2 to 0.35 s
// on this machine), because another verb uses it. The files are ethers' own, at the same paths, so there is still
// one ethers: one keccak256 registry, one set of classes. A name the barrels do not export at run time is a type,
// dropped; a file that imports ethers in another form (a namespace) keeps the barrel.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const RE_EXPORT = /export\s*\{([^}]*)\}\s*from\s*["']([^"']+)["']/g;
const RE_IMPORT = /import\s*\{([^}]*)\}\s*from\s*["'](\.[^"']+)["']/g;
const EXPORT_LOCAL = /export\s*\{([^}]*)\}\s*;/g;
const RE_EXPORT_ALL = /export\s*\*\s*from\s*["']([^"']+)["']/g;

/** Only to read import and export lists (ethers comments names out inside them); never emitted. */
const withoutComments = (source) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** name → { file, name } where the value is defined, following ethers' barrels down. */
function leavesOf(file, seen = new Map()) {
  if (seen.has(file)) return seen.get(file);
  const leaves = new Map();
  seen.set(file, leaves);
  const source = withoutComments(readFileSync(file, 'utf8'));
  for (const [, from] of source.matchAll(RE_EXPORT_ALL))
    for (const [k, v] of leavesOf(join(dirname(file), from), seen)) leaves.set(k, v);
  // `import { a } from "./x.js"; … export { a };`: a barrel that also locks or wraps what it re-exports.
  const imported = new Map();
  for (const [, specs, from] of source.matchAll(RE_IMPORT)) {
    for (const spec of specs
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [name, local = name] = spec.split(/\s+as\s+/);
      imported.set(local, { from: join(dirname(file), from), name });
    }
  }
  for (const [, specs] of source.matchAll(EXPORT_LOCAL)) {
    for (const spec of specs
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [local, exported = local] = spec.split(/\s+as\s+/);
      const via = imported.get(local);
      leaves.set(
        exported,
        via ? (leavesOf(via.from, seen).get(via.name) ?? { file: via.from, name: via.name }) : { file, name: local },
      );
    }
  }
  for (const [, specs, from] of source.matchAll(RE_EXPORT)) {
    const target = join(dirname(file), from);
    const below = leavesOf(target, seen);
    for (const spec of specs
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [local, exported = local] = spec.split(/\s+as\s+/);
      leaves.set(exported, below.get(local) ?? { file: target, name: local });
    }
  }
  return leaves;
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The runtime names a file imports from `specifier`, or null when it imports it in another form. */
function importedNames(source, specifier) {
  const from = `from\\s*['"]${escape(specifier)}['"]`;
  const named = [...source.matchAll(new RegExp(`import\\s+(?:type\\s+)?\\{([^}]*)\\}\\s*${from}`, 'g'))];
  if (named.length !== [...source.matchAll(new RegExp(`(?:import|export)[^;'"]*?${from}`, 'g'))].length) return null;
  const names = named.flatMap(([statement, specs]) =>
    /^import\s+type\b/.test(statement)
      ? []
      : specs
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s && !s.startsWith('type '))
          .map((s) => s.split(/\s+as\s+/)[0]),
  );
  return new Set(names);
}

export function ethersLeaves(root) {
  const barrel = createRequire(join(root, 'package.json'))
    .resolve('ethers')
    .replace(/lib\.commonjs/, 'lib.esm');
  const lib = dirname(barrel);
  const seen = new Map();
  const leaves = leavesOf(barrel, seen);
  // ethers' own files import its barrels too ("../crypto/index.js"): those get leaves as well.
  const barrels = new Set([...seen.keys()].filter((f) => f.endsWith('/index.js') || f === join(lib, 'ethers.js')));
  return {
    name: 'ethers-leaves',
    setup(build) {
      build.onResolve({ filter: /^ethers$|\/index\.js$/ }, (args) => {
        if (!args.importer || args.namespace !== 'file' || barrels.has(args.importer)) return undefined;
        const target = args.path === 'ethers' ? barrel : join(dirname(args.importer), args.path);
        if (args.path !== 'ethers' && !(args.importer.startsWith(lib) && barrels.has(target))) return undefined;
        const names = importedNames(withoutComments(readFileSync(args.importer, 'utf8')), args.path);
        if (!names || names.has('ethers')) return undefined;
        return { path: `${args.importer}?${args.path}`, namespace: 'ethers-leaves', pluginData: { names, target } };
      });
      build.onLoad({ filter: /.*/, namespace: 'ethers-leaves' }, ({ pluginData: { names, target } }) => {
        const from = target === barrel ? leaves : leavesOf(target, seen);
        const lines = [];
        for (const name of names) {
          const leaf = from.get(name);
          if (leaf)
            lines.push(
              `export { ${leaf.name === name ? name : `${leaf.name} as ${name}`} } from ${JSON.stringify(leaf.file)};`,
            );
        }
        return { contents: lines.join('\n'), loader: 'js', resolveDir: root };
      });
    },
  };
}
