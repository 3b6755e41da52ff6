import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGuardian } from './runGuardian.js';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-bundle-cli-'));
const env = { GUARDIAN_DATA_DIR: join(dir, 'data') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('guardian bundle', () => {
  it('names a file that is neither a review bundle nor a signatures file, and one that is not JSON', async () => {
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ format: 'something-else' }));
    const run = await runGuardian(['bundle', 'import', other], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      `${other} is neither a review bundle nor a signatures file (its format is "something-else")`,
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format": "guardian-review-bundle",');
    const bad = await runGuardian(['bundle', 'import', broken], env);
    expect(bad.stderr).toContain(`${broken} is not valid JSON at position 36 (line 1, column 37)`);
    expect(bad.code).toBe(EXIT_FOR_ERROR.INVALID_FILE);
  });

  it('refuses a review bundle missing its pre-state, naming the field', async () => {
    const path = join(dir, 'partial.json');
    writeFileSync(
      path,
      JSON.stringify({
        format: 'guardian-review-bundle',
        version: 1,
        createdAt: 'now',
        safeTx: {},
        claimedSafeTxHash: null,
        safe: { owners: [], threshold: 1, nonce: '0', version: '1.4.1' },
        confirmations: [],
        abis: [],
      }),
    );
    const run = await runGuardian(['bundle', 'import', path], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/is not a Guardian review bundle: safe\.owners: /);
  });

  it('asks for --out before writing anything', async () => {
    const run = await runGuardian(['bundle', 'export', '0x1234567890'], env);
    expect(run.stderr).toContain('guardian bundle export writes a file: give --out.');
  });
});
