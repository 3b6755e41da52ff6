import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChain, type TestChain } from './testChain.js';
import { createSafe, deploySafeContracts, safeAt, type SafeContracts } from './safeDeployment.js';

let chain: TestChain;
let contracts: SafeContracts;

beforeAll(async () => {
  chain = await startTestChain();
  contracts = await deploySafeContracts(chain);
});
afterAll(async () => chain?.stop());

describe('the test chain', () => {
  it('deploys every Safe v1.4.1 contract with code at its address', async () => {
    for (const address of Object.values(contracts)) {
      expect((await chain.provider.getCode(address)).length).toBeGreaterThan(2);
    }
  });

  it('creates a 2-of-3 Safe 1.4.1 that reports its owners, threshold and version', async () => {
    const owners = chain.wallets.slice(0, 3).map((w) => w.address);
    const safe = safeAt(await createSafe(chain, contracts, { owners, threshold: 2 }), chain.provider);
    expect(await safe.getFunction('getOwners')()).toEqual(owners);
    expect(await safe.getFunction('getThreshold')()).toBe(2n);
    expect(await safe.getFunction('VERSION')()).toBe('1.4.1');
    expect(await safe.getFunction('nonce')()).toBe(0n);
  });

  it('stops anvil for good', async () => {
    const other = await startTestChain();
    await other.stop();
    await expect(fetch(other.rpcUrl, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
