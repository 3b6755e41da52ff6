import { describe, expect, it } from 'vitest';
import { executionStep } from './executionStep.js';

describe('an execution step as the app shows it', () => {
  it('says what the Ledger will ask to approve, and how the execution ended', () => {
    const safe = '0x' + '12'.repeat(20);
    expect(executionStep({ stage: 'awaiting-approval', to: safe, nonce: 3 })).toEqual({
      stage: 'awaiting-approval',
      detail: `Approve on the Ledger: a transaction to the Safe ${safe}, from your account's nonce 3.`,
    });
    expect(executionStep({ stage: 'mined', blockNumber: 9, success: false }).detail).toBe(
      'Mined in block 9, but the Safe reported its inner call failed.',
    );
  });
});
