import type { Pixels } from './picturePixels.js';

/** The picture at half its width and height, each pixel the mean of the four it covers. */
export function halvedPixels(picture: Pixels): Pixels {
  const width = picture.width >> 1;
  const height = picture.height >> 1;
  const data = new Uint8ClampedArray(width * height * 4);
  const row = picture.width * 4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = 2 * y * row + 2 * x * 4;
      const to = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) {
        const sum =
          picture.data[from + c]! +
          picture.data[from + 4 + c]! +
          picture.data[from + row + c]! +
          picture.data[from + row + 4 + c]!;
        data[to + c] = sum / 4;
      }
    }
  }
  return { width, height, data };
}
