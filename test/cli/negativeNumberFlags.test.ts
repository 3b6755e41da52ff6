import { describe, expect, it } from 'vitest';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { runGuardian } from './runGuardian.js';

const safe = '0x5afe3855358e112b5647b952709e6165e1c1eeee';
const to = '0x9cbd9a5f3b3e8b71ab7e7e1c6b6ef8b8d6e7bc11';
const hashFlags = (overrides: Record<string, string>) =>
  Object.entries({
    '--chain-id': '1',
    '--safe': safe,
    '--safe-version': '1.4.1',
    '--to': to,
    '--nonce': '0',
    ...overrides,
  }).flat();

describe('a negative number typed as a flag', () => {
  it('says the flag needs a non-negative integer, typed with a space or with =, in words and in JSON', async () => {
    for (const [flag, value] of [
      ['--nonce', '-1'],
      ['--value', '-0x10'],
      ['--safe-tx-gas', '-5'],
    ] as const) {
      const spaced = await runGuardian(['hashes', ...hashFlags({ [flag]: value })]);
      expect(spaced.code, spaced.stderr).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
      expect(spaced.stderr).toBe(
        `guardian hashes: ${flag} needs a non-negative integer, got ${value}. [INVALID_INPUT]\n`,
      );
      const joined = await runGuardian([
        'hashes',
        ...hashFlags({ [flag]: value }).filter((a) => a !== flag && a !== value),
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
    const run = await runGuardian(['hashes', ...hashFlags({}).slice(0, -1), '--json']);
    expect(run.code).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
    expect(run.stderr).toMatch(/ambiguous/);
  });
});
