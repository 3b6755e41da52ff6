import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import { runGuardian } from './runGuardian.js';
import { EXIT, EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-decode-'));
const env = { GUARDIAN_DATA_DIR: join(dir, 'data') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const safe = '0x5afe3855358e112b5647b952709e6165e1c1eeee';
const vault = '0x1212121212121212121212121212121212121212';
const vaultIface = new Interface(['function pause()', 'function transferOwnership(address)']);

function batchFile(): string {
  const path = join(dir, 'batch.json');
  writeFileSync(
    path,
    JSON.stringify({
      version: '1.0',
      chainId: '1',
      meta: { name: 'Emergency', createdFromSafeAddress: safe },
      transactions: [
        { to: vault, value: '0', data: vaultIface.encodeFunctionData('pause') },
        { to: vault, value: '0', data: vaultIface.encodeFunctionData('transferOwnership', ['0x' + '66'.repeat(20)]) },
      ],
    }),
  );
  return path;
}

describe('guardian abi add and guardian decode', () => {
  it('registers a contract artifact and decodes a batch file with its name, classes and DELEGATECALL noted', async () => {
    const add = await runGuardian(['abi', 'add', `1:${vault}`, 'contracts/artifacts/Vault.json'], env);
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/Registered Vault at 1:0x1212/);
    const run = await runGuardian(
      ['decode', batchFile(), '--chain-id', '1', '--safe-version', '1.4.1', '--nonce', '3'],
      env,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1\. Pauses Vault \(0x1212…1212\)\s+\[emergency-pause; registered\]/);
    expect(run.stdout).toMatch(/2\. Transfers ownership of Vault \(0x1212…1212\) to 0x6666/);
    expect(run.stdout).toMatch(/DELEGATECALL to a known MultiSend/);
    const json = await runGuardian(
      ['decode', batchFile(), '--chain-id', '1', '--safe-version', '1.4.1', '--nonce', '3', '--json'],
      env,
    );
    const [decoded] = JSON.parse(json.stdout) as Array<{
      classes: string[];
      flags: { delegatecallToUnknown: boolean };
    }>;
    expect(decoded).toMatchObject({
      classes: ['role-or-ownership', 'emergency-pause'],
      flags: { delegatecallToUnknown: false },
    });
  });

  it('refuses an ABI file that is not an ABI, naming the file', async () => {
    const path = join(dir, 'notabi.json');
    writeFileSync(path, JSON.stringify({ hello: 'world' }));
    const run = await runGuardian(['abi', 'add', `1:${vault}`, path], env);
    expect(run.code).toBe(EXIT_FOR_ERROR.INVALID_FILE);
    expect(run.stderr).toMatch(/notabi\.json holds no ABI/);
  });

  it('decodes a bare call given by flags, naming the protocol artifact that decoded it', async () => {
    const data = vaultIface.encodeFunctionData('pause');
    const run = await runGuardian(
      [
        'decode',
        '--chain-id',
        '5',
        '--safe',
        safe,
        '--to',
        vault,
        '--data',
        data,
        '--artifacts',
        'contracts/artifacts',
        '--json',
      ],
      env,
    );
    expect(run.code).toBe(0);
    const [decoded] = JSON.parse(run.stdout) as Array<{
      classes: string[];
      actions: Array<{ source: string; signature: string }>;
    }>;
    expect(decoded).toMatchObject({
      classes: ['emergency-pause'],
      actions: [{ source: 'artifact', signature: 'pause()' }],
    });
  });

  it('refuses a bare call whose calldata is not whole hex bytes', async () => {
    const run = await runGuardian(['decode', '--chain-id', '5', '--safe', safe, '--to', vault, '--data', '0x123'], env);
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.stderr).toMatch(/--data must be 0x-prefixed hex/);
  });
});
