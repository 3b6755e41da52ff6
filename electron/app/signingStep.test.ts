import { describe, expect, it } from 'vitest';
import { signingStep } from './signingStep.js';

describe('a signing step as the app shows it', () => {
  it('carries the hashes to compare only while the device waits for approval', () => {
    const compare = { domainHash: '0x' + '11'.repeat(32), messageHash: '0x' + '22'.repeat(32) };
    expect(signingStep({ stage: 'awaiting-approval', mode: 'hashed', compare })).toEqual({
      stage: 'awaiting-approval',
      detail: expect.stringContaining('two hashes'),
      compare,
    });
    expect(signingStep({ stage: 'checking-address', path: "44'/60'/0'/0/0" })).toEqual({
      stage: 'checking-address',
      detail: "Reading the owner's address at 44'/60'/0'/0/0.",
      compare: null,
    });
    expect(
      signingStep({ stage: 'checking-address', path: "44'/60'/0'/0/3", onDevice: '0x' + 'Ab'.repeat(20) }).detail,
    ).toBe(
      `Check the Ledger: it shows its address at 44'/60'/0'/0/3. Approve only if it is 0x${'Ab'.repeat(20)}, the owner this console chose.`,
    );
  });

  it('says why a mode was left and what was used instead', () => {
    expect(
      signingStep({ stage: 'fallback', from: 'full', to: 'hashed', reason: 'the Nano S cannot show EIP-712 fields' })
        .detail,
    ).toBe('The Ledger cannot sign in full mode (the Nano S cannot show EIP-712 fields); using hashed.');
  });
});
