import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The repository's own eslint.config.js, run on deliberate violations: a rule that stopped matching (a typo in a
// regex, a files glob that no longer covers a folder) would let a layer leak without anyone noticing.
// Each text is linted as if it were a real file of the project (the typed rules need a file the tsconfig covers);
// nothing is written to disk.
const root = join(import.meta.dirname, '..');
let eslint: ESLint;

// The first typed lint loads the whole TypeScript project; on a busy two-core machine that alone can take minutes.
beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  await eslint.lintText('export {};\n', { filePath: join(root, 'renderer/api.ts') });
}, 600_000);

async function problems(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

const imports = (specifier: string, name = 'imported') =>
  `import { ${name} } from '${specifier}';\nexport const used = ${name};\n`;

describe('the lint rules in eslint.config.js', () => {
  it.each([
    ['a renderer file importing electron/core', 'renderer/api.ts', '../electron/core/errors.js', 'electron/ipc'],
    ['a renderer file importing Node', 'renderer/api.ts', 'node:fs', 'sandboxed'],
    ['a core file importing electron/app', 'electron/core/queue/pullQueue.ts', '../../app/reviewView.js', 'adapters'],
    ['a core file importing Electron', 'electron/core/queue/pullQueue.ts', 'electron', 'neither Electron nor React'],
    [
      'a primitives file importing a feature folder',
      'electron/core/primitives/hexBytes.ts',
      '../simulate/stateView.js',
      'bottom layer',
    ],
    [
      'an input file importing a feature folder',
      'electron/core/input/jsonText.ts',
      '../store/openStore.js',
      'bottom layer',
    ],
    [
      'a safe file importing simulate',
      'electron/core/safe/safeTx.ts',
      '../simulate/reviewSafeTx.js',
      'electron/core/safe',
    ],
    [
      'a store file importing queue',
      'electron/core/store/queueItems.ts',
      '../queue/pullQueue.js',
      'electron/core/store',
    ],
    [
      'a store file importing simulate',
      'electron/core/store/carriedStatesTable.ts',
      '../simulate/riskDiff.js',
      'store',
    ],
    [
      'a risk file importing simulate',
      'electron/core/risk/finding.ts',
      '../simulate/riskDiff.js',
      'electron/core/risk',
    ],
    ['a decode file importing store', 'electron/core/decode/addressBook.ts', '../store/openStore.js', 'decode'],
    [
      'a decode subfolder file importing store',
      'electron/core/decode/erc7730/erc7730Descriptor.ts',
      '../../store/openStore.js',
      'electron/core/decode',
    ],
    ['a ledger file importing signing', 'electron/core/ledger/signSafeTx.ts', '../signing/signingGate.js', 'ledger'],
  ])('reports %s as no-restricted-imports', async (_, filePath, specifier, words) => {
    const found = await problems(filePath, imports(specifier));
    expect(found).toEqual([{ rule: 'no-restricted-imports', message: expect.stringContaining(words) }]);
  });

  it('reports a promise nobody awaits, and lets an explicit void through', async () => {
    const work = 'async function work(): Promise<number> {\n  return 1;\n}\n';
    const floating = await problems(
      'electron/core/queue/pullQueue.ts',
      `${work}export function run(): void {\n  work();\n}\n`,
    );
    expect(found(floating)).toEqual(['@typescript-eslint/no-floating-promises']);
    const voided = await problems(
      'electron/core/queue/pullQueue.ts',
      `${work}export function run(): void {\n  void work();\n}\n`,
    );
    expect(voided).toEqual([]);
  });

  it('reports nothing for files that import only what their layer may', async () => {
    const clean: Array<[string, string]> = [
      ['renderer/api.ts', '../electron/ipc/channels.js'],
      ['electron/core/primitives/hexBytes.ts', './checksumAddress.js'],
      ['electron/core/safe/safeTx.ts', '../primitives/hexBytes.js'],
      ['electron/core/store/queueItems.ts', '../safe/queueItem.js'],
      ['electron/core/risk/finding.ts', '../primitives/riskDiffTypes.js'],
      ['electron/core/simulate/reviewSafeTx.ts', '../risk/finding.js'],
      ['electron/core/queue/pullQueue.ts', '../store/openStore.js'],
      ['electron/core/decode/erc7730/erc7730Descriptor.ts', '../addressBook.js'],
      ['electron/core/decode/erc7730/erc7730Descriptor.ts', '../../input/jsonText.js'],
      ['electron/core/ledger/signSafeTx.ts', '../safe/safeTxHash.js'],
    ];
    for (const [filePath, specifier] of clean)
      expect(await problems(filePath, imports(specifier)), filePath).toEqual([]);
  });
});

const found = (list: Array<{ rule: string | null }>) => list.map((p) => p.rule);
