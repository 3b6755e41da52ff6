import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm start', () => {
  it("says plainly that Electron's binary is missing, points to the CLI and fails, when there is no binary", () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-electron-'));
    try {
      // An empty override folder stands for the closed network's install: the package without its binary.
      const run = spawnSync(process.execPath, ['scripts/start.mjs'], {
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
        timeout: 20_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("Electron's binary is missing");
      expect(run.stderr).toContain('npx guardian --help');
      expect(run.stdout).toBe('');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
