import { FunctionFragment, id } from 'ethers';
import { describe, expect, it } from 'vitest';
import selectorTable from './selectorTable.json' with { type: 'json' };

const table = selectorTable as Record<string, string[]>;

describe('the shipped selector table', () => {
  it('maps each selector only to canonical signatures that hash to it', () => {
    const wrong = Object.entries(table).flatMap(([selector, signatures]) =>
      signatures.filter(
        (s) => id(s).slice(0, 10) !== selector || FunctionFragment.from(`function ${s}`).format('sighash') !== s,
      ),
    );
    expect(wrong).toEqual([]);
  });

  it('holds a few hundred signatures, the Safe and OpenZeppelin admin functions among them', () => {
    const all = new Set(Object.values(table).flat());
    expect(all.size).toBeGreaterThan(300);
    for (const s of [
      'swapOwner(address,address,address)',
      'upgradeToAndCall(address,bytes)',
      'scheduleBatch(address[],uint256[],bytes[],bytes32,bytes32,uint256)',
      'multiSend(bytes)',
    ]) {
      expect(all.has(s)).toBe(true);
    }
  });

  it('keeps both names of the Poly Network collision under one selector', () => {
    expect(table['0x41973cd9']).toEqual(['f1121318093(bytes,bytes,uint64)', 'putCurEpochConPubKeyBytes(bytes)']);
  });
});
