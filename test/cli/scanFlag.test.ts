import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { runGuardian } from './runGuardian.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-scan-flag-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// No transaction or message is stored: the flag must be refused before either is looked up or a device opened.
describe('--scan of guardian sign, message sign and nested sign', () => {
  it.each([
    ['sign', 'abc'],
    ['sign', '0'],
    ['sign', '2.5'],
    ['message sign', 'five'],
    ['message sign', '0'],
    ['nested sign', '0'],
    ['nested sign', 'abc'],
  ])('%s refuses --scan %s by name instead of scanning the default five accounts', async (verb, scan) => {
    // nested sign also needs the owner Safe it signs for, given here so --scan is the only thing wrong.
    const inner = verb === 'nested sign' ? ['--inner', `1:0x${'11'.repeat(20)}`] : [];
    const run = await runGuardian([...verb.split(' '), '0xabcdef12', ...inner, '--scan', scan], {
      GUARDIAN_DATA_DIR: dir,
    });
    expect(run.stderr).toContain(`--scan takes how many accounts of each layout to look through`);
    expect(run.stderr).toContain(`not "${scan}"`);
    expect(run.code).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
  });
});
