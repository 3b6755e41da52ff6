import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { AbiCoder, keccak256 } from 'ethers';
import { EIP1967, labelSlot, mappingSlot, OZ_NAMESPACES, SAFE_SLOTS } from './storageSlots.js';

const require = createRequire(import.meta.url);
/** The constant OpenZeppelin's own source declares for a namespace, so the formula is checked against it. */
function ozConstant(file: string, name: string): string {
  const source = readFileSync(require.resolve(`@openzeppelin/contracts-upgradeable/${file}`), 'utf8');
  return source.match(new RegExp(`${name} = (0x[0-9a-f]{64})`))![1]!;
}

describe('storage slot labels', () => {
  it('computes ERC-7201 namespaces exactly as OpenZeppelin declares them', () => {
    expect(OZ_NAMESPACES.Pausable).toBe(ozConstant('utils/PausableUpgradeable.sol', 'PausableStorageLocation'));
    expect(OZ_NAMESPACES.Ownable).toBe(ozConstant('access/OwnableUpgradeable.sol', 'OwnableStorageLocation'));
    expect(OZ_NAMESPACES.AccessControl).toBe(
      ozConstant('access/AccessControlUpgradeable.sol', 'AccessControlStorageLocation'),
    );
  });

  it("knows the ERC-1967 slots and the Safe's own", () => {
    expect(EIP1967.implementation).toBe('0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc');
    expect(EIP1967.admin).toBe('0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103');
    expect(SAFE_SLOTS.guard).toBe('0x4a204f620c8c5ccdca3fd54d003badd85ba500436a431f0cbda4f558c93c34c8');
    // Safe 1.5.0's ModuleManager.sol, MODULE_GUARD_STORAGE_SLOT, as written in its source.
    expect(SAFE_SLOTS.moduleGuard).toBe('0xb104e0b93118902c651344349b610029d694cfdec91c589c91ebafbcd0289947');
    expect(labelSlot(SAFE_SLOTS.moduleGuard, true)).toBe('Safe module guard');
    expect(labelSlot(SAFE_SLOTS.threshold, true)).toBe('Safe threshold');
    expect(labelSlot(SAFE_SLOTS.threshold, false)).toBeNull();
  });
});

describe('mappingSlot', () => {
  const solidity = (keyType: string, key: string, slot: bigint) =>
    keccak256(AbiCoder.defaultAbiCoder().encode([keyType, 'uint256'], [key, slot]));

  it('is keccak256(abi.encode(key, slot)) for address and bytes32 keys, the slot as a number or hex', () => {
    const owner = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    const hash = `0x${'ab'.repeat(32)}`;
    expect(mappingSlot(owner, 2n)).toBe(solidity('address', owner, 2n));
    expect(mappingSlot(owner.toLowerCase(), '0x2')).toBe(solidity('address', owner, 2n));
    expect(mappingSlot(hash, 2n ** 255n + 7n)).toBe(solidity('bytes32', hash, 2n ** 255n + 7n));
    expect(mappingSlot('0x01', 1n)).toBe(solidity('uint256', '0x01', 1n));
  });

  it('refuses a key longer than a word, a key that is not hex, and a slot outside 256 bits', () => {
    for (const [key, slot] of [
      [`0x${'00'.repeat(33)}`, 0n],
      ['0x0g', 0n],
      ['0x1', 0n],
      ['0x01', -1n],
      ['0x01', 2n ** 256n],
    ] as const) {
      expect(() => mappingSlot(key, slot)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });
});
