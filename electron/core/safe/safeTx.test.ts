import { describe, expect, it } from 'vitest';
import { createSafeTx } from './safeTx.js';
import { safeTxHash } from './safeTxHash.js';

const base = { chainId: 1n, safe: '0x' + '5a'.repeat(20), safeVersion: '1.4.1', to: '0x' + '12'.repeat(20), nonce: 0n };

describe('createSafeTx', () => {
  it('refuses every number field a uint256 cannot hold with INVALID_SAFE_TX naming it, and takes 2^256 - 1', () => {
    for (const field of ['chainId', 'value', 'safeTxGas', 'baseGas', 'gasPrice', 'nonce'] as const) {
      expect(() => createSafeTx({ ...base, [field]: 2n ** 300n }), field).toThrow(
        expect.objectContaining({
          code: 'INVALID_SAFE_TX',
          message: expect.stringMatching(
            new RegExp(`^The ${field} 20370359763344860862… \\(91 digits\\) does not fit a uint256\\.$`),
          ),
        }),
      );
      expect(() => createSafeTx({ ...base, [field]: -1n }), field).toThrow(
        expect.objectContaining({ code: 'INVALID_SAFE_TX', message: `The ${field} -1 does not fit a uint256.` }),
      );
    }
    expect(safeTxHash(createSafeTx({ ...base, value: 2n ** 256n - 1n }))).toMatch(/^0x[0-9a-f]{64}$/);
  });
});
