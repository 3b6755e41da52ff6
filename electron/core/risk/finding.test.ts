import { describe, expect, it } from 'vitest';
import { bySeverity, finding } from './finding.js';

describe('the order findings are shown in', () => {
  it('leads with the worst, and within a severity with what the transaction does before where it stands in the queue', () => {
    const raised = [
      finding('NONCE_NOT_NEXT', 'Its nonce is 1; the Safe is at 0.'),
      finding('PROTOCOL_PAUSED', 'Pauses the Vault.'),
      finding('IMPLEMENTATION_CHANGED', 'Upgrades the Vault.'),
      finding('SAFE_SINGLETON_CHANGED', 'Rewrites the singleton.'),
    ];
    expect(bySeverity(raised).map((f) => f.code)).toEqual([
      'SAFE_SINGLETON_CHANGED',
      'IMPLEMENTATION_CHANGED',
      'NONCE_NOT_NEXT',
      'PROTOCOL_PAUSED',
    ]);
  });
});
