import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureUr, signatureUrText } from '../../electron/core/bundle/qr/signatureUr.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { OWNER_KEYS, pauseItem, signHash, STRANGER, stationWith } from '../bundle/signatureStations.js';
import { runGuardian } from './runGuardian.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-bundle-qr-cli-'));
const item = pauseItem(0n);
const hash = item.safeTxHash;
// In the order the store keeps (and prints) owners: by address.
const [a, b] = [...OWNER_KEYS.slice(0, 2)].sort((x, y) =>
  x.address.toLowerCase() < y.address.toLowerCase() ? -1 : 1,
) as [typeof STRANGER, typeof STRANGER];

/** A data directory that knows the Safe and holds the transaction, with these owners' signatures. */
function dataDir(name: string, signers: (typeof STRANGER)[]): Record<string, string> {
  const store = stationWith(openStore({ dataDir: join(dir, name) }), [item]);
  for (const key of signers)
    store.addConfirmation(hash, { owner: key.address, signature: signHash(key, hash) }, 'local');
  store.close();
  return { GUARDIAN_DATA_DIR: join(dir, name) };
}

let station: Record<string, string>;
beforeAll(() => {
  station = dataDir('station', [a, b]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('guardian bundle signatures --qr / --ur, and bundle import of the pictures or lines', () => {
  it('writes a QR picture per signature, and the online station imports them from the pictures alone', async () => {
    const out = join(dir, 'sigs.png');
    const written = await runGuardian(['bundle', 'signatures', hash.slice(0, 12), '--qr', out], station);
    expect(written.code, written.stderr).toBe(0);
    const pictures = [join(dir, 'sigs-1.png'), join(dir, 'sigs-2.png')];
    expect(pictures.map((p) => existsSync(p))).toEqual([true, true]);
    expect(written.stdout).toContain(`as eth-signature QR codes (${a.address}: one code; ${b.address}: one code)`);
    expect(readFileSync(pictures[0]!).subarray(1, 4).toString()).toBe('PNG');

    const online = dataDir('online-png', []);
    const imported = await runGuardian(['bundle', 'import', ...pictures], online);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`2 signature(s) added to ${hash}: ${a.address}, ${b.address}.`);
    const store = openStore({ dataDir: online.GUARDIAN_DATA_DIR! });
    try {
      expect(store.getQueueItem(hash).confirmations.map((c) => c.owner)).toEqual([a.address, b.address]);
    } finally {
      store.close();
    }
  });

  it("prints the signatures as ur:eth-signature lines, and imports a file of them, refusing a stranger's line by name", async () => {
    const printed = await runGuardian(['bundle', 'signatures', hash, '--ur'], station);
    expect(printed.code, printed.stderr).toBe(0);
    const lines = printed.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^ur:eth-signature\/[a-z]+$/);
    const path = join(dir, 'sigs.txt');
    writeFileSync(path, [lines[0], signatureUrText(signatureUr(hash, signHash(STRANGER, hash))), ''].join('\n'));

    const online = dataDir('online-txt', []);
    const imported = await runGuardian(['bundle', 'import', path], online);
    expect(imported.stdout).toContain(`1 signature(s) added to ${hash}: ${a.address}.`);
    expect(imported.stderr).toContain(`REFUSED ${path}: ${STRANGER.address} is not an owner of Safe`);
    expect(imported.stderr).toContain('[SIGNER_NOT_OWNER]');
    expect(imported.code).toBe(1);
  });

  it('refuses a picture that shows no code, and a transaction this station does not hold', async () => {
    const blank = join(dir, 'blank.png');
    const white = new PNG({ width: 64, height: 64 });
    white.data.fill(255);
    writeFileSync(blank, PNG.sync.write(white));
    const none = await runGuardian(['bundle', 'import', blank], station);
    expect(none.stderr).toContain(`${blank} shows no QR code that can be read`);
    expect(none.code).not.toBe(0);

    const other = join(dir, 'other.txt');
    const stranger = pauseItem(5n).safeTxHash;
    writeFileSync(other, `${signatureUrText(signatureUr(stranger, signHash(a, stranger)))}\n`);
    const unknown = await runGuardian(['bundle', 'import', other], dataDir('online-unknown', []));
    expect(unknown.stderr).toContain(
      `${other} line 1 is a signature for transaction ${stranger.slice(0, 34)}… (its request-id), which is not stored here`,
    );
    expect(unknown.stdout).toContain('No signature added');
    expect(unknown.code).toBe(1);
  });
});
