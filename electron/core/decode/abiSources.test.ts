import { id } from 'ethers';
import { describe, expect, it } from 'vitest';
import { AbiSources } from './abiSources.js';

const vault = '0x1212121212121212121212121212121212121212';
const other = '0x3434343434343434343434343434343434343434';
// burn(uint256) and collate_propagate_storage(bytes16) are a real four-byte collision.
const BURN = id('burn(uint256)').slice(0, 10);

describe('AbiSources', () => {
  it('keeps both signatures of a collision inside one registered ABI, where ethers would return the first', () => {
    const sources = new AbiSources([
      { address: vault, abi: ['function burn(uint256 amount)', 'function collate_propagate_storage(bytes16 x)'] },
    ]);
    const match = sources.lookup(vault, BURN);
    expect(match.source).toBe('registered');
    expect(match.fragments.map((f) => f.format('sighash')).sort()).toEqual([
      'burn(uint256)',
      'collate_propagate_storage(bytes16)',
    ]);
  });

  it('answers from the registered ABI for its own address only, matching the address in any case', () => {
    const sources = new AbiSources([
      { address: vault.toUpperCase().replace('0X', '0x'), abi: ['function burn(uint256 amount)'] },
    ]);
    expect(sources.lookup(vault, BURN)).toMatchObject({ source: 'registered' });
    expect(sources.lookup(other, BURN).source).toBe('selector-table');
  });

  it('ranks the protocol artifacts above the bundled set, and one signature in two artifacts is one candidate', () => {
    const artifacts = [
      {
        contractName: 'Vault',
        abi: [{ type: 'function', name: 'pause', inputs: [], outputs: [], stateMutability: 'nonpayable' }],
      },
      { contractName: 'VaultV2', abi: ['function pause()'] },
    ];
    const match = new AbiSources([], artifacts).lookup(other, id('pause()').slice(0, 10));
    expect(match.source).toBe('artifact');
    expect(match.fragments).toHaveLength(1);
    expect(new AbiSources().lookup(other, id('pause()').slice(0, 10)).source).toBe('bundled');
  });

  it('shows two artifacts whose different functions share a selector as two candidates', () => {
    const artifacts = [
      { contractName: 'A', abi: ['function burn(uint256)'] },
      { contractName: 'B', abi: ['function collate_propagate_storage(bytes16)'] },
    ];
    expect(new AbiSources([], artifacts).lookup(other, BURN)).toMatchObject({
      source: 'artifact',
      fragments: [{ name: 'burn' }, { name: 'collate_propagate_storage' }],
    });
  });

  it('skips malformed entries of a registered ABI and keeps the rest', () => {
    const abi = [
      { type: 'function', name: 'bad', inputs: [{ type: 'uint7' }] },
      'not a fragment',
      { type: 'event', name: 'Paused', inputs: [] },
      'function setCap(uint256 cap)',
    ];
    const sources = new AbiSources([
      { address: vault, abi: abi as never },
      { address: other, abi: 'not json' },
    ]);
    expect(sources.lookup(vault, id('setCap(uint256)').slice(0, 10))).toMatchObject({
      source: 'registered',
      fragments: [{ name: 'setCap' }],
    });
    expect(sources.lookup(vault, id('bad(uint7)').slice(0, 10)).source).toBe('none');
  });

  it('falls back to the selector table, then to nothing', () => {
    expect(new AbiSources().lookup(vault, id('setSupplyCap(address,uint256)').slice(0, 10)).source).toBe(
      'selector-table',
    );
    expect(new AbiSources().lookup(vault, '0xdeadbeef')).toEqual({ source: 'none', fragments: [] });
  });
});
