import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrPng, signatureQrTexts } from '../../electron/core/bundle/qr/signatureQrFrames.js';
import { signatureUr } from '../../electron/core/bundle/qr/signatureUr.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { cameraStill } from '../bundle/cameraStill.js';
import { OWNER_KEYS, pauseItem, signHash, stationWith } from '../bundle/signatureStations.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';
import { closeStation, flat, openStation, screenshots } from './screenStation.js';

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

  it('reads a 12-megapixel photo on a worker thread: the screen says it is reading, and the app answers meanwhile', async () => {
    const { page } = session;
    const second = OWNER_KEYS[1]!;
    const [frame] = signatureQrTexts([signatureUr(item.safeTxHash, signHash(second, item.safeTxHash))])[0]!;
    const photo = cameraStill(await qrPng(frame!), {
      width: 4032,
      height: 3024,
      scale: 3.5,
      tilt: 97,
      quality: 70,
      exifOrientation: 6,
    });
    const path = join(dir, 'IMG_0044.JPG');
    writeFileSync(path, photo);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(session.url);
    await page.getByTestId('import-file').setInputFiles(path);
    expect(await page.getByTestId('import-reading').innerText()).toBe('Reading the picture…');
    await page.screenshot({ path: join(screenshots, 'import-reading-picture-1280x800.png') });
    await page.getByTestId('import-outcome').waitFor({ timeout: 60_000 });
    expect(flat(await page.getByTestId('import-outcome').innerText())).toBe(
      `IMG_0044.JPG: 1 signature(s) added (${second.address}), each checked against this station's owners and hash.`,
    );
    expect(await page.getByTestId('import-reading').count()).toBe(0);
    expect(
      store
        .getQueueItem(item.safeTxHash)
        .confirmations.map((c) => c.owner)
        .sort(),
    ).toEqual([owner.address, second.address].sort());
    // While a picture is decoded, another channel is answered: the main process is not held by the decoding.
    // Asked only once the screen's own import has ended: two imports of one photo would race to add its signature.
    const answeredFirst = await page.evaluate(async (text) => {
      let imported = false;
      const importing = window.guardian.queue.import({ name: 'IMG_0044.JPG', text, encoding: 'base64' });
      void importing.then(() => (imported = true));
      await window.guardian.app.info({});
      const answeredBeforeImport = !imported;
      await importing;
      return answeredBeforeImport;
    }, photo.toString('base64'));
    expect(answeredFirst).toBe(true);
    expect(session.pageErrors).toEqual([]);
  }, 120_000);
});
