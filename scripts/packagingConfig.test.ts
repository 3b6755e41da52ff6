import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder's own loader and validator: the config is judged by the schema the packager applies, so a
// typo'd key fails here, not on a release machine with the signing keys in reach.
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Record<string, any>>;
  validateConfiguration(config: Record<string, any>, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

async function packagingConfig() {
  return getConfig(root, join(root, 'electron-builder.yml'), null);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('packaging (electron-builder.yml)', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(await packagingConfig(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('targets AppImage and deb on Linux, dmg on macOS and nsis on Windows', async () => {
    const config = await packagingConfig();
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    expect(config.extraMetadata.main).toBe('dist/electron/main.cjs');
  });

  it('has an icon large enough for every platform (512 px for dmg, 256 for nsis)', async () => {
    const config = await packagingConfig();
    const { width, height } = pngSize(join(root, config.icon));
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(512);
  });

  it('names an author and a deb maintainer', async () => {
    const config = await packagingConfig();
    expect(pkg.author.name).toBeTruthy();
    expect(pkg.author.email).toMatch(/@/);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
  });

  it('keeps signing credentials out of the file: they come from the environment', async () => {
    const config = await packagingConfig();
    const text = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    for (const key of ['cscLink', 'cscKeyPassword', 'certificatePassword', 'appleId', 'appleIdPassword'])
      expect(text).not.toContain(key);
    expect(config.mac.hardenedRuntime).toBe(true);
  });

  it('publishes nothing and ships no auto-updater, which would install whatever a server hands it', async () => {
    const config = await packagingConfig();
    expect(config.publish).toBeNull();
    expect({ ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty('electron-updater');
  });
});
