import { toBeHex, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { pauseSafeTx } from '../../../test/ledger/safeTxFixture.js';
import { confirmationVerdict } from './confirmationVerdict.js';
import { encodeSafeSignatures } from './safeSignature.js';
import { safeTxHash } from './safeTxHash.js';

const [alice, bob, mallory] = [1, 2, 3].map((i) => new Wallet(toBeHex(4000 + i, 32)));
const owners = [alice!.address, bob!.address];
const hash = safeTxHash(pauseSafeTx());
const other = safeTxHash(pauseSafeTx({ nonce: 99n }));
const sign = (w: Wallet, h = hash) => w.signingKey.sign(h).serialized;

describe('confirmationVerdict', () => {
  it("counts an owner's ECDSA signature over the hash computed here", async () => {
    expect(
      await confirmationVerdict(hash, { owner: alice!.address.toLowerCase(), signature: sign(alice!) }, owners, null),
    ).toMatchObject({ owner: alice!.address, kind: 'eip712', status: 'valid', reason: null });
  });

  it('refuses a valid signature from an address that is not an owner', async () => {
    const verdict = await confirmationVerdict(
      hash,
      { owner: mallory!.address, signature: sign(mallory!) },
      owners,
      null,
    );
    expect(verdict).toMatchObject({ status: 'refused', reason: `${mallory!.address} is not an owner of this Safe.` });
  });

  it("refuses an owner's signature over another hash, and one listed under another owner", async () => {
    expect(
      await confirmationVerdict(hash, { owner: alice!.address, signature: sign(alice!, other) }, owners, null),
    ).toMatchObject({ status: 'refused', reason: expect.stringMatching(/another key or over another hash/) });
    expect(
      await confirmationVerdict(hash, { owner: bob!.address, signature: sign(alice!) }, owners, null),
    ).toMatchObject({ status: 'refused', reason: expect.stringContaining(`by ${alice!.address}`) });
  });

  it('refuses bytes that are no Safe signature, naming why', async () => {
    expect(
      await confirmationVerdict(
        hash,
        { owner: alice!.address, signature: `${sign(alice!).slice(0, -2)}05` },
        owners,
        null,
      ),
    ).toMatchObject({ status: 'refused', kind: null, reason: expect.stringMatching(/v = 5/) });
  });

  it('leaves an approved hash and a contract signature unverified, never counted, when nothing can check them', async () => {
    const approved = encodeSafeSignatures([{ signer: alice!.address, kind: 'approved_hash', data: '0x' }]);
    const contract = encodeSafeSignatures([{ signer: bob!.address, kind: 'contract', data: '0x1234' }]);
    expect(await confirmationVerdict(hash, { owner: alice!.address, signature: approved }, owners, null)).toMatchObject(
      { status: 'unverified', kind: 'approved_hash' },
    );
    expect(await confirmationVerdict(hash, { owner: bob!.address, signature: contract }, owners, null)).toMatchObject({
      status: 'unverified',
      kind: 'contract',
    });
    // An approved hash names its owner in r: listed under another owner it is refused before any chain is asked.
    expect(await confirmationVerdict(hash, { owner: bob!.address, signature: approved }, owners, null)).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining(`in the name of ${alice!.address}`),
    });
  });
});
