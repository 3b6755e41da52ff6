import { writeFileSync } from 'node:fs';
import { qrPng } from './signatureQrFrames.js';

/**
 * The frames written as PNG files: `out.png` when there is one, `out-1.png`, `out-2.png`… in showing order when
 * there are several (several signatures, or an animated code). Never over an existing file.
 */
export async function writeQrFiles(out: string, frames: readonly string[]): Promise<string[]> {
  const stem = out.replace(/\.png$/i, '');
  const paths = frames.length === 1 ? [out] : frames.map((_, i) => `${stem}-${i + 1}.png`);
  for (const [i, frame] of frames.entries()) writeFileSync(paths[i]!, await qrPng(frame), { flag: 'wx' });
  return paths;
}
