import { describe, expect, it } from 'vitest';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { txFlags } from './commandLineFixtures.js';
import { runGuardian } from './runGuardian.js';

describe('a negative number typed as a flag', () => {
  it('says the flag needs a non-negative integer, typed with a space or with =, in words and in JSON', async () => {
    for (const [flag, value] of [
      ['--nonce', '-1'],
      ['--value', '-0x10'],
      ['--safe-tx-gas', '-5'],
    ] as const) {
      const spaced = await runGuardian(['hashes', ...txFlags({ [flag]: value })]);
      expect(spaced.code, spaced.stderr).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
      expect(spaced.stderr).toBe(
        `guardian hashes: ${flag} needs a non-negative integer, got ${value}. [INVALID_INPUT]\n`,
      );
      const joined = await runGuardian([
        'hashes',
        ...txFlags({ [flag]: value }).filter((a) => a !== flag && a !== value),
        `${flag}=${value}`,
        '--json',
      ]);
      expect(joined.code, joined.stderr).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
      expect((JSON.parse(joined.stderr) as { error: { message: string } }).error.message).toBe(
        `${flag} needs a non-negative integer, got ${value}.`,
      );
    }
  });

  it("keeps parseArgs' own words for a flag missing its value before another flag", async () => {
    const run = await runGuardian(['hashes', ...txFlags({}).slice(0, -1), '--json']);
    expect(run.code).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
    expect(run.stderr).toMatch(/ambiguous/);
  });
});
