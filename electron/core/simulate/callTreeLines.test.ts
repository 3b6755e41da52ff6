import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { AbiSources } from '../decode/abiSources.js';
import { AddressBook } from '../decode/addressBook.js';
import { callTreeLines } from './callTreeLines.js';
import type { CallFrame } from '../primitives/simulationTypes.js';

const [safe, vault, stranger] = ['0x' + '5a'.repeat(20), '0x' + 'a1'.repeat(20), '0x' + '0e'.repeat(20)];
const short = (address: string) => `${getAddress(address).slice(0, 6)}…${getAddress(address).slice(-4)}`;
const book = new AddressBook().add(safe, 'this Safe').add(vault, 'Vault');
const sources = new AbiSources(
  [],
  [{ contractName: 'Vault', abi: ['function pause()', 'function sweep(address to)'] }],
);
const frame = (type: string, to: string | undefined, input: string, extra: Partial<CallFrame> = {}): CallFrame => ({
  type,
  from: safe,
  ...(to ? { to } : {}),
  input,
  ...extra,
});

describe('the call tree as lines', () => {
  it('lists calls depth first, each function named from the ABIs, or its selector where none declares it', () => {
    const tree = frame('CALL', safe, '0x6a761202', {
      calls: [
        frame('CALL', vault, '0x8456cb59', { calls: [frame('DELEGATECALL', stranger, '0x8456cb59')] }),
        frame('CALL', stranger, '0x', { value: '0x2a' }),
        frame('CALL', stranger, '0xdeadbeef00'),
      ],
    });
    const { lines, omitted } = callTreeLines(tree, sources, book);
    expect(lines.map((l) => [l.depth, l.type, l.toLabel, l.fn, l.value])).toEqual([
      [
        0,
        'CALL',
        `this Safe (${short(safe)})`,
        'execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)',
        0n,
      ],
      [1, 'CALL', `Vault (${short(vault)})`, 'pause()', 0n],
      [2, 'DELEGATECALL', getAddress(stranger), 'pause()', 0n],
      [1, 'CALL', getAddress(stranger), 'no data', 42n],
      [1, 'CALL', getAddress(stranger), '0xdeadbeef', 0n],
    ]);
    expect(omitted).toBe(0);
  });

  it('marks a name only the offline selector table knows as a guess', () => {
    // sweep(address) is in no ABI given here nor bundled, only in the selector table.
    const { lines } = callTreeLines(
      frame('CALL', stranger, '0x01681a62' + '00'.repeat(32)),
      new AbiSources([], []),
      book,
    );
    expect(lines[0]!.fn).toBe('sweep(address) (guessed from the selector)');
  });

  it('says why a call failed, and names a creation', () => {
    const tree = frame('CALL', safe, '0x', {
      calls: [
        frame('CALL', vault, '0x8456cb59', { error: 'execution reverted', revertReason: 'EnforcedPause()' }),
        frame('CREATE', undefined, '0x6080', { error: 'out of gas' }),
      ],
    });
    const { lines } = callTreeLines(tree, sources, book);
    expect(lines.slice(1).map((l) => [l.fn, l.to, l.error])).toEqual([
      ['pause()', getAddress(vault), 'execution reverted: EnforcedPause()'],
      ['creates a contract', null, 'out of gas'],
    ]);
  });

  it('lists a hostile tree only up to the limit, counting the rest, however deep it goes', () => {
    let deep: CallFrame = frame('CALL', stranger, '0x');
    for (let i = 0; i < 5_000; i++) deep = frame('CALL', stranger, '0x', { calls: [deep] });
    const wide = frame('CALL', safe, '0x', {
      calls: [deep, ...Array.from({ length: 500 }, () => frame('STATICCALL', vault, '0x8456cb59'))],
    });
    const { lines, omitted } = callTreeLines(wide, sources, book, 300);
    expect(lines).toHaveLength(300);
    expect(lines[299]!.depth).toBe(299);
    expect(omitted).toBe(5_000 + 1 + 500 - 299);
  });
});
