import { describe, expect, it } from 'vitest';
import { OWNER_KEYS, pauseItem, signHash, STRANGER, stationWith } from '../../../../test/bundle/signatureStations.js';
import { tempStores } from '../../../../test/store/tempStores.js';
import { importSignatureUrs } from './importSignatureUrs.js';
import { readQrPicture } from './readQrPicture.js';
import { qrPng, signatureQrTexts } from './signatureQrFrames.js';
import { requestIdOf, signatureUr, signatureUrText } from './signatureUr.js';
import { stationSignatureUrs } from './stationSignatureUrs.js';

const stores = tempStores('qr');
const [a, b] = OWNER_KEYS as [typeof STRANGER, typeof STRANGER];
const item = pauseItem(0n);
const hash = item.safeTxHash;

/** An air-gapped station holding two owners' signatures, and the online station that holds none yet. */
function stations() {
  const station = stationWith(stores.store(), [item]);
  station.addConfirmation(hash, { owner: a.address, signature: signHash(a, hash) }, 'local');
  station.addConfirmation(hash, { owner: b.address, signature: signHash(b, hash) }, 'local');
  return { station, online: stationWith(stores.store(), [item, pauseItem(1n)]) };
}

/** Each frame drawn as a PNG by qrcode and read back by jsqr: what a camera would see, minus the camera. */
async function throughPictures(frames: string[]): Promise<Array<{ text: string; source: string }>> {
  return Promise.all(
    frames.map(async (frame, i) => ({
      text: readQrPicture(await qrPng(frame), `sigs-${i + 1}.png`),
      source: `sigs-${i + 1}.png`,
    })),
  );
}

describe('signatures carried back as eth-signature QR codes', () => {
  it('derives the request-id from the first 16 bytes of the safeTxHash', () => {
    expect(requestIdOf(hash).toString('hex')).toBe(hash.slice(2, 34));
  });

  it('carries every signature from the station to the online store through PNG pictures, each checked against the owners', async () => {
    const { station, online } = stations();
    const { signatures } = await stationSignatureUrs(station, hash);
    expect(signatures.map((s) => s.owner).sort()).toEqual([a.address, b.address].sort());
    const frames = signatureQrTexts(signatures.map((s) => s.ur));
    // An ECDSA signature fits one frame each.
    expect(frames.map((f) => f.length)).toEqual([1, 1]);
    const result = importSignatureUrs(online, await throughPictures(frames.flat()), 'sigs.png');
    expect(result.refused).toEqual([]);
    expect(result.transactions).toHaveLength(1);
    expect(result.transactions[0]!.added.sort()).toEqual([a.address, b.address].sort());
    expect(
      online
        .getQueueItem(hash)
        .confirmations.map((c) => c.signature)
        .sort(),
    ).toEqual([signHash(a, hash), signHash(b, hash)].sort());
    expect(online.listAudit({ safeTxHash: hash }).map((e) => e.kind)).toContain('signatures-imported');
  });

  it('reassembles an animated code from its frames in any order, and names the frames missing from an incomplete one', async () => {
    const { station, online } = stations();
    const { signatures } = await stationSignatureUrs(station, hash);
    const frames = signatureQrTexts(
      signatures.map((s) => s.ur),
      30,
    );
    expect(frames[0]!.length).toBeGreaterThan(2);
    const pictures = await throughPictures(frames.flat());
    const incomplete = importSignatureUrs(online, pictures.slice(1), 'some.png');
    expect(incomplete.refused.map((e) => e.message)).toEqual([
      expect.stringMatching(/^The animated code in .* is incomplete: \d+ of its \d+ parts were read/),
    ]);
    // Only the first code lost a frame: the second signature is whole, and stored alone.
    expect(online.getQueueItem(hash).confirmations.map((c) => c.owner)).toEqual([signatures[1]!.owner]);
    const whole = importSignatureUrs(online, [...pictures].reverse(), 'all.png');
    expect(whole.refused).toEqual([]);
    expect(
      online
        .getQueueItem(hash)
        .confirmations.map((c) => c.owner)
        .sort(),
    ).toEqual([a.address, b.address].sort());
  });

  it("refuses a stranger's signature, one over another hash, a UR for a transaction not stored, and a damaged UR, keeping what is stored", async () => {
    const { online } = stations();
    online.addConfirmation(hash, { owner: a.address, signature: signHash(a, hash) }, 'local');
    const other = pauseItem(1n).safeTxHash;
    const lines = [
      signatureUrText(signatureUr(hash, signHash(STRANGER, hash))),
      // b's real signature, but over transaction 1 while claiming transaction 0: it recovers to nobody known.
      signatureUrText(signatureUr(hash, signHash(b, other))),
      signatureUrText(signatureUr(pauseItem(9n).safeTxHash, signHash(b, pauseItem(9n).safeTxHash))),
      signatureUrText(signatureUr(hash, signHash(b, hash))).replace(/.{4}$/, 'aaaa'),
    ].map((text, i) => ({ text, source: `sigs.txt line ${i + 1}` }));
    const result = importSignatureUrs(online, lines, 'sigs.txt');
    expect(result.refused.map((e) => [e.code, e.message])).toEqual([
      ['INVALID_FILE', expect.stringContaining('sigs.txt line 4 is a damaged UR')],
      [
        'NOT_FOUND',
        expect.stringContaining(
          `sigs.txt line 3 is a signature for transaction ${pauseItem(9n).safeTxHash.slice(0, 34)}… (its request-id), which is not stored here`,
        ),
      ],
    ]);
    expect(result.transactions.map((t) => t.refused.map((e) => e.code))).toEqual([
      ['SIGNER_NOT_OWNER', 'SIGNER_NOT_OWNER'],
    ]);
    expect(result.transactions[0]!.refused[0]!.message).toContain(`${STRANGER.address} is not an owner`);
    expect(online.getQueueItem(hash).confirmations.map((c) => c.owner)).toEqual([a.address]);
    expect(online.getQueueItem(other).confirmations).toEqual([]);
    expect(online.listAudit({ kind: 'signatures-refused' })).toHaveLength(1);
  });
});
