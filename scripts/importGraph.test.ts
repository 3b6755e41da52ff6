import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CORE_ROOT, crossImports, describeGraph, folderCycles, folderGraph, twoWayPairs } from './importGraph.js';

const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A throwaway core folder with the given files, to show the graph reads what is on disk. */
function coreWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'import-graph-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the folder graph of electron/core', () => {
  it('has no two feature folders importing each other, and no longer loop', () => {
    const graph = folderGraph(crossImports(CORE_ROOT));
    // The report names the files behind each arrow, so a failure says which import to move.
    expect(twoWayPairs(graph), describeGraph(graph)).toEqual([]);
    expect(folderCycles(graph), describeGraph(graph)).toEqual([]);
  });

  it('sees the arrows the layers are built on', () => {
    const graph = folderGraph(crossImports(CORE_ROOT));
    // Guards against a reader that finds nothing: these arrows exist and run one way.
    expect(graph.get('simulate')?.has('risk')).toBe(true);
    expect(graph.get('risk')?.has('simulate')).toBe(false);
    expect(graph.get('queue')?.has('store')).toBe(true);
    expect(graph.get('store')?.has('queue')).toBe(false);
    expect(graph.get('primitives')?.size ?? 0).toBeLessThanOrEqual(2);
  });
});

describe('crossImports and twoWayPairs', () => {
  it('find a two-way pair through static, type-only, re-exported and dynamic imports, and skip tests', () => {
    const root = coreWith({
      'alpha/a.ts': "import type { B } from '../beta/b.js';\nexport const a = 1;\n",
      'beta/b.ts': "export type B = number;\nexport const load = () => import('../gamma/c.js');\n",
      'gamma/c.ts': "export { a } from '../alpha/a.js';\n",
      'gamma/c.test.ts': "import { b } from '../delta/d.js';\n",
      'delta/d.ts':
        "import { a } from '../alpha/a.js';\n// import { c } from '../gamma/c.js';\nconst s = \"from '../gamma/c.js'\";\n",
    });
    const graph = folderGraph(crossImports(root));
    expect([...graph.keys()].sort()).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    expect([...graph.get('delta')!.keys()]).toEqual(['alpha']);
    expect(twoWayPairs(graph)).toEqual([]);
    expect(folderCycles(graph)).toEqual([['alpha', 'beta', 'gamma']]);
  });

  it('reports each pair once with the files of both directions', () => {
    const root = coreWith({
      'store/table.ts': "import type { Item } from '../queue/item.js';\n",
      'queue/item.ts': "import type { Store } from '../store/open.js';\nexport type Item = 1;\n",
      'queue/inner.ts': "import './item.js';\nimport '../errors.js';\n",
      'errors.ts': "import '../app/window.js';\n",
    });
    const pairs = twoWayPairs(folderGraph(crossImports(root)));
    expect(pairs).toEqual([
      {
        pair: ['queue', 'store'],
        imports: [
          { from: 'queue', to: 'store', file: 'queue/item.ts', target: 'store/open.js' },
          { from: 'store', to: 'queue', file: 'store/table.ts', target: 'queue/item.js' },
        ],
      },
    ]);
    expect(describeGraph(folderGraph(crossImports(root)))).toContain('queue <-> store');
  });
});
