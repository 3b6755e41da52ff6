/** A JPEG's frame header (its SOFn segment): the size and sampling the decoder will allocate for. */
export interface JpegFrame {
  width: number;
  height: number;
  /** Baseline (SOF0), extended (SOF1) and progressive (SOF2) are decoded here; the others (lossless, arithmetic) are not. */
  kind: 'baseline' | 'extended' | 'progressive' | 'other';
  /** Each component's horizontal and vertical sampling factors. */
  components: ReadonlyArray<{ h: number; v: number }>;
}

export const isJpeg = (bytes: Uint8Array): boolean =>
  bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

const KINDS: Record<number, JpegFrame['kind']> = { 0xc0: 'baseline', 0xc1: 'extended', 0xc2: 'progressive' };
// Every SOFn marker: C4 (Huffman tables), C8 (reserved) and CC (arithmetic conditioning) sit among them and are not.
const isFrameMarker = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/**
 * The frame header, read by walking the segments before the first scan, or null when there is none. Read before
 * the decoder runs so a picture's size and memory are judged from a few bytes, never after allocating for them.
 */
export function jpegFrame(bytes: Uint8Array): JpegFrame | null {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    // A run of 0xFF is padding before a marker.
    if (marker === 0xff) {
      at++;
      continue;
    }
    // Start of scan, or end of image, before any frame: not a picture.
    if (marker === 0xda || marker === 0xd9) return null;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (isFrameMarker(marker)) {
      const body = at + 4;
      if (body + 6 > bytes.length) return null;
      const count = bytes[body + 5]!;
      const components = [];
      for (let i = 0; i < count; i++) {
        const sampling = bytes[body + 6 + i * 3 + 1];
        if (sampling === undefined) return null;
        components.push({ h: sampling >> 4, v: sampling & 0x0f });
      }
      return {
        height: (bytes[body + 1]! << 8) | bytes[body + 2]!,
        width: (bytes[body + 3]! << 8) | bytes[body + 4]!,
        kind: KINDS[marker] ?? 'other',
        components,
      };
    }
    at += 2 + length;
  }
  return null;
}

/**
 * The bytes jpeg-js allocates to decode this frame, in its own accounting, made before it allocates anything: per
 * 8x8 block of each component (over whole MCUs) 64 Int32 coefficients and 64 output samples, then the picture
 * once with a byte per component and once as RGBA.
 */
export function jpegDecodeBytes(frame: JpegFrame): number {
  const maxH = Math.max(1, ...frame.components.map((c) => c.h));
  const maxV = Math.max(1, ...frame.components.map((c) => c.v));
  const mcusPerLine = Math.ceil(frame.width / 8 / maxH);
  const mcusPerColumn = Math.ceil(frame.height / 8 / maxV);
  const blocks = frame.components.reduce((sum, c) => sum + mcusPerLine * c.h * mcusPerColumn * c.v, 0);
  return blocks * (256 + 64) + frame.width * frame.height * (frame.components.length + 4);
}
