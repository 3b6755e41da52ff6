import { calculateSafeTransactionHash } from '@safe-global/protocol-kit';
import { hashTypedData } from 'viem';
import { describe, expect, it } from 'vitest';
import { createSafeTx } from './safeTx.js';
import { safeTxHashes, safeTxTypedData } from './safeTxHash.js';
import { safeTxToJson } from './safeTxJson.js';

/**
 * One transaction with every field non-zero (so a field dropped or misplaced changes the hash), hashed under
 * each Safe version's rules. The literal vectors were computed once with viem 2.57.20 (hashDomain, hashStruct,
 * hashTypedData) from type strings written by hand from each version's GnosisSafe.sol, independently of ethers
 * and of this project's code; they pin the result against a silent change in either library.
 */
const fields = {
  chainId: 100n,
  safe: '0x5afe3855358e112b5647b952709e6165e1c1eeee',
  to: '0x9cbd9a5f3b3e8b71ab7e7e1c6b6ef8b8d6e7bc11',
  value: 1_000_000_000_000_000_000n,
  data: '0xa9059cbb0000000000000000000000001111111111111111111111111111111111111111000000000000000000000000000000000000000000000000000000000000002a',
  operation: 1 as const,
  safeTxGas: 50_000n,
  baseGas: 21_000n,
  gasPrice: 3n,
  gasToken: '0x0000000000000000000000000000000000000000',
  refundReceiver: '0x2222222222222222222222222222222222222222',
  nonce: 42n,
};

const vectors = [
  // 0.1.0: SafeTx has `dataGas`; domain is EIP712Domain(address verifyingContract).
  {
    version: '0.1.0',
    domainHash: '0x4ae206d90df0bfba27c4c6973c3521a56d4faa80bb133f158edaa8a4f743a1b0',
    messageHash: '0x136a9e0dcb4731f7a271c1bd14295f316c98966323e368e176c182e4461e1a5b',
    safeTxHash: '0x8a0699c148551a4febaa5675e90046b8a9be5be41773aa46ee967f28550b3f50',
  },
  // 1.0.0 to 1.2.0: `baseGas`; same domain without chainId.
  {
    version: '1.0.0',
    domainHash: '0x4ae206d90df0bfba27c4c6973c3521a56d4faa80bb133f158edaa8a4f743a1b0',
    messageHash: '0x460d7d745047fefd466c5f31813dc5abf17e0ce5ffa230d39ed8d322ae374624',
    safeTxHash: '0x1cecbef2b6b4a2b9e45a11822acdb5bf0dad1d65849e41e765f38b491e96e18d',
  },
  {
    version: '1.1.1',
    domainHash: '0x4ae206d90df0bfba27c4c6973c3521a56d4faa80bb133f158edaa8a4f743a1b0',
    messageHash: '0x460d7d745047fefd466c5f31813dc5abf17e0ce5ffa230d39ed8d322ae374624',
    safeTxHash: '0x1cecbef2b6b4a2b9e45a11822acdb5bf0dad1d65849e41e765f38b491e96e18d',
  },
  {
    version: '1.2.0',
    domainHash: '0x4ae206d90df0bfba27c4c6973c3521a56d4faa80bb133f158edaa8a4f743a1b0',
    messageHash: '0x460d7d745047fefd466c5f31813dc5abf17e0ce5ffa230d39ed8d322ae374624',
    safeTxHash: '0x1cecbef2b6b4a2b9e45a11822acdb5bf0dad1d65849e41e765f38b491e96e18d',
  },
  // 1.3.0 onward: EIP712Domain(uint256 chainId,address verifyingContract).
  {
    version: '1.3.0',
    domainHash: '0xe781ee023916c0f502e44b4f1aa1ef879e5aa51adc320facdaac244925ece94b',
    messageHash: '0x460d7d745047fefd466c5f31813dc5abf17e0ce5ffa230d39ed8d322ae374624',
    safeTxHash: '0x3b2a35398000057b0056297ba9b6c51ccfde83a8ba8bfcdad0af49a0acd9099e',
  },
  {
    version: '1.4.1',
    domainHash: '0xe781ee023916c0f502e44b4f1aa1ef879e5aa51adc320facdaac244925ece94b',
    messageHash: '0x460d7d745047fefd466c5f31813dc5abf17e0ce5ffa230d39ed8d322ae374624',
    safeTxHash: '0x3b2a35398000057b0056297ba9b6c51ccfde83a8ba8bfcdad0af49a0acd9099e',
  },
];

describe('safeTxHashes against independent vectors', () => {
  for (const vector of vectors) {
    it(`matches the viem-computed vector for Safe ${vector.version}`, () => {
      const hashes = safeTxHashes(createSafeTx({ ...fields, safeVersion: vector.version }));
      expect(hashes).toEqual({
        domainHash: vector.domainHash,
        messageHash: vector.messageHash,
        safeTxHash: vector.safeTxHash,
      });
    });
  }

  for (const version of ['1.0.0', '1.1.1', '1.2.0', '1.3.0', '1.4.1'] as const) {
    it(`agrees with protocol-kit's calculateSafeTransactionHash for Safe ${version}`, () => {
      const tx = createSafeTx({ ...fields, safeVersion: version });
      const { chainId: _chainId, safe: _safe, safeVersion: _version, ...txFields } = safeTxToJson(tx);
      const theirs = calculateSafeTransactionHash(
        tx.safe,
        { ...txFields, nonce: Number(tx.nonce) },
        version,
        tx.chainId,
      );
      expect(safeTxHashes(tx).safeTxHash).toBe(theirs);
    });
  }

  it('gives viem the same typed data that it hashes to the same safeTxHash, for every version', () => {
    for (const vector of vectors) {
      const typed = safeTxTypedData(createSafeTx({ ...fields, safeVersion: vector.version }));
      const { EIP712Domain: _domainFields, ...types } = typed.types;
      const viemHash = hashTypedData({
        domain: typed.domain,
        types,
        primaryType: 'SafeTx',
        message: typed.message,
      } as unknown as Parameters<typeof hashTypedData>[0]);
      expect(viemHash).toBe(vector.safeTxHash);
    }
  });

  it('treats an L2 version string like its base version', () => {
    const l1 = safeTxHashes(createSafeTx({ ...fields, safeVersion: '1.3.0' }));
    const l2 = safeTxHashes(createSafeTx({ ...fields, safeVersion: '1.3.0+L2' }));
    expect(l2).toEqual(l1);
  });

  it('refuses a Safe version it has no rules for', () => {
    expect(() => safeTxHashes(createSafeTx({ ...fields, safeVersion: '2.0.0' }))).toThrow(/2\.0\.0/);
  });
});
