import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { GuardianError } from '../errors.js';

export interface AnvilOptions {
  chainId?: bigint;
  /** Fork this RPC, pinned at `forkBlockNumber` so a review is repeatable. */
  forkUrl?: string;
  forkBlockNumber?: bigint;
  /** Extra anvil flags (`--hardfork`, `--block-time`, ...), appended last. */
  args?: string[];
}

export interface AnvilProcess {
  rpcUrl: string;
  port: number;
  /** Ends anvil and resolves once it has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

/** @foundry-rs/anvil ships one binary package per platform, named like this (its own table, in const.mjs). */
const platformPackages: Record<string, Record<string, string>> = {
  darwin: { x64: 'anvil-darwin-amd64', arm64: 'anvil-darwin-arm64' },
  linux: { x64: 'anvil-linux-amd64', arm64: 'anvil-linux-arm64' },
  win32: { x64: 'anvil-win32-amd64' },
};

/**
 * The real anvil binary, not node_modules/.bin/anvil: that is a Node wrapper, one more process between us and
 * anvil that a hard kill would orphan. The platform package holds the binary; when npm skipped it, the
 * package's postinstall downloads one beside itself.
 */
export function anvilBinaryPath(): string {
  const require = createRequire(import.meta.url);
  const binaryName = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
  const platformPackage = platformPackages[process.platform]?.[process.arch];
  const candidates: string[] = [];
  for (const pkg of [platformPackage && `@foundry-rs/${platformPackage}`, '@foundry-rs/anvil']) {
    if (!pkg) continue;
    try {
      const dir = dirname(require.resolve(`${pkg}/package.json`));
      candidates.push(join(dir, 'bin', binaryName), join(dir, binaryName));
    } catch {
      // not installed: try the next place
    }
  }
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  throw new GuardianError(
    'ANVIL_FAILED',
    platformPackage
      ? `anvil is not installed for ${process.platform}/${process.arch} (package @foundry-rs/${platformPackage}). Run npm install.`
      : `anvil has no build for ${process.platform}/${process.arch}, so transactions cannot be simulated on this machine.`,
    { details: { platform: process.platform, arch: process.arch, looked: candidates } },
  );
}

/**
 * Switches off anvil's per-request log (it prints every call while not --silent); true once anvil has answered,
 * false while it cannot be reached yet.
 */
async function switchOffRequestLog(rpcUrl: string): Promise<boolean> {
  try {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'anvil_setLoggingEnabled', params: [false] }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * POSIX: anvil runs under a tiny sh watchdog that holds the read end of a pipe (fd 3) whose write end only this
 * process holds. However this process ends, SIGKILL included, the kernel closes that end, the watchdog reads
 * EOF and ends anvil. An orphaned anvil would keep a port and keep serving a stale fork to whatever asks.
 * stop() closes the pipe itself, so there is one way down.
 */
const WATCHDOG = [
  '"$0" "$@" 3<&- &',
  'anvil=$!',
  '( while read -r _ <&3; do :; done; kill "$anvil" 2>/dev/null ) &',
  'watcher=$!',
  'wait "$anvil"',
  'code=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$code"',
].join('\n');
const useWatchdog = process.platform !== 'win32';

function spawnAnvil(args: string[]): { child: ChildProcess; lifeline: Writable | undefined } {
  const binary = anvilBinaryPath();
  if (!useWatchdog) {
    // Windows has no sh; the exit hook below is all there is, so a hard-killed parent can leave anvil behind.
    return {
      child: spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true }),
      lifeline: undefined,
    };
  }
  // detached: its own process group, so a last-resort SIGKILL reaches the watchdog and anvil together.
  const child = spawn('/bin/sh', ['-c', WATCHDOG, binary, ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    detached: true,
  });
  return { child, lifeline: child.stdio[3] as Writable };
}

function killHard(child: ChildProcess): void {
  try {
    if (useWatchdog && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    // already gone
  }
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function killAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) killHard(child);
  });
}

const START_TIMEOUT_MS = 30_000;
const LISTENING = /Listening on 127\.0\.0\.1:(\d+)/;

/** The port anvil's banner announces on stdout, or null once it exits or the deadline passes. Its stdout is drained after. */
function listeningPort(child: ChildProcess, exited: Promise<void>, deadline: number): Promise<number | null> {
  const stdout = child.stdout;
  if (!stdout) return Promise.resolve(null);
  return new Promise((resolve) => {
    let seen = '';
    const timer = setTimeout(() => done(null), Math.max(0, deadline - Date.now()));
    const done = (port: number | null) => {
      clearTimeout(timer);
      stdout.off('data', onData);
      // Keep reading what little anvil still prints, so its pipe never fills and blocks it.
      stdout.resume();
      resolve(port);
    };
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4000);
      const match = LISTENING.exec(seen);
      if (match) done(Number(match[1]));
    };
    stdout.on('data', onData);
    void exited.then(() => done(null));
  });
}

/**
 * Starts anvil on 127.0.0.1 (never another interface) and resolves once it answers JSON-RPC. anvil binds port 0
 * and says which port it got: a port picked here and handed over could be taken in between by another anvil,
 * and this one would then talk to a chain it did not start, shared with whoever did.
 */
export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilProcess> {
  // Not --silent: the port is in anvil's start-up banner. Its per-request log is switched off once it answers.
  const args = ['--host', '127.0.0.1', '--port', '0'];
  if (options.chainId !== undefined) args.push('--chain-id', options.chainId.toString());
  if (options.forkUrl) args.push('--fork-url', options.forkUrl);
  if (options.forkBlockNumber !== undefined) args.push('--fork-block-number', options.forkBlockNumber.toString());
  args.push(...(options.args ?? []));

  const { child, lifeline } = spawnAnvil(args);
  running.add(child);
  killAllOnExit();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  // The pipe breaks when the watchdog dies first; nothing to do then but not crash.
  lifeline?.on('error', () => {});
  let spawnError: Error | undefined;
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (error) => {
      spawnError = error;
      exitCode ??= null;
      resolve();
    });
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    });
  });
  void exited.then(() => {
    running.delete(child);
    lifeline?.destroy();
  });

  const deadline = Date.now() + START_TIMEOUT_MS;
  const fail = async (why: string): Promise<never> => {
    killHard(child);
    await exited;
    const tail = stderr.trim();
    throw new GuardianError(
      'ANVIL_FAILED',
      `anvil did not start (${spawnError ? spawnError.message : exitCode !== undefined ? `exit code ${exitCode}` : why})${tail ? `: ${tail}` : ''}`,
      {
        details: { args, stderr: tail },
        cause: spawnError,
      },
    );
  };
  const port = await listeningPort(child, exited, deadline);
  if (port === null) return fail(`no port announced within ${START_TIMEOUT_MS / 1000} s`);
  const rpcUrl = `http://127.0.0.1:${port}`;
  while (!(await switchOffRequestLog(rpcUrl))) {
    if (exitCode !== undefined || Date.now() > deadline) return fail(`no answer within ${START_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }

  return {
    rpcUrl,
    port,
    async stop() {
      if (exitCode === undefined) {
        if (lifeline) lifeline.destroy();
        else child.kill('SIGTERM');
        const timer = setTimeout(() => killHard(child), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
