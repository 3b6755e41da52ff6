import { describe, expect, it } from 'vitest';
import { shortSignature } from './shortSignature.js';

const execTransaction = 'execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)';

describe('a signature for one line of the call list', () => {
  it('keeps a short one whole and cuts a long one to its name', () => {
    expect(shortSignature('pause()')).toBe('pause()');
    expect(shortSignature(execTransaction)).toBe('execTransaction(…)');
    expect(shortSignature('0x12345678')).toBe('0x12345678');
  });

  it('keeps the mark of a guessed name, and every name a shared selector has', () => {
    expect(shortSignature(`${execTransaction} (guessed from the selector)`)).toBe(
      'execTransaction(…) (guessed from the selector)',
    );
    const ambiguous = 'transferFrom(address,address,uint256) or gasprice_bit_ether(int128)';
    expect(shortSignature(ambiguous)).toBe(ambiguous);
  });
});
