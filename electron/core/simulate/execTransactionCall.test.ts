import { Interface, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { createSafeTx } from '../safe/safeTx.js';
import { execTransactionCall } from './simulateSafeTx.js';

/** ethers' encoding of the same call: the reference the hand-written encoding must agree with byte for byte. */
const reference = new Interface([
  'function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool)',
]);

describe('execTransactionCall', () => {
  it('encodes execTransaction exactly as ethers does, for data of every length and every field set', () => {
    const owners = Array.from({ length: 4 }, () => Wallet.createRandom().address);
    const lengths = [0, 1, 4, 31, 32, 33, 68, 1855];
    for (const [i, length] of lengths.entries()) {
      const tx = createSafeTx({
        chainId: 1n,
        safe: Wallet.createRandom().address,
        safeVersion: '1.4.1',
        to: Wallet.createRandom().address,
        value: BigInt(i) * 10n ** 18n,
        data: `0x${Buffer.from(Array.from({ length }, (_, b) => (b * 7 + i) % 256)).toString('hex')}`,
        operation: (i % 2) as 0 | 1,
        safeTxGas: BigInt(i * 1000),
        baseGas: BigInt(i * 10),
        gasPrice: i === 3 ? 2n ** 255n : 0n,
        gasToken: i === 5 ? owners[0]! : undefined,
        refundReceiver: i === 6 ? owners[1]! : undefined,
        nonce: BigInt(i),
      });
      const threshold = 1 + (i % 3);
      const { call } = execTransactionCall(tx, owners, threshold);
      const [decodedSignatures] = reference.decodeFunctionData('execTransaction', call.data).slice(9) as unknown as [
        string,
      ];
      expect(call.data).toBe(
        reference.encodeFunctionData('execTransaction', [
          tx.to,
          tx.value,
          tx.data,
          tx.operation,
          tx.safeTxGas,
          tx.baseGas,
          tx.gasPrice,
          tx.gasToken,
          tx.refundReceiver,
          decodedSignatures,
        ]),
      );
      expect((decodedSignatures.length - 2) / 2).toBe(65 * threshold);
    }
  });

  it('refuses what the ABI cannot carry, naming the field', () => {
    const tx = createSafeTx({
      chainId: 1n,
      safe: Wallet.createRandom().address,
      safeVersion: '1.4.1',
      to: Wallet.createRandom().address,
      nonce: 0n,
    });
    const owners = [Wallet.createRandom().address];
    // Given a hash, so that the encoding is what refuses, not ethers' hashing first.
    const hash = `0x${'ab'.repeat(32)}`;
    expect(() => execTransactionCall({ ...tx, value: 2n ** 256n }, owners, 1, hash)).toThrow(
      /value .* does not fit a uint256/,
    );
    expect(() => execTransactionCall({ ...tx, safeTxGas: -1n }, owners, 1, hash)).toThrow(/safeTxGas -1 does not fit/);
    expect(() => execTransactionCall({ ...tx, data: '0xabc' }, owners, 1, hash)).toThrow(/data is not hex bytes/);
    expect(() => execTransactionCall({ ...tx, operation: 2 as 0 }, owners, 1, hash)).toThrow(/operation 2 is neither/);
  });
});
