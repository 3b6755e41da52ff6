import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface CameraStillOptions {
  /** The still's size in pixels: a phone's is 4032x3024, or 3024x4032 held upright. */
  width: number;
  height: number;
  /** How many of the still's pixels one pixel of the screen's code covers. */
  scale: number;
  /** Degrees the phone was turned from square on to the screen. */
  tilt: number;
  /** Where the code's centre falls, as a fraction of the still's width and height. */
  centre?: [number, number];
  quality: number;
  /** The still flipped left to right, as a front camera's or a mirrored Exif orientation (2, 4, 5, 7) stores it. */
  mirror?: boolean;
  /** An APP1 Exif segment's orientation tag (6: the phone held upright, its pixels stored turned a quarter). */
  exifOrientation?: number;
  /** Noise added to each colour of each pixel after the softening: a phone's denoising leaves about 3. */
  grain?: number;
  seed?: number;
}

/**
 * A JPEG as a phone's camera saves a photograph of the station's screen showing a QR code drawn as a PNG: large,
 * not square, the code small in it and turned, its edges soft (bilinear sampling and a box blur), the screen dim
 * with sensor noise on it (softened as a phone's denoising leaves it, and a grain on top), and JPEG's loss at the
 * quality asked for.
 */
export function cameraStill(codePng: Buffer, options: CameraStillOptions): Buffer {
  const code = PNG.sync.read(codePng);
  const { width, height, scale, quality } = options;
  const [cx, cy] = options.centre ?? [0.55, 0.45];
  const angle = (options.tilt * Math.PI) / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const luma = (x: number, y: number): number => {
    // Off the code: the screen's frame around it, a darker grey.
    if (x < 0 || y < 0 || x >= code.width - 1 || y >= code.height - 1) return 70;
    const [x0, y0] = [Math.floor(x), Math.floor(y)];
    const [fx, fy] = [x - x0, y - y0];
    const at = (px: number, py: number) => code.data[(py * code.width + px) * 4]!;
    return (
      at(x0, y0) * (1 - fx) * (1 - fy) +
      at(x0 + 1, y0) * fx * (1 - fy) +
      at(x0, y0 + 1) * (1 - fx) * fy +
      at(x0 + 1, y0 + 1) * fx * fy
    );
  };
  const sharp = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Each pixel of the still, turned back and scaled down onto the code.
      const [dx, dy] = [(options.mirror ? width - 1 - x : x) - cx * width, y - cy * height];
      const u = (dx * cos + dy * sin) / scale + code.width / 2;
      const v = (-dx * sin + dy * cos) / scale + code.height / 2;
      sharp[y * width + x] = luma(u, v);
    }
  }
  let seed = options.seed ?? 11;
  const noise = (amplitude: number) =>
    ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % (2 * amplitude + 1)) - amplitude;
  // Sensor noise, then the softening of the lens and of the phone's own denoising, which leaves it faint and
  // spread over neighbouring pixels; a faint grain of each colour on top.
  for (let i = 0; i < sharp.length; i++) sharp[i]! += noise(30);
  const soft = boxBlur(sharp, width, height, Math.max(1, Math.round(scale / 4)));
  const clamp = (n: number) => Math.max(0, Math.min(255, Math.round(n)));
  const grain = options.grain ?? 3;
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    // A dim screen: white reads as light grey, black as dark grey, with a blue cast.
    const value = 35 + (soft[i]! / 255) * 165;
    rgba[i * 4] = clamp(value - 6 + noise(grain));
    rgba[i * 4 + 1] = clamp(value + noise(grain));
    rgba[i * 4 + 2] = clamp(value + 10 + noise(grain));
    rgba[i * 4 + 3] = 255;
  }
  const still = jpeg.encode({ width, height, data: rgba }, quality).data;
  return options.exifOrientation === undefined ? still : withExifOrientation(still, options.exifOrientation);
}

function boxBlur(pixels: Float32Array, width: number, height: number, radius: number): Float32Array {
  const pass = (from: Float32Array, horizontal: boolean): Float32Array => {
    const to = new Float32Array(from.length);
    const [lines, along] = horizontal ? [height, width] : [width, height];
    for (let line = 0; line < lines; line++) {
      const at = (i: number) => (horizontal ? line * width + i : i * width + line);
      let sum = 0;
      let count = 0;
      for (let i = -radius; i < along + radius; i++) {
        if (i + radius < along) {
          sum += from[at(i + radius)]!;
          count++;
        }
        if (i - radius - 1 >= 0) {
          sum -= from[at(i - radius - 1)]!;
          count--;
        }
        if (i >= 0 && i < along) to[at(i)] = sum / count;
      }
    }
    return to;
  };
  return pass(pass(pixels, true), false);
}

/** The JPEG with an Exif segment after its SOI marker holding one tag, the orientation, as cameras write it. */
function withExifOrientation(still: Buffer, orientation: number): Buffer {
  const tiff = Buffer.from([
    ...[0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08], // big-endian TIFF header, IFD0 at offset 8
    ...[0x00, 0x01], // one entry
    ...[0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00], // Orientation, SHORT, 1
    ...[0x00, 0x00, 0x00, 0x00], // no next IFD
  ]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(body.length + 2);
  return Buffer.concat([still.subarray(0, 2), Buffer.from([0xff, 0xe1]), length, body, still.subarray(2)]);
}
