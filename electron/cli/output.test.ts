import { describe, expect, it } from 'vitest';
import { createOutput, printedAtOnce, toJson } from './output.js';

describe('toJson', () => {
  it('writes bigints as decimal strings wherever they sit, and everything else as JSON.stringify does', () => {
    const value = { chainId: 1n, list: [2n, { nonce: (1n << 255n) + 3n }], name: 'x', missing: undefined, n: 4 };
    expect(JSON.parse(toJson(value))).toEqual({
      chainId: '1',
      list: ['2', { nonce: ((1n << 255n) + 3n).toString() }],
      name: 'x',
      n: 4,
    });
    expect(toJson(value)).toBe(
      JSON.stringify({ ...value, chainId: '1', list: ['2', { nonce: ((1n << 255n) + 3n).toString() }] }, null, 2),
    );
  });

  it('writes a value without bigints exactly as JSON.stringify with two-space indentation', () => {
    const value = { when: new Date(0), nested: [{ a: null }, 'b'], n: 1.5 };
    expect(toJson(value)).toBe(JSON.stringify(value, null, 2));
  });
});

describe('printedAtOnce', () => {
  const print = (out: ReturnType<typeof createOutput>) => {
    out.heading('Safe transaction');
    out.fields([
      ['Chain id', '1'],
      ['safeTxHash', '0xab'],
    ]);
    out.line(out.bad('Verdict: MISMATCH'));
  };
  const recorded = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, stream: { write: (s: string) => writes.push(s), isTTY } };
  };

  it('writes what a printer wrote line by line as one write, the same text, coloured as the stream decides', () => {
    for (const isTTY of [false, true]) {
      const lineByLine = recorded(isTTY);
      print(createOutput({ stdout: lineByLine.stream, stderr: lineByLine.stream }, false));
      const once = recorded(isTTY);
      printedAtOnce({ stdout: once.stream, stderr: once.stream }, false, print);
      expect(lineByLine.writes.length).toBeGreaterThan(1);
      expect(once.writes).toEqual([lineByLine.writes.join('')]);
    }
  });

  it('writes nothing when nothing was printed', () => {
    const once = recorded(false);
    printedAtOnce({ stdout: once.stream, stderr: once.stream }, false, () => {});
    expect(once.writes).toEqual([]);
  });
});
