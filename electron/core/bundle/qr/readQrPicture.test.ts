import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { cameraStill } from '../../../../test/bundle/cameraStill.js';
import { OWNER_KEYS, pauseItem, signHash } from '../../../../test/bundle/signatureStations.js';
import { jpegFrame } from './jpegFrame.js';
import { readQrPicture } from './readQrPicture.js';
import { qrPng, signatureQrTexts } from './signatureQrFrames.js';
import { signatureUr } from './signatureUr.js';

/** The code pasted off-centre into a larger, grey, noisy picture: closer to a camera still than a clean render. */
function inAPhoto(code: PNG): Buffer {
  const photo = new PNG({ width: code.width + 173, height: code.height + 91 });
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 41) - 20;
  for (let y = 0; y < photo.height; y++) {
    for (let x = 0; x < photo.width; x++) {
      const [cx, cy] = [x - 120, y - 40];
      const inside = cx >= 0 && cy >= 0 && cx < code.width && cy < code.height;
      const source = inside ? code.data[(cy * code.width + cx) * 4]! : 160;
      // A dim screen: white modules read as light grey, black ones as dark grey, with sensor noise on both.
      const value = Math.max(0, Math.min(255, (inside ? 40 + (source / 255) * 170 : source) + noise()));
      photo.data.set([value, value, value, 255], (y * photo.width + x) * 4);
    }
  }
  return PNG.sync.write(photo);
}

/** The one QR frame of an owner's real signature of a pause transaction, as the station shows it. */
function signatureFrame(): string {
  const hash = pauseItem(0n).safeTxHash;
  const frames = signatureQrTexts([signatureUr(hash, signHash(OWNER_KEYS[0]!, hash))]);
  expect(frames[0]).toHaveLength(1);
  return frames[0]![0]!;
}

/** A small baseline JPEG whose frame header is rewritten to claim another size or other components. */
function withFrame(edit: (frame: Buffer, at: number) => Buffer): Buffer {
  const still = jpeg.encode({ width: 16, height: 16, data: Buffer.alloc(16 * 16 * 4, 200) }, 80).data;
  const at = still.indexOf(Buffer.from([0xff, 0xc0]));
  expect(at).toBeGreaterThan(0);
  return edit(Buffer.from(still), at);
}

describe('reading a QR picture', () => {
  it('reads the code from a picture of a dim, noisy screen, not only a clean render', async () => {
    const text = 'UR:ETH-SIGNATURE/OTADTPDAGDADADADADADADADADADADADADADADADADAOHDFPATATATAT';
    const clean = PNG.sync.read(await qrPng(text));
    expect(readQrPicture(inAPhoto(clean), 'photo.png')).toBe(text);
  });

  it('names a picture that is not a PNG and one with no code in it', () => {
    expect(() => readQrPicture(Buffer.from('not a picture'), 'note.png')).toThrow(
      'note.png is not a readable PNG picture.',
    );
    const blank = new PNG({ width: 50, height: 50 });
    blank.data.fill(255);
    expect(() => readQrPicture(PNG.sync.write(blank), 'blank.png')).toThrow(
      /^blank\.png shows no QR code that can be read/,
    );
  });
});

describe("reading a QR code from a camera's JPEG", () => {
  it('reads a 12-megapixel photo held upright (its pixels turned a quarter, Exif orientation 6), tilted, soft and noisy at quality 70', async () => {
    const frame = signatureFrame();
    const photo = cameraStill(await qrPng(frame), {
      width: 4032,
      height: 3024,
      scale: 3.5,
      tilt: 97,
      quality: 70,
      exifOrientation: 6,
    });
    expect(photo.subarray(2, 4).toString('hex')).toBe('ffe1');
    expect(jpegFrame(photo)).toMatchObject({ width: 4032, height: 3024, kind: 'baseline' });
    expect(readQrPicture(photo, 'IMG_0042.JPG')).toBe(frame);
  });

  it('reads a smaller photo, mirrored and off-centre at quality 60, and one not square on the other way', async () => {
    const frame = signatureFrame();
    const code = await qrPng(frame);
    const mirrored = cameraStill(code, {
      width: 1600,
      height: 1200,
      scale: 1.6,
      tilt: -11,
      quality: 60,
      mirror: true,
      centre: [0.35, 0.6],
    });
    expect(readQrPicture(mirrored, 'selfie.jpg')).toBe(frame);
    const upsideDown = cameraStill(code, { width: 1200, height: 1600, scale: 1.8, tilt: 184, quality: 80, seed: 3 });
    expect(readQrPicture(upsideDown, 'upside-down.jpg')).toBe(frame);
  });

  it('reads a grainy photo at quality 90 by halving it: its noise per pixel made speckle of the code at full size', async () => {
    const frame = signatureFrame();
    const grainy = cameraStill(await qrPng(frame), {
      width: 1200,
      height: 1600,
      scale: 1.8,
      tilt: 3,
      quality: 90,
      grain: 15,
    });
    expect(readQrPicture(grainy, 'grainy.jpg')).toBe(frame);
  });

  it('reads a progressive JPEG (cameraStill at quality 65, then jpegtran -progressive -optimize)', () => {
    const photo = readFileSync(new URL('../../../../test/bundle/pictures/progressive-photo.jpg', import.meta.url));
    expect(jpegFrame(photo)).toMatchObject({ width: 1024, height: 768, kind: 'progressive' });
    expect(readQrPicture(photo, 'progressive-photo.jpg')).toBe(signatureFrame());
  });

  it('refuses a JPEG that claims 100 megapixels, and a PNG that claims 400, from their headers', () => {
    const huge = withFrame((still, at) => {
      still.writeUInt16BE(10_000, at + 5);
      still.writeUInt16BE(10_000, at + 7);
      return still;
    });
    expect(() => readQrPicture(huge, 'huge.jpg')).toThrow(
      expect.objectContaining({
        code: 'INVALID_FILE',
        message: expect.stringMatching(
          /^huge\.jpg is 10000x10000 pixels \(100 megapixels\); pictures of up to 25 megapixels are read here/,
        ),
      }),
    );
    const png = PNG.sync.write(new PNG({ width: 4, height: 4 }));
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    expect(() => readQrPicture(png, 'huge.png')).toThrow(/^huge\.png is 20000x20000 pixels \(400 megapixels\)/);
  });

  it('refuses a JPEG whose frame would take more memory to decode than any photo, before decoding it', () => {
    // 4000x4000 is a photo's size; 40 colour components at full resolution are no photo's.
    const components = 40;
    const hostile = withFrame((still, at) => {
      const sof = Buffer.alloc(2 + 2 + 6 + components * 3);
      sof.writeUInt16BE(0xffc0, 0);
      sof.writeUInt16BE(sof.length - 2, 2);
      sof.writeUInt8(8, 4);
      sof.writeUInt16BE(4000, 5);
      sof.writeUInt16BE(4000, 7);
      sof.writeUInt8(components, 9);
      for (let i = 0; i < components; i++) sof.set([i + 1, 0x11, 0], 10 + i * 3);
      const length = still.readUInt16BE(at + 2);
      return Buffer.concat([still.subarray(0, at), sof, still.subarray(at + 2 + length)]);
    });
    expect(() => readQrPicture(hostile, 'hostile.jpg')).toThrow(
      /^hostile\.jpg would take \d+ MB to decode \(40 colour components\); no photo of a QR code takes more than 512\./,
    );
  });

  it('names a JPEG that cannot be decoded and one that is lossless', () => {
    expect(() => readQrPicture(Buffer.from('ffd8ffe000104a464946', 'hex'), 'cut.jpg')).toThrow(
      'cut.jpg is not a readable JPEG picture: it has no frame header.',
    );
    const broken = withFrame((still, at) => Buffer.concat([still.subarray(0, at + 20), Buffer.alloc(64, 0xff)]));
    expect(() => readQrPicture(broken, 'broken.jpg')).toThrow('broken.jpg is not a readable JPEG picture.');
    const lossless = withFrame((still, at) => {
      still[at + 1] = 0xc3;
      return still;
    });
    expect(() => readQrPicture(lossless, 'raw.jpg')).toThrow(/^raw\.jpg is a lossless or arithmetic-coded JPEG/);
  });
});
