import { describe, expect, it } from 'vitest';
import { figuresLine, needsWords } from './figuresLine.js';
import type { ResponseFigures } from './responseFigures.js';

const base: ResponseFigures = {
  proposedAt: '2026-12-02T08:00:00Z',
  sinceProposalMs: 2 * 3_600_000 + 5 * 60_000,
  confirmations: [],
  threshold: 2,
  verifiedSignatures: 0,
  needs: 2,
  doubts: [],
};

describe('figuresLine', () => {
  it('times only the counted signatures: the row already names the ones that do not count', () => {
    const line = figuresLine({
      ...base,
      needs: 1,
      verifiedSignatures: 1,
      confirmations: [
        {
          owner: '0x1111111111111111111111111111111111112222',
          origin: 'service',
          status: 'valid',
          signedAt: null,
          afterProposalMs: 12 * 60_000,
        },
        {
          owner: '0x3333333333333333333333333333333333334444',
          origin: 'service',
          status: 'refused',
          signedAt: null,
          afterProposalMs: 60_000,
        },
      ],
    });
    expect(line).toBe('proposed 2h 05m ago · needs 1 more · signed: 0x1111…2222 after 12m');
  });

  it('says when the threshold is met, and says nothing of it while the owners are unknown', () => {
    expect(needsWords({ ...base, needs: 0 })).toBe('threshold met');
    expect(figuresLine({ ...base, needs: null, sinceProposalMs: null })).toBe('proposed at an unknown time');
  });
});
