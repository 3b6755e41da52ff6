import { describe, expect, it } from 'vitest';
import { getAddress } from 'ethers';
import { lookalikeFinder } from './lookalikeAddress.js';

const vault = getAddress('0x1234567890abcdef1234567890abcdef1234abcd');
const owner = getAddress('0x9999000000000000000000000000000000000001');
/** Ground to share the vault's first and last four hex characters, as an address-poisoning attacker does. */
const poisoned = '0x1234ffffffffffffffffffffffffffffffffabcd';

describe('look-alike addresses', () => {
  const lookalike = lookalikeFinder([
    [vault, 'Vault'],
    [owner, 'owner 1'],
  ]);

  it('flags an address with the same first and last four hex characters as a known one, naming the one it imitates', () => {
    expect(lookalike(poisoned)).toEqual({ address: getAddress(poisoned), resembles: vault, name: 'Vault' });
    expect(lookalike(poisoned.toUpperCase().replace('0X', '0x'))).toEqual({
      address: getAddress(poisoned),
      resembles: vault,
      name: 'Vault',
    });
  });

  it('does not flag the known address itself, in any spelling, nor one that differs at either end', () => {
    expect(lookalike(vault)).toBeNull();
    expect(lookalike(vault.toLowerCase())).toBeNull();
    expect(lookalike('0x1235ffffffffffffffffffffffffffffffffabcd')).toBeNull();
    expect(lookalike('0x1234ffffffffffffffffffffffffffffffffabce')).toBeNull();
  });

  it('does not flag two known addresses that happen to share their ends', () => {
    const both = lookalikeFinder([
      [vault, 'Vault'],
      [poisoned, 'Vault (old)'],
    ]);
    expect(both(poisoned)).toBeNull();
    expect(both(vault)).toBeNull();
  });
});
