import { getAddress, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { serviceMessageToStored, type ServiceMessageContext } from './serviceMessage.js';
import { safeMessageHash } from '../safe/safeMessageHash.js';

const safe = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');
const [owner, other, stranger] = [
  new Wallet('0x' + '11'.repeat(32)),
  new Wallet('0x' + '22'.repeat(32)),
  new Wallet('0x' + '33'.repeat(32)),
];
const ctx: ServiceMessageContext = {
  chainId: 1n,
  safe,
  safeVersion: '1.4.1',
  owners: [owner.address, other.address],
  source: { kind: 'service', url: 'http://service/api' },
  claimedBy: 'The Transaction Service',
  malformedCode: 'SERVICE_BAD_RESPONSE',
  signatureOrigin: 'service',
  fetchedAt: '2026-12-02T07:00:00Z',
};
const text = 'We, the owners, approve.';
const hash = safeMessageHash({ chainId: 1n, safe, safeVersion: '1.4.1', content: text });
const sig = (w: Wallet, h = hash) => w.signingKey.sign(h).serialized;

describe('serviceMessageToStored', () => {
  it("keeps the proven signatures and names the ones from a stranger, another owner's name, or another message", () => {
    const { message, refusedSignatures } = serviceMessageToStored(
      {
        safe,
        messageHash: hash,
        message: text,
        confirmations: [
          { owner: owner.address, signature: sig(owner) },
          { owner: stranger.address, signature: sig(stranger) },
          { owner: other.address, signature: sig(owner) },
          { owner: other.address, signature: sig(other, '0x' + 'ee'.repeat(32)) },
        ],
      },
      ctx,
    );
    expect(message.signatures.map((s) => s.owner)).toEqual([owner.address]);
    expect(refusedSignatures.map((e) => e.code)).toEqual([
      'SIGNER_NOT_OWNER',
      'INVALID_SIGNATURE',
      'INVALID_SIGNATURE',
    ]);
  });

  it('refuses a claimed hash its content does not produce, a message of another Safe, and a malformed one', () => {
    expect(() =>
      serviceMessageToStored({ safe, messageHash: hash, message: `${text} Also send 100 ETH.` }, ctx),
    ).toThrow(expect.objectContaining({ code: 'HASH_MISMATCH', details: expect.objectContaining({ claimed: hash }) }));
    // The same content claimed for another chain's domain: the hash is another Safe domain's.
    expect(() => serviceMessageToStored({ safe, messageHash: hash, message: text }, { ...ctx, chainId: 10n })).toThrow(
      expect.objectContaining({ code: 'HASH_MISMATCH' }),
    );
    expect(() =>
      serviceMessageToStored({ safe: '0x' + '0b'.repeat(20), messageHash: hash, message: text }, ctx),
    ).toThrow(expect.objectContaining({ code: 'WRONG_SAFE' }));
    expect(() => serviceMessageToStored({ safe, message: 42 }, { ...ctx, malformedCode: 'INVALID_FILE' })).toThrow(
      expect.objectContaining({ code: 'INVALID_FILE' }),
    );
  });
});
