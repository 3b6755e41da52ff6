// The folder graph of electron/core, read from the code itself: which feature folder imports which, and where two
// folders import each other. A two-way arrow means neither folder can be understood, tested or moved alone, and a
// lint rule cannot hold either direction; STYLE.md wants arrows between feature folders to run one way.
// Run `npx node scripts/importGraph.ts` to print the graph; scripts/importGraph.test.ts asserts it has no two-way pair.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One relative import that crosses from one folder of electron/core into another. */
export interface CrossImport {
  from: string;
  to: string;
  /** Paths relative to the core root, with forward slashes. */
  file: string;
  target: string;
}

/** Files at the core's root (errors.ts, errorCauses.ts) belong to no feature folder. */
export const ROOT_FOLDER = '(root)';

const isTestFile = (name: string) => /\.test\.tsx?$/.test(name);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !isTestFile(entry.name) ? [path] : [];
  });
}

const posix = (path: string) => path.split(sep).join('/');

/** The feature folder a path under the core root belongs to: its first segment, or ROOT_FOLDER. */
export function folderOf(pathInCore: string): string {
  const segments = posix(pathInCore).split('/');
  return segments.length > 1 ? segments[0]! : ROOT_FOLDER;
}

/**
 * Every relative import (static, type-only, re-export and dynamic `import()`) of every non-test file under coreRoot
 * that lands in another folder. ts.preProcessFile reads the import specifiers the way the compiler does, so an
 * import split over lines or a string that merely looks like one cannot fool it.
 */
export function crossImports(coreRoot: string): CrossImport[] {
  const root = resolve(coreRoot);
  return sourceFiles(root).flatMap((path) => {
    const info = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
    const file = posix(relative(root, path));
    return info.importedFiles
      .map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith('./') || specifier.startsWith('../'))
      .flatMap((specifier) => {
        const target = posix(relative(root, resolve(dirname(path), specifier)));
        // An import that leaves electron/core (app, cli, ipc) is the lint rules' business, not this graph's.
        if (target.startsWith('../')) return [];
        const from = folderOf(file);
        const to = folderOf(target);
        return from === to ? [] : [{ from, to, file, target }];
      });
  });
}

/** Folder -> the folders it imports, each with the imports that make the arrow. */
export type FolderGraph = Map<string, Map<string, CrossImport[]>>;

export function folderGraph(imports: CrossImport[]): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const crossing of imports) {
    const targets = graph.get(crossing.from) ?? new Map<string, CrossImport[]>();
    graph.set(crossing.from, targets);
    targets.set(crossing.to, [...(targets.get(crossing.to) ?? []), crossing]);
  }
  return graph;
}

/** Pairs of folders that import each other, each pair once, alphabetical, with the imports of both directions. */
export function twoWayPairs(graph: FolderGraph): { pair: [string, string]; imports: CrossImport[] }[] {
  const pairs: { pair: [string, string]; imports: CrossImport[] }[] = [];
  for (const [a, targets] of graph) {
    for (const [b, forward] of targets) {
      const backward = graph.get(b)?.get(a);
      if (a < b && backward) pairs.push({ pair: [a, b], imports: [...forward, ...backward] });
    }
  }
  return pairs.sort((x, y) => x.pair.join().localeCompare(y.pair.join()));
}

/**
 * Groups of two or more folders that reach each other through some chain of imports (strongly connected
 * components, Tarjan's algorithm). A two-way pair is the shortest such group; a longer loop (A -> B -> C -> A)
 * is the same tangle with more steps.
 */
export function folderCycles(graph: FolderGraph): string[][] {
  const folders = [...new Set([...graph.keys(), ...[...graph.values()].flatMap((t) => [...t.keys()])])].sort();
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (folder: string) => {
    index.set(folder, index.size);
    lowLink.set(folder, index.get(folder)!);
    stack.push(folder);
    onStack.add(folder);
    for (const next of [...(graph.get(folder)?.keys() ?? [])].sort()) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(folder, Math.min(lowLink.get(folder)!, lowLink.get(next)!));
      } else if (onStack.has(next)) {
        lowLink.set(folder, Math.min(lowLink.get(folder)!, index.get(next)!));
      }
    }
    if (lowLink.get(folder) !== index.get(folder)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== folder);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const folder of folders) if (!index.has(folder)) visit(folder);
  return groups.sort((x, y) => x.join().localeCompare(y.join()));
}

/** The lines a person reads: each arrow with its count, then the two-way pairs and loops with the files behind them. */
export function describeGraph(graph: FolderGraph): string {
  const lines = ['Folder imports in electron/core (non-test files):'];
  for (const from of [...graph.keys()].sort()) {
    const targets = graph.get(from)!;
    const arrows = [...targets.keys()].sort().map((to) => `${to} (${targets.get(to)!.length})`);
    lines.push(`  ${from} -> ${arrows.join(', ')}`);
  }
  const pairs = twoWayPairs(graph);
  lines.push('', pairs.length ? 'Two-way imports:' : 'Two-way imports: none');
  for (const { pair, imports } of pairs) {
    lines.push(`  ${pair[0]} <-> ${pair[1]}`);
    for (const crossing of imports) lines.push(`    ${crossing.file} -> ${crossing.target}`);
  }
  const cycles = folderCycles(graph);
  lines.push('', cycles.length ? 'Import loops:' : 'Import loops: none');
  for (const group of cycles) lines.push(`  ${group.join(', ')}`);
  return lines.join('\n');
}

export const CORE_ROOT = join(import.meta.dirname, '..', 'electron', 'core');

if (import.meta.main) {
  const graph = folderGraph(crossImports(CORE_ROOT));
  console.log(describeGraph(graph));
  process.exitCode = twoWayPairs(graph).length ? 1 : 0;
}
