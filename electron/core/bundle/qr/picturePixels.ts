import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { GuardianError } from '../../errors.js';
import { isJpeg, jpegDecodeBytes, jpegFrame } from './jpegFrame.js';

/**
 * A phone saves 12 megapixels, a camera 24. A JPEG or PNG of one flat colour stays a few kilobytes however many
 * pixels it claims, so a hostile file would otherwise make this process allocate gigabytes for a "picture".
 */
export const MAX_PICTURE_MEGAPIXELS = 25;
/** What jpeg-js may allocate for one picture: a 24-megapixel photo as cameras save it (4:2:0 colour) takes 350. */
export const MAX_DECODE_MB = 512;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const isPng = (bytes: Uint8Array): boolean =>
  bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(PNG_MAGIC);

/** A picture this station decodes itself: PNG (a screenshot) or JPEG (a camera's photo). */
export const isReadablePicture = (bytes: Uint8Array): boolean => isPng(bytes) || isJpeg(bytes);

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, four bytes a pixel, rows top to bottom. */
  data: Uint8ClampedArray;
}

/** The pixels of a PNG or JPEG, its size judged from its header before anything is decoded. */
export function picturePixels(bytes: Uint8Array, name: string): Pixels {
  return isJpeg(bytes) ? jpegPixels(bytes, name) : pngPixels(bytes, name);
}

function checkSize(name: string, width: number, height: number): void {
  if (width * height > MAX_PICTURE_MEGAPIXELS * 1_000_000)
    throw new GuardianError(
      'INVALID_FILE',
      `${name} is ${width}x${height} pixels (${Math.ceil((width * height) / 1_000_000)} megapixels); pictures of up to ${MAX_PICTURE_MEGAPIXELS} megapixels are read here. Take the photo at the camera's usual size, or crop it to the code.`,
      { details: { width, height } },
    );
}

function pngPixels(bytes: Uint8Array, name: string): Pixels {
  // IHDR is the first chunk: its width and height follow the signature, the chunk length and its type.
  if (isPng(bytes) && bytes.length >= 24) {
    const header = Buffer.from(bytes.subarray(16, 24));
    checkSize(name, header.readUInt32BE(0), header.readUInt32BE(4));
  }
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes));
  } catch (cause) {
    throw new GuardianError('INVALID_FILE', `${name} is not a readable PNG picture.`, { cause });
  }
  return {
    width: png.width,
    height: png.height,
    data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
  };
}

function jpegPixels(bytes: Uint8Array, name: string): Pixels {
  const frame = jpegFrame(bytes);
  if (!frame)
    throw new GuardianError('INVALID_FILE', `${name} is not a readable JPEG picture: it has no frame header.`);
  checkSize(name, frame.width, frame.height);
  if (frame.kind === 'other')
    throw new GuardianError(
      'INVALID_FILE',
      `${name} is a lossless or arithmetic-coded JPEG, which is not read here: save it as an ordinary JPEG or as a PNG.`,
    );
  const needed = jpegDecodeBytes(frame);
  if (needed > MAX_DECODE_MB * 1024 * 1024)
    throw new GuardianError(
      'INVALID_FILE',
      `${name} would take ${Math.ceil(needed / 1024 / 1024)} MB to decode (${frame.components.length} colour components); no photo of a QR code takes more than ${MAX_DECODE_MB}.`,
      { details: { width: frame.width, height: frame.height, components: frame.components.length } },
    );
  try {
    // The same limits again, in the decoder's own accounting: a second line should the header walk and it disagree.
    const image = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_PICTURE_MEGAPIXELS,
      maxMemoryUsageInMB: MAX_DECODE_MB,
    });
    return {
      width: image.width,
      height: image.height,
      data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length),
    };
  } catch (cause) {
    throw new GuardianError('INVALID_FILE', `${name} is not a readable JPEG picture.`, { cause });
  }
}
