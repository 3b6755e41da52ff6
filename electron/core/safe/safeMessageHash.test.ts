import { getAddress, TypedDataEncoder } from 'ethers';
import { hashMessage as viemHashMessage, hashTypedData } from 'viem';
import { describe, expect, it } from 'vitest';
import { orderTypedData } from '../../../test/message/typedDataFixture.js';
import { messageDataHash, safeMessageHashes } from './safeMessageHash.js';

const safe = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');
const typed = () => orderTypedData(1n, '0x' + '42'.repeat(20));

describe('messageDataHash and safeMessageHashes', () => {
  it('hashes text and typed data as viem, an independent implementation, does', () => {
    expect(messageDataHash('Zürich — 承認\nline two')).toBe(viemHashMessage('Zürich — 承認\nline two'));
    const t = typed();
    expect(messageDataHash(t)).toBe(
      hashTypedData({ ...t, domain: { ...t.domain, chainId: BigInt(t.domain['chainId'] as string) } } as never),
    );
  });

  it('refuses typed data whose declared EIP712Domain is not its domain, which wallets would hash differently', () => {
    const t = typed();
    t.types['EIP712Domain'] = t.types['EIP712Domain']!.filter((f) => f.name !== 'version');
    // viem follows the declaration and ethers the domain's keys: two hashes for one message.
    const viem = hashTypedData({ ...t, domain: { ...t.domain, chainId: 1n } } as never);
    const withoutDeclaration = TypedDataEncoder.hash(
      t.domain,
      { Order: t.types['Order']!, Party: t.types['Party']! },
      t.message,
    );
    expect(viem).not.toBe(withoutDeclaration);
    expect(() => messageDataHash(t)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/declares its EIP712Domain/) }),
    );
  });

  it('refuses typed data whose primary type is not the one its types make primary, or is missing', () => {
    expect(() => messageDataHash({ ...typed(), primaryType: 'Party' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/make Order the primary type/) }),
    );
    expect(() => messageDataHash({ ...typed(), primaryType: 'Nothing' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => messageDataHash({ ...typed(), message: { ...typed().message, amount: 'lots' } })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('refuses a Safe version it does not know rather than guess its domain', () => {
    expect(() => safeMessageHashes({ chainId: 1n, safe, safeVersion: '9.9.9', content: 'x' })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_SAFE_VERSION' }),
    );
  });
});
