import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const guardianBin = fileURLToPath(new URL('../../bin/guardian', import.meta.url));

export interface GuardianRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `guardian` command as a user would (bin/guardian, which picks the project's Node), with its
 * own data directory. `npm test` builds first, so this exercises what ships.
 */
export function runGuardian(args: string[], env: Record<string, string> = {}): Promise<GuardianRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(guardianBin, args, {
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
