import { describe, expect, it } from 'vitest';
import { createSafeTx } from './safeTx.js';
import { safeTxHashes } from './safeTxHash.js';
import { verifyClaimedHash } from './verifyClaimedHash.js';
import { isGuardianError } from '../errors.js';

describe('safeTxHashes', () => {
  it('computes a 1.3.0 hash with chainId in the domain', () => {
    const tx = createSafeTx({ chainId: 1n, safe: '0x1234567890123456789012345678901234567890', safeVersion: '1.3.0', to: '0x0000000000000000000000000000000000000001', nonce: 0n });
    const h = safeTxHashes(tx);
    expect(h.safeTxHash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('refuses a claimed hash that does not match the fields', () => {
    const tx = createSafeTx({ chainId: 1n, safe: '0x1234567890123456789012345678901234567890', safeVersion: '1.4.1', to: '0x0000000000000000000000000000000000000001', nonce: 0n });
    try {
      verifyClaimedHash(tx, '0x' + '11'.repeat(32), 'the Transaction Service');
      expect.unreachable();
    } catch (e) {
      expect(isGuardianError(e, 'HASH_MISMATCH')).toBe(true);
    }
  });
});
