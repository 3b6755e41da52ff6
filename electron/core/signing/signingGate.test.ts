import { describe, expect, it } from 'vitest';
import { assertMaySign, type SigningGateInput } from './signingGate.js';
import { quorumStatus } from '../safe/quorum.js';

const owner = '0x1111111111111111111111111111111111111111';
const base: SigningGateInput = {
  hashVerdict: 'match',
  signer: owner,
  owners: [owner],
  review: {
    status: 'complete',
    checksNotRun: [],
    findings: [{ code: 'PAUSE', severity: 'info', title: 'Pauses Vault' }],
  },
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
    expect(() => assertMaySign({ ...base, signer: '0x2222222222222222222222222222222222222222' })).toThrow(
      expect.objectContaining({ code: 'SIGNER_NOT_OWNER' }),
    );
  });

  it('refuses without a review, and when a check could not run', () => {
    expect(() => assertMaySign({ ...base, review: null })).toThrow(/not been reviewed/);
    expect(() =>
      assertMaySign({ ...base, review: { status: 'incomplete', checksNotRun: ['simulation'], findings: [] } }),
    ).toThrow(/simulation/);
  });

  it('refuses while a critical finding is unacknowledged, and allows it once acknowledged', () => {
    const review = {
      status: 'complete' as const,
      checksNotRun: [],
      findings: [
        { code: 'SAFE_SINGLETON_CHANGED', severity: 'critical' as const, title: 'Changes the Safe singleton' },
      ],
    };
    expect(() => assertMaySign({ ...base, review })).toThrow(/SAFE_SINGLETON_CHANGED/);
    expect(() => assertMaySign({ ...base, review, acknowledged: ['SAFE_SINGLETON_CHANGED'] })).not.toThrow();
  });
});

describe('quorumStatus', () => {
  it('counts owners once, names who is missing, and never counts strangers', () => {
    const owners = [
      '0x1111111111111111111111111111111111111111',
      '0x2222222222222222222222222222222222222222',
      '0x3333333333333333333333333333333333333333',
    ];
    const valid = (owner: string) => ({
      confirmation: { owner, signature: '0x' },
      owner,
      kind: 'eip712' as const,
      status: 'valid' as const,
      reason: null,
    });
    const status = quorumStatus(owners, 2, [
      valid(owners[0]!),
      valid(owners[0]!.toUpperCase().replace('0X', '0x')),
      { ...valid('0x4444444444444444444444444444444444444444'), status: 'refused', reason: 'not an owner' },
      { ...valid(owners[1]!), kind: 'approved_hash', status: 'unverified', reason: 'no chain here' },
      { ...valid(owners[2]!), status: 'refused', reason: 'another key' },
    ]);
    expect(status.signed).toEqual([owners[0]]);
    expect(status.missing).toEqual([owners[1], owners[2]]);
    expect(status.strangers).toEqual(['0x4444444444444444444444444444444444444444']);
    expect(status.unverified).toEqual([{ owner: owners[1], reason: 'no chain here' }]);
    expect(status.refused).toEqual([
      { owner: '0x4444444444444444444444444444444444444444', reason: 'not an owner' },
      { owner: owners[2], reason: 'another key' },
    ]);
    expect(status.met).toBe(false);
  });
});
