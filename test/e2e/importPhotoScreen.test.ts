import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrPng, signatureQrTexts } from '../../electron/core/bundle/qr/signatureQrFrames.js';
import { signatureUr } from '../../electron/core/bundle/qr/signatureUr.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { cameraStill } from '../bundle/cameraStill.js';
import { OWNER_KEYS, pauseItem, signHash, stationWith } from '../bundle/signatureStations.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';
import { closeStation, flat, openStation } from './screenStation.js';

let store: Store;
let dir: string;
let session: RendererSession;
const item = pauseItem(0n);
const owner = OWNER_KEYS[0]!;

beforeAll(async () => {
  ({ dir, store } = openStation('guardian-import-photo-ui-'));
  stationWith(store, [item]);
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir });
});
afterAll(async () => {
  await closeStation({ session, store, dir });
});

describe("the app's import of a camera's photo of a station's signature code", () => {
  it('adds the signature a JPEG photo of the code carries, and names a HEIC picture instead of reading it as text', async () => {
    const { page } = session;
    const [frame] = signatureQrTexts([signatureUr(item.safeTxHash, signHash(owner, item.safeTxHash))])[0]!;
    const photo = join(dir, 'IMG_0042.JPG');
    writeFileSync(
      photo,
      cameraStill(await qrPng(frame!), {
        width: 1512,
        height: 2016,
        scale: 1.6,
        tilt: 95,
        quality: 75,
        exifOrientation: 6,
      }),
    );
    await page.goto(session.url);
    await page.getByTestId('import-file').setInputFiles(photo);
    await page.getByTestId('import-outcome').waitFor({ timeout: 60_000 });
    expect(flat(await page.getByTestId('import-outcome').innerText())).toBe(
      `IMG_0042.JPG: 1 signature(s) added (${owner.address}), each checked against this station's owners and hash.`,
    );
    expect(store.getQueueItem(item.safeTxHash).confirmations.map((c) => c.owner)).toEqual([owner.address]);

    const heic = join(dir, 'IMG_0043.HEIC');
    writeFileSync(heic, Buffer.concat([Buffer.from('0000001866747970686569630000', 'hex'), Buffer.alloc(200)]));
    await page.getByTestId('import-file').setInputFiles(heic);
    await page.getByText('Not imported: IMG_0043.HEIC is a HEIC picture').waitFor({ timeout: 30_000 });
    expect(flat(await page.getByTestId('import-outcome').innerText())).toMatch(
      /^Not imported: IMG_0043\.HEIC is a HEIC picture; only PNG and JPEG pictures are read here\./,
    );
    expect(session.pageErrors).toEqual([]);
  }, 120_000);
});
