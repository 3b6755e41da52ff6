import jsQR from 'jsqr';
import { GuardianError } from '../../errors.js';
import { halvedPixels } from './halvedPixels.js';
import { picturePixels } from './picturePixels.js';

/**
 * The smallest side a picture is halved to. A signature's code is about 60 modules across with its margin, and
 * jsQR wants two pixels or more a module; 300 leaves that even when the code fills half the photo's short side.
 */
const MIN_HALVED_SIDE = 300;

/**
 * The text of the QR code in a PNG or JPEG picture: a screenshot, or a camera's photo of the station's screen.
 * A phone held upright stores its pixels turned a quarter and says so in its Exif orientation; that is not read,
 * since jsQR finds a code in any rotation, and mirrored (the other Exif orientations).
 *
 * A grainy photo is tried again at half size, and half that: jsQR thresholds each 8x8 block at its own mean, so
 * per-pixel noise over a flat part of the code reads as speckle; averaging neighbouring pixels takes it away.
 */
export function readQrPicture(bytes: Uint8Array, name: string): string {
  let picture = picturePixels(bytes, name);
  for (let attempt = 0; attempt < 3; attempt++) {
    const code = jsQR(picture.data, picture.width, picture.height);
    if (code && code.data.length > 0) return code.data;
    if (Math.min(picture.width, picture.height) < 2 * MIN_HALVED_SIDE) break;
    picture = halvedPixels(picture);
  }
  throw new GuardianError(
    'INVALID_FILE',
    `${name} shows no QR code that can be read: take the picture again, square on and in focus.`,
  );
}
