import { describe, expect, it } from 'vitest';
import { OWNER_KEYS, pauseItem, signHash, stationWith } from '../../test/bundle/signatureStations.js';
import { tempStores } from '../../test/store/tempStores.js';
import { importedFile } from './importedFile.js';
import { signatureQrView } from './signatureQrView.js';
import { qrPng } from '../core/bundle/qr/signatureQrFrames.js';
import { stationSignatureUrs } from '../core/bundle/qr/stationSignatureUrs.js';
import { signatureQrTexts } from '../core/bundle/qr/signatureQrFrames.js';

const stores = tempStores('qr-view');
const item = pauseItem(0n);
const hash = item.safeTxHash;
const [a] = OWNER_KEYS as [(typeof OWNER_KEYS)[number]];

describe('the signatures as QR codes in the app', () => {
  it('gives the Carry panel an SVG frame and the UR line per signature held here', async () => {
    const station = stationWith(stores.store(), [item]);
    station.addConfirmation(hash, { owner: a.address, signature: signHash(a, hash) }, 'local');
    const view = await signatureQrView(station, hash);
    expect(view.safeTxHash).toBe(hash.toLowerCase());
    expect(view.signatures).toHaveLength(1);
    expect(view.signatures[0]!.owner).toBe(a.address);
    expect(view.signatures[0]!.frames).toEqual([expect.stringMatching(/^<svg[^>]*>.*<\/svg>\s*$/s)]);
    // The line the panel shows is the one the online station accepts when pasted into a text file.
    const online = stationWith(stores.store(), [item]);
    const pasted = await importedFile(online, 'pasted.txt', `${view.signatures[0]!.line}\n`);
    expect(pasted).toEqual({ kind: 'signatures', imported: [], signatures: [a.address], refused: [] });
  });

  it('imports a picture of the code picked in the app, its bytes decoded in the main process', async () => {
    const station = stationWith(stores.store(), [item]);
    station.addConfirmation(hash, { owner: a.address, signature: signHash(a, hash) }, 'local');
    const [frames] = signatureQrTexts((await stationSignatureUrs(station, hash)).signatures.map((s) => s.ur));
    const online = stationWith(stores.store(), [item]);
    const picture = await qrPng(frames![0]!);
    // As the IPC handler hands it over: the renderer's base64, decoded back to bytes.
    const result = await importedFile(online, 'sigs.png', Buffer.from(picture.toString('base64'), 'base64'));
    expect(result).toEqual({ kind: 'signatures', imported: [], signatures: [a.address], refused: [] });
    expect(online.getQueueItem(hash).confirmations.map((c) => c.owner)).toEqual([a.address]);
  });
});
