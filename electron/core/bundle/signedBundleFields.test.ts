import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { isGuardianError } from '../errors.js';
import { bundleFieldsSigningMessage } from './bundleDigest.js';
import { bundleFieldDigests, fieldListDigest } from './bundleFields.js';
import { checkSignedFields, differingFields } from './signedBundleFields.js';

const OWNER = new Wallet('0x' + '11'.repeat(32));
const OTHER = new Wallet('0x' + '22'.repeat(32));
const HASH = '0x' + 'cd'.repeat(32);

type Json = Record<string, any>;
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A bundle's outline signed over its field list by `key`, naming `signer`, as signBundleJson writes it. */
async function signedBy(key: Wallet, signer = key.address): Promise<Json> {
  const json = { format: 'guardian-review-bundle', safeTx: { to: OTHER.address, data: '0x8456cb59' }, abis: [] };
  const fields = bundleFieldDigests(json);
  const signature = await key.signMessage(bundleFieldsSigningMessage(HASH, fieldListDigest(fields)));
  return { ...json, producer: { signer, safeTxHash: HASH, fields, signature } };
}

function refusal(json: unknown) {
  try {
    checkSignedFields(json, 'b.json');
  } catch (error) {
    if (isGuardianError(error)) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('checkSignedFields', () => {
  it("passes a bundle whose fields are the signed list's, and skips one that lists none", async () => {
    const signed = await signedBy(OWNER);
    expect(checkSignedFields(signed, 'b.json')?.signer).toBe(OWNER.address);
    expect(checkSignedFields({ ...signed, producer: { signer: OWNER.address, signature: '0x' } }, 'b.json')).toBeNull();
    expect(checkSignedFields({ format: 'guardian-review-bundle' }, 'b.json')).toBeNull();
    expect(checkSignedFields(null, 'b.json')).toBeNull();
  });

  it('names the fields edited, added and removed since the signature, and who signed', async () => {
    const edited = copy(await signedBy(OWNER));
    edited['safeTx'].data = '0x3f4ba83a';
    edited['abis'] = [{ name: 'x' }];
    delete edited['format'];
    const error = refusal(edited);
    expect(error.code).toBe('INVALID_SIGNATURE');
    expect(error.details).toEqual({
      bundleField: 'safeTx.data',
      fields: ['safeTx.data', 'abis[0]', 'format'],
      edited: ['safeTx.data'],
      added: ['abis[0]'],
      removed: ['format'],
      signer: OWNER.address,
    });
    expect(error.message).toBe(
      `b.json is refused: safeTx.data was edited; abis[0] was added; format was removed after ${OWNER.address} signed the bundle. The signature covers each field's digest, and these fields no longer match what was signed. Do not sign from it.`,
    );
  });

  it('refuses a list that does not match its signature before comparing a field, and a list of the wrong shape', async () => {
    const listed = copy(await signedBy(OWNER));
    listed['safeTx'].data = '0x3f4ba83a';
    listed['producer'].fields['safeTx.data'] = bundleFieldDigests(listed)['safeTx.data'];
    expect(refusal(listed).details).toMatchObject({ bundleField: 'producer.fields', named: OWNER.address });
    const misnamed = await signedBy(OTHER, OWNER.address);
    expect(refusal(misnamed).details).toMatchObject({ bundleField: 'producer.fields', recovered: OTHER.address });
    const relabelled = copy(await signedBy(OWNER));
    relabelled['producer'].safeTxHash = '0x' + 'ef'.repeat(32);
    expect(refusal(relabelled).details?.['bundleField']).toBe('producer.fields');
    const notDigests = copy(await signedBy(OWNER));
    notDigests['producer'].fields.format = 'guardian';
    expect(refusal(notDigests)).toMatchObject({
      code: 'INVALID_FILE',
      details: { bundleField: 'producer.fields["format"]' },
    });
    const noHash = copy(await signedBy(OWNER));
    delete noHash['producer'].safeTxHash;
    expect(refusal(noHash).details?.['bundleField']).toBe('producer.safeTxHash');
    const list = copy(await signedBy(OWNER));
    list['producer'].fields = [];
    expect(refusal(list).details?.['bundleField']).toBe('producer.fields');
  });
});

describe('differingFields', () => {
  it('names the members of a container that was empty, not the container', () => {
    expect(differingFields({ abis: '0x01' }, { 'abis[0]': '0x02' })).toEqual({
      edited: [],
      added: ['abis[0]'],
      removed: [],
    });
    expect(differingFields({ 'abis[0]': '0x02', 'abis[1]': '0x03' }, { abis: '0x01' })).toEqual({
      edited: [],
      added: [],
      removed: ['abis[0]', 'abis[1]'],
    });
    expect(differingFields({ a: '0x01', b: '0x02' }, { a: '0x01', b: '0x03' })).toEqual({
      edited: ['b'],
      added: [],
      removed: [],
    });
  });
});
