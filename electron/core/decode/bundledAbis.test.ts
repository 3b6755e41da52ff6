import { FunctionFragment } from 'ethers';
import { describe, expect, it } from 'vitest';
import { AddressBook } from './addressBook.js';
import { BUNDLED_ABIS } from './bundledAbis.js';
import { classifyAction } from './classifyAction.js';
import type { DecodedAction } from './decodedTransaction.js';
import { describeAction } from './describeAction.js';

const signatures = Object.values(BUNDLED_ABIS)
  .flat()
  .map((s) => FunctionFragment.from(s).format('sighash'));
const to = '0x1212121212121212121212121212121212121212';

function actionFor(signature: string): DecodedAction {
  const fragment = FunctionFragment.from(`function ${signature}`);
  const sample = (type: string): unknown =>
    type === 'address'
      ? to
      : type === 'bool'
        ? 'true'
        : type.endsWith('[]')
          ? []
          : type.startsWith('bytes')
            ? '0x00'
            : '1';
  return {
    depth: 0,
    path: '',
    to,
    value: 0n,
    operation: 0,
    data: fragment.selector,
    selector: fragment.selector,
    signature,
    candidates: [signature],
    source: 'bundled',
    args: fragment.inputs.map((p, i) => ({ name: `a${i}`, type: p.type, value: sample(p.type) })),
    children: [],
    class: 'unknown',
    sentence: '',
    warnings: [],
  };
}

describe('the bundled ABIs', () => {
  it('give every bundled function a class', () => {
    expect(signatures.filter((s) => classifyAction(s, true, 0n) === 'unknown')).toEqual([]);
  });

  it('give every bundled function its own sentence, never the generic "Calls …"', () => {
    expect(signatures.filter((s) => describeAction(actionFor(s), new AddressBook()).startsWith('Calls '))).toEqual([]);
  });

  it('hold no two functions with one selector, which would make a standard call ambiguous', () => {
    const selectors = Object.values(BUNDLED_ABIS)
      .flat()
      .map((s) => FunctionFragment.from(s).selector);
    expect(new Set(selectors).size).toBe(selectors.length);
  });
});
