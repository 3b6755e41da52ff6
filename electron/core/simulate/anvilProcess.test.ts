import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChildScript } from '../../../test/childProcess/bundleChildScript.js';
import { isGuardianError } from '../errors.js';
import { startAnvil, type AnvilProcess } from './anvilProcess.js';

async function rpc(rpcUrl: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return ((await response.json()) as { result: unknown }).result;
}

/** pids of anvil binaries serving `port`, read from /proc (the watchdog's sh is not counted). */
function anvilPidsOnPort(port: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const portAt = argv.indexOf('--port');
    if (/(^|\/)anvil(\.exe)?$/.test(argv[0] ?? '') && portAt > 0 && argv[portAt + 1] === String(port)) pids.push(Number(entry));
  }
  return pids;
}

async function until(condition: () => boolean | Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

let base: AnvilProcess;
beforeAll(async () => {
  base = await startAnvil({ chainId: 4242n });
});
afterAll(async () => base?.stop());

describe('startAnvil', () => {
  it('serves JSON-RPC on a loopback port with the chain id asked for', async () => {
    expect(base.rpcUrl).toBe(`http://127.0.0.1:${base.port}`);
    expect(await rpc(base.rpcUrl, 'eth_chainId')).toBe('0x1092');
  });

  it.runIf(process.platform === 'linux')('leaves no anvil process behind once stop() resolves, and stop() can be called twice', async () => {
    const anvil = await startAnvil();
    expect(anvilPidsOnPort(anvil.port)).toHaveLength(1);
    await anvil.stop();
    expect(anvilPidsOnPort(anvil.port)).toEqual([]);
    await expect(fetch(anvil.rpcUrl, { method: 'POST', body: '{}' })).rejects.toThrow();
    await anvil.stop();
  });

  it('forks a chain pinned at the block asked for, under the chain id asked for', async () => {
    await rpc(base.rpcUrl, 'anvil_mine', ['0x5']);
    const fork = await startAnvil({ forkUrl: base.rpcUrl, forkBlockNumber: 2n, chainId: 31337n });
    try {
      expect(await rpc(fork.rpcUrl, 'eth_blockNumber')).toBe('0x2');
      expect(await rpc(fork.rpcUrl, 'eth_chainId')).toBe('0x7a69');
    } finally {
      await fork.stop();
    }
  });

  it('refuses to start with a flag anvil does not know, as ANVIL_FAILED quoting anvil', async () => {
    const failure = await startAnvil({ args: ['--no-such-flag'] }).catch((error: unknown) => error);
    expect(isGuardianError(failure, 'ANVIL_FAILED')).toBe(true);
    expect((failure as Error).message).toContain("unexpected argument '--no-such-flag'");
  });

  it('says ANVIL_FAILED with anvil\'s words when the fork source cannot be reached', async () => {
    const closed = await startAnvil();
    await closed.stop();
    const failure = await startAnvil({ forkUrl: closed.rpcUrl }).catch((error: unknown) => error);
    expect(isGuardianError(failure, 'ANVIL_FAILED')).toBe(true);
    expect((failure as Error).message).toMatch(/^anvil did not start \(exit code \d+\): .*failed to get fork block number.*Connection refused/s);
  });

  it.runIf(process.platform === 'linux')('ends anvil when the process that started it is SIGKILLed', async () => {
    const script = await bundleChildScript(
      `import { startAnvil } from './anvilProcess.js';
       const anvil = await startAnvil();
       process.stdout.write(anvil.port + '\\n');
       setInterval(() => {}, 1000);`,
      import.meta.dirname,
      'anvilOrphan',
    );
    const parent = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      parent.once('exit', (code) => reject(new Error(`the child exited (${code}) before starting anvil`)));
    });
    try {
      expect(anvilPidsOnPort(port)).toHaveLength(1);
      parent.kill('SIGKILL');
      expect(await until(() => anvilPidsOnPort(port).length === 0)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
      for (const pid of anvilPidsOnPort(port)) process.kill(pid, 'SIGKILL');
    }
  });
});
