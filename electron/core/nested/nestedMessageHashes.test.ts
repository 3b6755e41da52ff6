import { concat, keccak256, TypedDataEncoder } from 'ethers';
import { describe, expect, it } from 'vitest';
import { createSafeTx } from '../safe/safeTx.js';
import { safeTxHash, safeTxPreimage } from '../safe/safeTxHash.js';
import { nestedMessageHashes } from './nestedMessageHashes.js';

const outerSafe = '0x1111111111111111111111111111111111111111';
const innerSafe = '0x2222222222222222222222222222222222222222';
const outer = (safeVersion: string) =>
  createSafeTx({ chainId: 1n, safe: outerSafe, safeVersion, to: outerSafe, data: '0x', nonce: 7n });
const inner = (safeVersion: string, chainId = 1n) => ({ chainId, safe: innerSafe, safeVersion });

describe('nestedMessageHashes', () => {
  it("holds the outer preimage up to 1.4.1 and the outer safeTxHash from 1.5.0, signed under the inner Safe's domain", () => {
    const legacy = nestedMessageHashes(outer('1.3.0'), inner('1.4.1'));
    expect(legacy.message).toBe(safeTxPreimage(outer('1.3.0')).toLowerCase());
    expect(keccak256(legacy.message)).toBe(legacy.outerSafeTxHash);
    const current = nestedMessageHashes(outer('1.5.0'), inner('1.5.0'));
    expect(current.message).toBe(safeTxHash(outer('1.5.0')).toLowerCase());
    // What a wallet computes for the inner Safe's SafeMessage over those bytes.
    const expected = TypedDataEncoder.hash(
      { chainId: 1n, verifyingContract: innerSafe },
      { SafeMessage: [{ name: 'message', type: 'bytes' }] },
      { message: current.message },
    );
    expect(current.innerSafeMessageHash).toBe(expected);
    expect(keccak256(concat(['0x1901', current.domainHash, current.messageHash]))).toBe(expected);
  });

  it('refuses an owner Safe older than 1.3.0 and an owner Safe on another chain', () => {
    expect(() => nestedMessageHashes(outer('1.4.1'), inner('1.2.0'))).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_SAFE_VERSION' }),
    );
    expect(() => nestedMessageHashes(outer('1.4.1'), inner('1.4.1', 5n))).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
