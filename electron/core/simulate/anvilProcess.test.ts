import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
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

/** pids of the processes listening on 127.0.0.1:`port`, read from /proc: the socket's inode, then whose fd it is. */
function anvilPidsOnPort(port: number): number[] {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set(
    readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[1] === local && fields[3] === '0A')
      .map((fields) => `socket:[${fields[9]}]`),
  );
  const pids: number[] = [];
  if (inodes.size === 0) return pids;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readdirSync(`/proc/${entry}/fd`).some((fd) => inodes.has(readlinkSync(`/proc/${entry}/fd/${fd}`))))
        pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
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

  it('gives anvils started together each its own port, serving its own chain', async () => {
    const anvils = await Promise.all([1n, 2n, 3n, 4n, 5n, 6n].map((n) => startAnvil({ chainId: 9000n + n })));
    try {
      expect(new Set(anvils.map((a) => a.port)).size).toBe(anvils.length);
      expect(await Promise.all(anvils.map((a) => rpc(a.rpcUrl, 'eth_chainId')))).toEqual([
        '0x2329',
        '0x232a',
        '0x232b',
        '0x232c',
        '0x232d',
        '0x232e',
      ]);
    } finally {
      await Promise.all(anvils.map((a) => a.stop()));
    }
  });

  it.runIf(process.platform === 'linux')(
    'leaves no anvil process behind once stop() resolves, and stop() can be called twice',
    async () => {
      const anvil = await startAnvil();
      expect(anvilPidsOnPort(anvil.port)).toHaveLength(1);
      await anvil.stop();
      expect(anvilPidsOnPort(anvil.port)).toEqual([]);
      await expect(fetch(anvil.rpcUrl, { method: 'POST', body: '{}' })).rejects.toThrow();
      await anvil.stop();
    },
  );

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

  it("says ANVIL_FAILED with anvil's words when the fork source cannot be reached", async () => {
    const closed = await startAnvil();
    await closed.stop();
    const failure = await startAnvil({ forkUrl: closed.rpcUrl }).catch((error: unknown) => error);
    expect(isGuardianError(failure, 'ANVIL_FAILED')).toBe(true);
    expect((failure as Error).message).toMatch(
      /^anvil did not start \(exit code \d+\): .*failed to get fork block number.*Connection refused/s,
    );
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
