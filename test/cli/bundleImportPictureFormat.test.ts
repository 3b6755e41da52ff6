import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { runGuardian } from './runGuardian.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-bundle-picture-format-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The first bytes each format opens with (JFIF, and the ISO box of an iPhone's HEIC), then zeros.
const pictures = [
  { format: 'JPEG', file: 'sigs.jpg', head: 'ffd8ffe000104a46494600' },
  { format: 'HEIC', file: 'IMG_0042.HEIC', head: '0000001866747970686569630000' },
  { format: 'JPEG', file: 'sigs.png', head: 'ffd8ffe1001845786966' },
];

describe('guardian bundle import of a camera picture that is not a PNG', () => {
  it.each(pictures)('names a $format picture ($file) and asks for a PNG, not "not valid JSON"', async (p) => {
    const path = join(dir, p.file);
    writeFileSync(path, Buffer.concat([Buffer.from(p.head, 'hex'), Buffer.alloc(200)]));
    const run = await runGuardian(['bundle', 'import', path], { GUARDIAN_DATA_DIR: join(dir, 'data') });
    expect(run.stderr).toContain(`${path} is a ${p.format} picture; only PNG pictures are read here.`);
    expect(run.stderr).not.toMatch(/JSON/);
    expect(run.code).toBe(EXIT_FOR_ERROR.INVALID_FILE);
  });
});
