import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readQrPicture } from './readQrPicture.js';
import { qrPng } from './signatureQrFrames.js';

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
