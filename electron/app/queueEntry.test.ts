import { Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { AddressBook } from '../core/decode/addressBook.js';
import { decodeTransaction } from '../core/decode/decodeTransaction.js';
import { createSafeTx, type SafeTx } from '../core/safe/safeTx.js';
import { safeTxHash } from '../core/safe/safeTxHash.js';
import type { StoredQueueItem } from '../core/store/queueItems.js';
import { queueEntry, shortDescription } from './queueEntry.js';

const safe = '0x' + '5a'.repeat(20);
const vault = '0x' + 'aa'.repeat(20);

function stored(tx: SafeTx): StoredQueueItem {
  const hash = safeTxHash(tx);
  return {
    safeTx: tx,
    safeTxHash: hash,
    claimedSafeTxHash: hash,
    source: { kind: 'service', url: 'http://127.0.0.1:1' },
    confirmations: [],
    fetchedAt: 'now',
  };
}

describe('a queue row', () => {
  const pause = createSafeTx({
    chainId: 1n,
    safe,
    safeVersion: '1.4.1',
    to: vault,
    data: new Interface(['function pause()']).encodeFunctionData('pause'),
    nonce: 4n,
  });

  it("says what the transaction does in the decoder's words, with the address book's names", () => {
    const book = new AddressBook().add(vault, 'Vault');
    const entry = queueEntry(stored(pause), 2, { decoded: decodeTransaction(pause, { addressBook: book }) }, []);
    expect(entry.description).toMatch(/^Pauses Vault \(0x/);
    expect(entry.decoding).toEqual({
      warnings: 0,
      warningTexts: [],
      delegatecallToUnknown: false,
      ambiguous: false,
      truncated: false,
    });
  });

  it("counts the decoder's warnings on hostile calldata and flags a delegatecall to unknown code", () => {
    const hostile = createSafeTx({ ...pause, operation: 1, data: '0xdeadbeef' + 'ff'.repeat(7) });
    const entry = queueEntry(stored(hostile), 2, { decoded: decodeTransaction(hostile) }, []);
    expect(entry.decoding?.delegatecallToUnknown).toBe(true);
    expect(entry.decoding?.warnings).toBeGreaterThan(0);
    // Each counted warning has its words, for the badge that counts them.
    expect(entry.decoding?.warningTexts).toHaveLength(entry.decoding!.warnings);
    expect(entry.decoding?.warningTexts.every((w) => w.length > 0)).toBe(true);
  });

  it('falls back to what the bytes show, and says why, when the transaction could not be decoded', () => {
    const entry = queueEntry(stored(pause), 2, { failure: 'Not an address: 0x12.' }, []);
    expect(entry.description).toBe('Calls 0x8456cb59 (4 bytes of data) (not decoded: Not an address: 0x12.)');
    expect(entry.decoding).toBeNull();
  });
});

describe('the byte-level description', () => {
  it('says only what the bytes show: selector, size and value', () => {
    expect(shortDescription('0x8456cb59', 0n)).toBe('Calls 0x8456cb59 (4 bytes of data)');
    expect(shortDescription('0xa9059cbb' + '00'.repeat(64), 10n ** 18n)).toBe(
      'Calls 0xa9059cbb (68 bytes of data), sends 1.0 native',
    );
    expect(shortDescription('0x', 5n * 10n ** 17n)).toBe('Plain transfer: sends 0.5 native');
    expect(shortDescription('0x', 0n)).toBe('Empty call: no data, no value');
    expect(shortDescription('0x8456', 0n)).toBe('Calls with a partial selector (2 bytes of data)');
  });
});
