import { describe, expect, it } from 'vitest';
import { assertMaySign, type SigningGateInput } from './signingGate.js';
import { quorumStatus } from './quorum.js';

const owner = '0x1111111111111111111111111111111111111111';
const base: SigningGateInput = {
  hashVerdict: 'match',
  signer: owner,
  owners: [owner],
  review: { status: 'complete', checksNotRun: [], findings: [{ code: 'PAUSE', severity: 'info', title: 'Pauses Vault' }] },
  acknowledged: [],
};

describe('assertMaySign', () => {
  it('lets an owner sign a matching, fully reviewed transaction with no critical finding', () => {
    expect(() => assertMaySign(base)).not.toThrow();
  });

  it('refuses when the hash disagrees', () => {
    expect(() => assertMaySign({ ...base, hashVerdict: 'mismatch' })).toThrow(/does not match/);
  });

  it('refuses a signer that is not an owner', () => {
    expect(() => assertMaySign({ ...base, signer: '0x2222222222222222222222222222222222222222' })).toThrow(expect.objectContaining({ code: 'SIGNER_NOT_OWNER' }));
  });

  it('refuses without a review, and when a check could not run', () => {
    expect(() => assertMaySign({ ...base, review: null })).toThrow(/not been reviewed/);
    expect(() => assertMaySign({ ...base, review: { status: 'incomplete', checksNotRun: ['simulation'], findings: [] } })).toThrow(/simulation/);
  });

  it('refuses while a critical finding is unacknowledged, and allows it once acknowledged', () => {
    const review = { status: 'complete' as const, checksNotRun: [], findings: [{ code: 'SAFE_SINGLETON_CHANGED', severity: 'critical' as const, title: 'Changes the Safe singleton' }] };
    expect(() => assertMaySign({ ...base, review })).toThrow(/SAFE_SINGLETON_CHANGED/);
    expect(() => assertMaySign({ ...base, review, acknowledged: ['SAFE_SINGLETON_CHANGED'] })).not.toThrow();
  });
});

describe('quorumStatus', () => {
  it('counts owners once, names who is missing, and never counts strangers', () => {
    const owners = ['0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', '0x3333333333333333333333333333333333333333'];
    const status = quorumStatus(owners, 2, [
      { owner: owners[0]!, signature: '0x' },
      { owner: owners[0]!.toUpperCase().replace('0X', '0x'), signature: '0x' },
      { owner: '0x4444444444444444444444444444444444444444', signature: '0x' },
    ]);
    expect(status.signed).toEqual([owners[0]]);
    expect(status.missing).toEqual([owners[1], owners[2]]);
    expect(status.strangers).toEqual(['0x4444444444444444444444444444444444444444']);
    expect(status.met).toBe(false);
  });
});
