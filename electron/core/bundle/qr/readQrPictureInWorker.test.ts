import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { OWNER_KEYS, pauseItem, signHash } from '../../../../test/bundle/signatureStations.js';
import { isGuardianError } from '../../errors.js';
import { qrPictureReaderIn } from './readQrPictureInWorker.js';
import { qrPng, signatureQrTexts } from './signatureQrFrames.js';
import { signatureUr } from './signatureUr.js';

/** The worker as `node scripts/build.mjs` emits it beside the Electron main bundle. */
const BUILT_WORKER = join(process.cwd(), 'dist/electron/qrPictureWorker.cjs');
const dir = mkdtempSync(join(tmpdir(), 'guardian-qr-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker file that ends the way a crashing decoder would, before it answers. */
function dyingWorker(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}

describe('reading a QR picture on a worker thread', () => {
  it("gives readQrPicture's answers: a code's text, and its GuardianError for a picture with none", async () => {
    const item = pauseItem(0n);
    const [frame] = signatureQrTexts([signatureUr(item.safeTxHash, signHash(OWNER_KEYS[0]!, item.safeTxHash))])[0]!;
    const read = qrPictureReaderIn(BUILT_WORKER);
    expect(await read(await qrPng(frame!), 'code.png')).toBe(frame);
    const blank = new PNG({ width: 200, height: 200 });
    blank.data.fill(255);
    await expect(read(PNG.sync.write(blank), 'blank.png')).rejects.toMatchObject({
      name: 'GuardianError',
      code: 'INVALID_FILE',
      message: 'blank.png shows no QR code that can be read: take the picture again, square on and in focus.',
    });
  });

  it('refuses with a typed error naming the picture when the worker exits or throws before it answers', async () => {
    for (const worker of [
      dyingWorker('exits.cjs', 'process.exit(7);'),
      dyingWorker('throws.cjs', "throw new RangeError('Array buffer allocation failed');"),
    ]) {
      const refused = await qrPictureReaderIn(worker)(new Uint8Array([0x89, 0x50]), 'IMG_0045.JPG').then(
        () => null,
        (error: unknown) => error,
      );
      expect(isGuardianError(refused, 'INVALID_FILE'), worker).toBe(true);
      expect((refused as Error).message).toMatch(
        /^IMG_0045\.JPG could not be read: the picture reader stopped before it answered\./,
      );
      expect(String((refused as Error).cause)).toMatch(/exited with code 7|Array buffer allocation failed/);
    }
  });
});
