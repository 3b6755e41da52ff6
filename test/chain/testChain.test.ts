import { dataSlice, getAddress, id, ZeroAddress, ZeroHash } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLegacySafe, deployLegacySafe, LEGACY_SAFE_VERSIONS } from './legacySafes.js';
import { createSafe, deploySafeContracts, safeAt, type SafeContracts } from './safeDeployment.js';
import { startTestChain, type TestChain } from './testChain.js';

let chain: TestChain;
let contracts: SafeContracts;

beforeAll(async () => {
  chain = await startTestChain();
  contracts = await deploySafeContracts(chain);
});
afterAll(async () => chain?.stop());

/** The address a proxy or the Safe keeps in `slot`, read straight from storage. */
async function addressIn(address: string, slot: string | number): Promise<string> {
  return getAddress(dataSlice(await chain.provider.getStorage(address, slot), 12));
}

describe('the test chain', () => {
  it('is anvil chain 31337 with its ten funded default accounts', async () => {
    expect(chain.chainId).toBe(31337n);
    expect(chain.wallets).toHaveLength(10);
    expect(chain.wallets[0]!.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(await chain.provider.getBalance(chain.wallets[5]!.address)).toBeGreaterThan(0n);
  });

  it('deploys every Safe v1.4.1 contract, each at its own address with code', async () => {
    const addresses = Object.values(contracts);
    expect(new Set(addresses).size).toBe(9);
    for (const address of addresses) expect((await chain.provider.getCode(address)).length).toBeGreaterThan(2);
  });

  it('creates a 2-of-3 Safe 1.4.1 that reports its owners, threshold, version and fallback handler', async () => {
    const owners = chain.wallets.slice(0, 3).map((w) => w.address);
    const address = await createSafe(chain, contracts, { owners, threshold: 2 });
    const safe = safeAt(address, chain.provider);
    expect(await safe.getFunction('getOwners')()).toEqual(owners);
    expect(await safe.getFunction('getThreshold')()).toBe(2n);
    expect(await safe.getFunction('VERSION')()).toBe('1.4.1');
    expect(await safe.getFunction('nonce')()).toBe(0n);
    expect(await addressIn(address, 0)).toBe(contracts.safeSingleton);
    expect(await addressIn(address, id('fallback_manager.handler.address'))).toBe(contracts.fallbackHandler);
  });

  it('creates an L2 Safe on the SafeL2 singleton, at a new address each time', async () => {
    const owners = [chain.wallets[0]!.address];
    const first = await createSafe(chain, contracts, { owners, threshold: 1, l2: true });
    const second = await createSafe(chain, contracts, { owners, threshold: 1, l2: true });
    expect(second).not.toBe(first);
    expect(await addressIn(first, 0)).toBe(contracts.safeL2Singleton);
  });

  it('runs every legacy singleton: VERSION() is its release and getTransactionHash answers', async () => {
    for (const version of LEGACY_SAFE_VERSIONS) {
      const { contract } = await deployLegacySafe(chain, version);
      expect(await contract.getFunction('VERSION')()).toBe(version);
      const hash = (await contract.getFunction('getTransactionHash')(
        ZeroAddress,
        0,
        '0x',
        0,
        0,
        0,
        0,
        ZeroAddress,
        ZeroAddress,
        0,
      )) as string;
      expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
      expect(hash).not.toBe(ZeroHash);
    }
  });

  it('creates a working 2-of-3 Safe 1.3.0 proxy', async () => {
    const owners = chain.wallets.slice(0, 3).map((w) => w.address);
    const safe = await createLegacySafe(chain, '1.3.0', { owners, threshold: 2 });
    expect(await safe.getFunction('getOwners')()).toEqual(owners);
    expect(await safe.getFunction('getThreshold')()).toBe(2n);
    expect(await safe.getFunction('VERSION')()).toBe('1.3.0');
    expect(await safe.getFunction('nonce')()).toBe(0n);
  });

  it('stops anvil for good', async () => {
    const other = await startTestChain();
    await other.stop();
    await expect(fetch(other.rpcUrl, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
