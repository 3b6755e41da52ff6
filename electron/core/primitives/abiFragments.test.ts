import { ErrorFragment, EventFragment, FunctionFragment } from 'ethers';
import { describe, expect, it } from 'vitest';
import { indexAbiFragments } from './abiFragments.js';

const functions = (abis: Parameters<typeof indexAbiFragments>[0]) =>
  indexAbiFragments(abis, { kind: FunctionFragment, key: 'selector', same: 'sighash' });

describe('indexAbiFragments', () => {
  it('skips a malformed entry and keeps the rest of the ABI', () => {
    const index = functions([['function pause()', 'function (((', { type: 'function', name: 'unpause', inputs: [] }]]);
    expect(
      [...index.values()]
        .flat()
        .map((f) => f.format('sighash'))
        .sort(),
    ).toEqual(['pause()', 'unpause()']);
  });

  it('keeps both signatures of a real selector collision instead of the first one', () => {
    const index = functions([['function burn(uint256)'], ['function collate_propagate_storage(bytes16)']]);
    expect(index.get('0x42966c68')?.map((f) => f.format('sighash'))).toEqual([
      'burn(uint256)',
      'collate_propagate_storage(bytes16)',
    ]);
  });

  it('reads an ABI given as JSON text, and ignores text that is not JSON', () => {
    const index = indexAbiFragments([JSON.stringify([{ type: 'error', name: 'Paused', inputs: [] }]), 'not json'], {
      kind: ErrorFragment,
      key: 'selector',
      same: 'full',
    });
    expect([...index.values()].flat().map((f) => f.name)).toEqual(['Paused']);
  });

  it('leaves out what `accept` refuses: an anonymous event has no topic to be found by', () => {
    const index = indexAbiFragments([['event Seen(uint256) anonymous', 'event Paused(address account)']], {
      kind: EventFragment,
      key: 'topicHash',
      same: 'full',
      accept: (f) => !f.anonymous,
    });
    expect([...index.values()].flat().map((f) => f.name)).toEqual(['Paused']);
  });
});
