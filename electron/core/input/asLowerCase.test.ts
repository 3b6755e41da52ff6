import { describe, expect, it } from 'vitest';
import { asLowerCase } from './asLowerCase.js';

describe('asLowerCase', () => {
  it('lowers text as toLowerCase does, whether or not it has capitals', () => {
    for (const text of ['', '0x', '0x5aFE3855358E112B5647B952709E6165e1c1eEEe', '0xabcdef0123', 'ABC', '0XAB'])
      expect(asLowerCase(text)).toBe(text.toLowerCase());
  });
});
