import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrPng, signatureQrTexts } from '../../electron/core/bundle/qr/signatureQrFrames.js';
import { signatureUr } from '../../electron/core/bundle/qr/signatureUr.js';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { cameraStill } from '../bundle/cameraStill.js';
import { OWNER_KEYS, pauseItem, signHash, STRANGER, stationWith } from '../bundle/signatureStations.js';
import { runGuardian } from './runGuardian.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-bundle-photo-'));
const item = pauseItem(0n);
const hash = item.safeTxHash;
const [a, b] = OWNER_KEYS as [typeof STRANGER, typeof STRANGER];

/** A data directory that knows the Safe and holds the transaction, with these owners' signatures. */
function dataDir(name: string, signers: (typeof STRANGER)[]): Record<string, string> {
  const store = stationWith(openStore({ dataDir: join(dir, name) }), [item]);
  for (const key of signers)
    store.addConfirmation(hash, { owner: key.address, signature: signHash(key, hash) }, 'local');
  store.close();
  return { GUARDIAN_DATA_DIR: join(dir, name) };
}

function confirmationsIn(env: Record<string, string>): string[] {
  const store = openStore({ dataDir: env.GUARDIAN_DATA_DIR! });
  try {
    return store.getQueueItem(hash).confirmations.map((c) => c.owner);
  } finally {
    store.close();
  }
}

let station: Record<string, string>;
beforeAll(() => {
  station = dataDir('station', [a]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("guardian bundle import of a camera's photo of the station's QR code", () => {
  it('adds the signature read from a JPEG photo of the picture the station drew', async () => {
    const drawn = join(dir, 'sigs.png');
    const written = await runGuardian(['bundle', 'signatures', hash, '--qr', drawn], station);
    expect(written.code, written.stderr).toBe(0);
    const photo = join(dir, 'photo.jpg');
    writeFileSync(
      photo,
      cameraStill(readFileSync(drawn), {
        width: 1512,
        height: 2016,
        scale: 1.6,
        tilt: 93,
        quality: 75,
        exifOrientation: 6,
      }),
    );
    const online = dataDir('online-photo', []);
    const imported = await runGuardian(['bundle', 'import', photo, '--no-post'], online);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`1 signature(s) added to ${hash}: ${a.address}.`);
    expect(confirmationsIn(online)).toEqual([a.address]);
  }, 180_000);

  it("reassembles an animated code from one photo per frame, given in any order, into two owners' signatures", async () => {
    const urs = [a, b].map((key) => signatureUr(hash, signHash(key, hash)));
    const codes = signatureQrTexts(urs, 60);
    expect(codes.map((frames) => frames.length > 1)).toEqual([true, true]);
    const frames = codes.flat();
    const photos = await Promise.all(
      frames.map(async (frame, i) => {
        const path = join(dir, `IMG_${1000 + i}.JPG`);
        const tilt = [-7, 4, 181, 88, -2, 12][i % 6]!;
        writeFileSync(
          path,
          cameraStill(await qrPng(frame), { width: 1024, height: 768, scale: 1.4, tilt, quality: 65, seed: i + 1 }),
        );
        return path;
      }),
    );
    const online = dataDir('online-animated', []);
    const imported = await runGuardian(['bundle', 'import', ...photos.reverse(), '--no-post'], online);
    expect(imported.code, imported.stderr).toBe(0);
    expect(confirmationsIn(online).sort()).toEqual([a.address, b.address].sort());
  }, 180_000);

  it('refuses a JPEG that claims 100 megapixels from its header, as a typed error and no stack trace', async () => {
    const small = Buffer.from(jpeg.encode({ width: 8, height: 8, data: Buffer.alloc(256, 128) }, 80).data);
    const at = small.indexOf(Buffer.from([0xff, 0xc0]));
    small.writeUInt16BE(10_000, at + 5);
    small.writeUInt16BE(10_000, at + 7);
    const path = join(dir, 'huge.jpg');
    writeFileSync(path, small);
    const run = await runGuardian(['bundle', 'import', path], dataDir('online-huge', []));
    expect(run.stderr).toContain(`${path} is 10000x10000 pixels (100 megapixels); pictures of up to 25 megapixels`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(EXIT_FOR_ERROR.INVALID_FILE);
  });
});
