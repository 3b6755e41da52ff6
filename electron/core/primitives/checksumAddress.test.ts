import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { checksumAddress } from './checksumAddress.js';

describe('checksumAddress', () => {
  const address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

  it('answers as getAddress does, from lowercase, checksummed or remembered input', () => {
    expect(checksumAddress(address.toLowerCase())).toBe(address);
    expect(checksumAddress(address.toLowerCase())).toBe(address);
    expect(checksumAddress(address)).toBe(address);
    expect(checksumAddress('0x' + '00'.repeat(19) + '01')).toBe(getAddress('0x' + '00'.repeat(19) + '01'));
  });

  it('still refuses a mixed-case address whose checksum is wrong, even once the address is remembered', () => {
    checksumAddress(address);
    const wrong = address.replace('C51812dc', 'c51812DC');
    expect(() => getAddress(wrong)).toThrow();
    expect(() => checksumAddress(wrong)).toThrow();
  });

  it('refuses what is not an address', () => {
    expect(() => checksumAddress('0x1234')).toThrow();
  });
});
