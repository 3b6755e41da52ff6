import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import { runGuardian } from './runGuardian.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-descriptor-'));
const env = { GUARDIAN_DATA_DIR: join(dir, 'data') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const safe = '0x5afe3855358e112b5647b952709e6165e1c1eeee';
const vault = '0x1212121212121212121212121212121212121212';

describe('guardian descriptor add and decode', () => {
  it("trusts a descriptor file and decodes a call to its deployment in the descriptor's words, naming it", async () => {
    const json = JSON.parse(readFileSync('contracts/descriptors/Vault.erc7730.json', 'utf8'));
    json.context.contract.deployments = [{ chainId: 1, address: vault }];
    const file = join(dir, 'Vault.erc7730.json');
    writeFileSync(file, JSON.stringify(json));
    const add = await runGuardian(['descriptor', 'add', file, '--json'], env);
    expect(add.code).toBe(0);
    const saved = JSON.parse(add.stdout);
    expect(saved).toMatchObject({
      owner: 'Guardian Console drill protocol',
      deployments: [`1:0x1212121212121212121212121212121212121212`],
      addedBy: 'local',
    });
    const data = new Interface(
      JSON.parse(readFileSync('contracts/artifacts/Vault.json', 'utf8')).abi,
    ).encodeFunctionData('pause');
    const run = await runGuardian(['decode', '--chain-id', '1', '--safe', safe, '--to', vault, '--data', data], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Pause the vault on 0x1212/);
    expect(run.stdout).toContain(
      `described by ERC-7730 descriptor Guardian Console drill protocol (sha256 ${saved.sha256.slice(0, 12)}`,
    );
  });

  it('refuses a file that is not a descriptor, naming the field', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ context: {}, metadata: { owner: 'x' }, display: { formats: {} } }));
    const run = await runGuardian(['descriptor', 'add', file], env);
    expect(run.code).toBe(65);
    expect(run.stderr).toMatch(/context\.contract/);
  });
});
