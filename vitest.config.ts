import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'test/**/*.test.ts',
      'contracts/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    // Tests start real anvil chains and a real browser; a slow CI machine must not turn them into flakes.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: more workers than that only makes every anvil slower.
    maxWorkers: 2,
  },
});
