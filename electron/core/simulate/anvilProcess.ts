import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { GuardianError } from '../errors.js';

export interface AnvilOptions {
  chainId?: bigint;
  /** Fork this RPC, pinned at `forkBlockNumber` so a review is repeatable. */
  forkUrl?: string;
  forkBlockNumber?: bigint;
  args?: string[];
}

export interface AnvilProcess {
  rpcUrl: string;
  port: number;
  stop(): Promise<void>;
}

/** The anvil binary shipped inside @foundry-rs/anvil's per-platform package (no download at install time). */
export function anvilBinaryPath(): string {
  const require = createRequire(import.meta.url);
  const platformPackage = `@foundry-rs/anvil-${process.platform === 'win32' ? 'win32' : process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
  try {
    const dir = dirname(require.resolve(`${platformPackage}/package.json`));
    const bin = join(dir, 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
    if (existsSync(bin)) return bin;
  } catch {
    // fall through to the error below
  }
  throw new GuardianError('ANVIL_FAILED', `anvil is not installed for ${process.platform}/${process.arch} (package ${platformPackage}). Run npm install.`);
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answersRpc(rpcUrl: string): Promise<boolean> {
  try {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function killAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // An anvil left behind would hold a port and keep serving stale state to the next review.
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/** Starts anvil on 127.0.0.1 (never another interface) and resolves once it answers JSON-RPC. */
export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilProcess> {
  const port = await freeLoopbackPort();
  const args = ['--host', '127.0.0.1', '--port', String(port), '--silent'];
  if (options.chainId !== undefined) args.push('--chain-id', options.chainId.toString());
  if (options.forkUrl) args.push('--fork-url', options.forkUrl);
  if (options.forkBlockNumber !== undefined) args.push('--fork-block-number', options.forkBlockNumber.toString());
  args.push(...(options.args ?? []));

  const child = spawn(anvilBinaryPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  killAllOnExit();
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
    running.delete(child);
  });

  const rpcUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (!(await answersRpc(rpcUrl))) {
    if (exitCode !== undefined || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new GuardianError('ANVIL_FAILED', `anvil did not start${exitCode !== undefined ? ` (exit code ${exitCode})` : ' within 30 s'}: ${stderr.trim() || 'no output'}`, {
        details: { args },
      });
    }
    await new Promise((r) => setTimeout(r, 25));
  }

  return {
    rpcUrl,
    port,
    async stop() {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
