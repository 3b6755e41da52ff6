import { describe, expect, it } from 'vitest';
import { shortDescription } from './queueEntry.js';

describe('the queue placeholder description', () => {
  it('says only what the bytes show: selector, size and value', () => {
    expect(shortDescription('0x8456cb59', 0n)).toBe('Calls 0x8456cb59 (4 bytes of data)');
    expect(shortDescription('0xa9059cbb' + '00'.repeat(64), 10n ** 18n)).toBe('Calls 0xa9059cbb (68 bytes of data), sends 1.0 native');
    expect(shortDescription('0x', 5n * 10n ** 17n)).toBe('Plain transfer: sends 0.5 native');
    expect(shortDescription('0x', 0n)).toBe('Empty call: no data, no value');
    expect(shortDescription('0x8456', 0n)).toBe('Calls with a partial selector (2 bytes of data)');
  });
});
