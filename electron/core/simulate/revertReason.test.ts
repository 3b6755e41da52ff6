import { AbiCoder, Interface, toBeHex } from 'ethers';
import { describe, expect, it } from 'vitest';
import { decodeRevert, errorFragments } from './revertReason.js';

const coder = AbiCoder.defaultAbiCoder();
const errorString = (message: string) => '0x08c379a0' + coder.encode(['string'], [message]).slice(2);
const panic = (code: number) => '0x4e487b71' + toBeHex(code, 32).slice(2);

describe('revert reasons', () => {
  it("spells out the Safe's GS codes", () => {
    expect(decodeRevert(errorString('GS026'))).toMatchObject({
      kind: 'safe-code',
      reason: expect.stringMatching(/^GS026: Invalid owner provided/),
    });
    expect(decodeRevert(errorString('GS013')).reason).toMatch(/^GS013: .*reverted/);
  });

  it('keeps an ordinary Error(string) as it is, and names panics', () => {
    expect(decodeRevert(errorString('Ownable: caller is not the owner'))).toMatchObject({
      kind: 'error-string',
      reason: 'Ownable: caller is not the owner',
    });
    expect(decodeRevert(panic(0x11))).toMatchObject({
      kind: 'panic',
      reason: 'Panic 0x11: arithmetic overflow or underflow',
    });
    expect(decodeRevert(panic(0x99)).reason).toBe('Panic 0x99: unknown panic code');
  });

  it('decodes a custom error from a known ABI, with its arguments', () => {
    const abi = ['error OwnableUnauthorizedAccount(address account)'];
    const data = new Interface(abi).encodeErrorResult('OwnableUnauthorizedAccount', ['0x' + '12'.repeat(20)]);
    expect(decodeRevert(data, errorFragments([abi]))).toMatchObject({
      kind: 'custom-error',
      reason: expect.stringMatching(/^OwnableUnauthorizedAccount\(account: 0x(12){20}\)$/i),
    });
  });

  it('shows every declaration that fits a selector rather than picking one', () => {
    // Same name and types, two ABIs, two argument names: both readings are shown.
    const a = ['error Denied(uint256 code)'];
    const b = ['error Denied(uint256 reason)'];
    const data = new Interface(a).encodeErrorResult('Denied', [7n]);
    expect(decodeRevert(data, errorFragments([a, b])).reason).toBe('Denied(code: 7) or Denied(reason: 7)');
  });

  it('names an unknown custom error by its selector, an empty revert as such, and keeps the raw data', () => {
    expect(decodeRevert('0xdeadbeef')).toMatchObject({
      kind: 'unknown-custom-error',
      reason: expect.stringContaining('0xdeadbeef'),
      data: '0xdeadbeef',
    });
    expect(decodeRevert('0x')).toMatchObject({ kind: 'empty' });
    expect(decodeRevert(undefined)).toMatchObject({ kind: 'empty' });
    expect(decodeRevert('0x08c379a0ffff')).toMatchObject({
      kind: 'unknown-custom-error',
      reason: 'malformed Error(string) revert data',
    });
  });
});
