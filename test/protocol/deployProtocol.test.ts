import { execFileSync } from 'node:child_process';
import { getAddress, id } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol, ERC1967_IMPLEMENTATION_SLOT, type Protocol } from './deployProtocol.js';

let chain: TestChain;
let protocol: Protocol;
let safe: string;

beforeAll(async () => {
  chain = await startTestChain();
  // A plain account stands in for the Safe here: these tests are about the fixtures, not the Safe.
  safe = chain.wallets[1]!.address;
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
});
afterAll(async () => chain?.stop());

const implementationOf = async (proxy: string) => getAddress(`0x${(await chain.provider.getStorage(proxy, ERC1967_IMPLEMENTATION_SLOT)).slice(26)}`);

describe('the protocol fixtures', () => {
  it('ship compiled artifacts that match their sources', () => {
    const check = execFileSync(process.execPath, ['contracts/compile.mjs', '--check'], { encoding: 'utf8' });
    expect(check).toMatch(/up to date/);
  });

  it('give the Safe the UUPS vault, the ProxyAdmin and the timelock proposer role', async () => {
    expect(await protocol.vault.getFunction('owner')()).toBe(safe);
    expect(await protocol.proxyAdmin.getFunction('owner')()).toBe(safe);
    expect(await protocol.transparentVault.getFunction('owner')()).toBe(safe);
    expect(await protocol.timelock.getFunction('hasRole')(id('PROPOSER_ROLE'), safe)).toBe(true);
    expect(await implementationOf(await protocol.vault.getAddress())).toBe(protocol.vaultImplementation);
  });

  it('lets only the owner pause, and the owner upgrade the UUPS vault to V2', async () => {
    await expect(protocol.vault.connect(chain.wallets[2]!).getFunction('pause')()).rejects.toThrow();
    const asSafe = protocol.vault.connect(chain.wallets[1]!);
    await (await asSafe.getFunction('pause')()).wait();
    expect(await protocol.vault.getFunction('paused')()).toBe(true);
    await (await asSafe.getFunction('upgradeToAndCall')(protocol.vaultV2Implementation, '0x')).wait();
    expect(await implementationOf(await protocol.vault.getAddress())).toBe(protocol.vaultV2Implementation);
    expect(await protocol.vault.getFunction('paused')()).toBe(true);
  });
});
