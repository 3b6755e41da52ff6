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

  it('gives each Safe, chain and version its own domain hash, however often they are hashed', () => {
    const safe = '0x1234567890123456789012345678901234567890';
    const base = { safe, to: '0x0000000000000000000000000000000000000001', nonce: 0n };
    const domains = [
      { chainId: 1n, safeVersion: '1.3.0' },
      { chainId: 5n, safeVersion: '1.3.0' },
      { chainId: 1n, safeVersion: '1.2.0' },
      { chainId: 1n, safeVersion: '1.3.0', safe: '0x0000000000000000000000000000000000000abc' },
    ].map((fields) => safeTxHashes(createSafeTx({ ...base, ...fields })).domainHash);
    expect(new Set(domains).size).toBe(4);
    // Before 1.3.0 the domain has no chain id: the same Safe on two chains shares it.
    expect(safeTxHashes(createSafeTx({ ...base, chainId: 5n, safeVersion: '1.2.0' })).domainHash).toBe(domains[2]);
    expect(safeTxHashes(createSafeTx({ ...base, chainId: 1n, safeVersion: '1.3.0' })).domainHash).toBe(domains[0]);
  });
});
