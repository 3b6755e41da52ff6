import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { runGuardian } from './runGuardian.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-bundle-picture-format-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The first bytes each format opens with (the ISO box of an iPhone's HEIC, RIFF WebP, GIF89a), then zeros.
const pictures = [
  { format: 'HEIC', file: 'IMG_0042.HEIC', head: '0000001866747970686569630000' },
  { format: 'WebP', file: 'sigs.webp', head: '52494646000000005745425056503820' },
  { format: 'GIF', file: 'sigs.png', head: '474946383961' },
];

describe('guardian bundle import of a camera picture that is neither PNG nor JPEG', () => {
  it.each(pictures)('names a $format picture ($file) and asks for a JPEG or PNG, not "not valid JSON"', async (p) => {
    const path = join(dir, p.file);
    writeFileSync(path, Buffer.concat([Buffer.from(p.head, 'hex'), Buffer.alloc(200)]));
    const run = await runGuardian(['bundle', 'import', path], { GUARDIAN_DATA_DIR: join(dir, 'data') });
    expect(run.stderr).toContain(`${path} is a ${p.format} picture; only PNG and JPEG pictures are read here.`);
    expect(run.stderr).not.toMatch(/JSON/);
    expect(run.code).toBe(EXIT_FOR_ERROR.INVALID_FILE);
  });

  it('names a JPEG cut short before its frame (named .png) as an unreadable JPEG, not "not valid JSON"', async () => {
    const path = join(dir, 'cut.png');
    writeFileSync(path, Buffer.concat([Buffer.from('ffd8ffe000104a46494600', 'hex'), Buffer.alloc(200)]));
    const run = await runGuardian(['bundle', 'import', path], { GUARDIAN_DATA_DIR: join(dir, 'data') });
    expect(run.stderr).toContain(`${path} is not a readable JPEG picture: it has no frame header.`);
    expect(run.stderr).not.toMatch(/JSON/);
    expect(run.code).toBe(EXIT_FOR_ERROR.INVALID_FILE);
  });
});
