import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { bundleFieldsSigningMessage } from './bundleDigest.js';
import { bundleFieldDigests, fieldListDigest } from './bundleFields.js';
import { checkBundleProducer } from './bundleProducer.js';
import type { FieldListClaim } from './signedBundleFields.js';

const OWNER = new Wallet('0x' + '11'.repeat(32));
const HASH = '0x' + 'cd'.repeat(32);

async function signed(): Promise<{ json: Record<string, unknown>; claim: FieldListClaim }> {
  const json = { format: 'guardian-review-bundle', safeTx: { data: '0x8456cb59' } };
  const fields = bundleFieldDigests(json);
  const signature = await OWNER.signMessage(bundleFieldsSigningMessage(HASH, fieldListDigest(fields)));
  const claim = { signer: OWNER.address, safeTxHash: HASH, fields, signature };
  return { json: { ...json, producer: claim }, claim };
}

describe('checkBundleProducer over a field list', () => {
  it('names the owner whose list the file matches, with the digest their Ledger signed', async () => {
    const { json, claim } = await signed();
    expect(checkBundleProducer(json, HASH, claim, [OWNER.address])).toEqual({
      status: 'owner',
      signer: OWNER.address,
      digest: fieldListDigest(claim.fields),
    });
  });

  it('matches the fields itself, so a file edited after its list was read is not called an owner’s', async () => {
    const { json, claim } = await signed();
    const edited = { ...json, safeTx: { data: '0x3f4ba83a' } };
    expect(() => checkBundleProducer(edited, HASH, claim, [OWNER.address])).toThrow(
      expect.objectContaining({
        code: 'INVALID_SIGNATURE',
        details: expect.objectContaining({ edited: ['safeTx.data'] }),
      }),
    );
  });

  it('refuses a signer who is not an owner, and a safeTxHash the transaction does not give', async () => {
    const { json, claim } = await signed();
    expect(() => checkBundleProducer(json, HASH, claim, [new Wallet('0x' + '22'.repeat(32)).address])).toThrow(
      expect.objectContaining({ code: 'SIGNER_NOT_OWNER' }),
    );
    expect(() => checkBundleProducer(json, '0x' + 'ef'.repeat(32), claim, [OWNER.address])).toThrow(
      expect.objectContaining({
        code: 'HASH_MISMATCH',
        details: expect.objectContaining({ bundleField: 'producer.safeTxHash' }),
      }),
    );
  });
});
